//! A similarity query over a million photo fingerprints (generated directly), and finding every
//! group among tens of thousands: the core's own scan (`similar/scan.rs`, `photo/fingerprint.rs`),
//! compiled here on its own. It needs nothing else, so it can be measured optimised without an
//! optimised build of the whole core:
//!
//! `rustc -O --edition 2024 src-tauri/core/benches/similar_scan.rs -o /tmp/similar_scan && /tmp/similar_scan`
//! (or `cargo bench -p folio-core --bench similar_scan`; `-- --queries N --grouped N`).

// The two modules are the core's: what the core uses of them and this benchmark does not is
// unused here, and so are their unit tests' imports when the benchmark is checked as a test.
#![allow(dead_code, unused_imports)]

#[path = "../src/photo/fingerprint.rs"]
pub mod fingerprint;
#[path = "../src/similar/scan.rs"]
mod scan;

/// The path the scan names its distance by in the core.
mod photo {
    pub use super::fingerprint;
}

use std::time::{Duration, Instant};

use scan::FingerprintSet;

/// The core's default threshold (`similar::DEFAULT_PHOTO_BITS`).
const THRESHOLD: u32 = 10;
const PHOTOS: usize = 1_000_000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let argument = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|at| args.get(at + 1))
            .and_then(|value| value.parse().ok())
            .unwrap_or(default)
    };
    query(argument("--queries", 200));
    grouping(argument("--grouped", 20_000));
}

/// SplitMix64: fingerprints spread like real ones (about half the bits differ).
fn random(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn query(queries: usize) {
    println!("== A similarity query over {PHOTOS} fingerprints, {queries} queries");
    let mut next = random(0x5EED);
    let mut set = FingerprintSet::with_capacity(PHOTOS);
    let mut stored = Vec::with_capacity(PHOTOS);
    for id in 0..PHOTOS {
        let fingerprint = next();
        stored.push(fingerprint);
        set.push(id as i64, fingerprint);
    }
    let mut times: Vec<Duration> = Vec::with_capacity(queries);
    let mut found = 0usize;
    for index in 0..queries {
        // Half the queries are a stored fingerprint with three bits changed (a copy), half new.
        let query = if index % 2 == 0 {
            stored[(next() % PHOTOS as u64) as usize] ^ 0b1011
        } else {
            next()
        };
        let t = Instant::now();
        found += std::hint::black_box(set.within(query, THRESHOLD)).len();
        times.push(t.elapsed());
    }
    times.sort_unstable();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "   within {THRESHOLD} bits: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({found} found)",
        at(0.50).as_secs_f64() * 1000.0,
        at(0.95).as_secs_f64() * 1000.0,
        at(1.0).as_secs_f64() * 1000.0
    );
}

/// Finding every group needs every close pair (through the multi-index of `close_pairs`).
fn grouping(count: usize) {
    println!("== Every close pair among {count} photos");
    let mut next = random(0xF00D);
    let mut set = FingerprintSet::with_capacity(count);
    for id in 0..count {
        set.push(id as i64, next());
    }
    let t = Instant::now();
    let pairs = std::hint::black_box(set.close_pairs(THRESHOLD)).len();
    println!(
        "   within {THRESHOLD} bits: {:.2} s ({pairs} pairs)",
        t.elapsed().as_secs_f64()
    );
}
