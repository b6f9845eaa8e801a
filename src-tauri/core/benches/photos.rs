//! Photo import throughput: reads every JPEG/PNG/TIFF/WebP/GIF in a folder, hashes it (SHA-256,
//! as the archive does) and runs `photo::extract` on it, in parallel on all cores with rayon;
//! prints photos per second, per-stage times and peak RSS.
//!
//! `cargo bench -p folio-core --bench photos -- DIR` (or `FOLIO_BENCH_PHOTOS=DIR`). A corpus:
//! `python3 shared/bench/make_corpus.py /tmp/corpus --photos 100 --megapixels 12 --articles 0`.
//! Without a folder it prints a notice and exits successfully. When the folder's parent holds the
//! corpus generator's `manifest.jsonl`, every draft is then checked against it (untimed).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use folio_core::photo;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .or_else(|| std::env::var("FOLIO_BENCH_PHOTOS").ok())
        .map(PathBuf::from);
    let Some(dir) = dir.filter(|d| d.is_dir()) else {
        println!("photos bench: no folder given (argument or FOLIO_BENCH_PHOTOS); skipped");
        return;
    };
    let files = photo_files(&dir);
    if files.is_empty() {
        println!("photos bench: no photos in {}; skipped", dir.display());
        return;
    }

    let (read_ns, hash_ns, extract_ns) = (AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0));
    let (bytes_total, failed) = (AtomicU64::new(0), AtomicUsize::new(0));
    let timed = |counter: &AtomicU64, start: Instant| {
        counter.fetch_add(
            u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
    };
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    files.par_iter().for_each(|path| {
        let t = Instant::now();
        let Ok(bytes) = std::fs::read(path) else {
            failed.fetch_add(1, Ordering::Relaxed);
            return;
        };
        timed(&read_ns, t);
        bytes_total.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        let t = Instant::now();
        std::hint::black_box(Sha256::digest(&bytes));
        timed(&hash_ns, t);
        let t = Instant::now();
        match photo::extract(&bytes) {
            Ok(draft) => {
                std::hint::black_box(draft);
            }
            Err(e) => {
                failed.fetch_add(1, Ordering::Relaxed);
                eprintln!("{}: {e}", path.display());
            }
        }
        timed(&extract_ns, t);
    });
    let wall = started.elapsed();
    let cpu = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);

    let n = files.len();
    let per_photo = |ns: &AtomicU64| Duration::from_nanos(ns.load(Ordering::Relaxed) / n as u64);
    println!("photos bench: {} files from {}", n, dir.display());
    println!("  threads          {}", rayon::current_num_threads());
    println!("  wall time        {:.2} s", wall.as_secs_f64());
    println!(
        "  throughput       {:.1} photos/s, {:.0} MB/s",
        n as f64 / wall.as_secs_f64(),
        bytes_total.load(Ordering::Relaxed) as f64 / 1e6 / wall.as_secs_f64()
    );
    println!(
        "  per photo (CPU)  read {:?}, sha256 {:?}, extract {:?}",
        per_photo(&read_ns),
        per_photo(&hash_ns),
        per_photo(&extract_ns)
    );
    println!("  failed           {}", failed.load(Ordering::Relaxed));
    if let Some(cpu) = cpu {
        println!(
            "  CPU time         {cpu:.2} s (user + sys), {:.1} ms per photo",
            cpu * 1000.0 / n as f64
        );
    }
    println!(
        "  peak RSS         {}",
        peak_rss().unwrap_or_else(|| "unknown on this OS".into())
    );
    check_against_manifest(&dir);
}

/// Compares caption, byline, credit, keywords and date with `../manifest.jsonl`, if present.
fn check_against_manifest(dir: &Path) {
    let Some(root) = dir.parent() else { return };
    let manifest = root.join("manifest.jsonl");
    let Ok(text) = std::fs::read_to_string(&manifest) else {
        return;
    };
    let (mut checked, mut wrong) = (0, Vec::new());
    for line in text.lines() {
        let Ok(row) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(path) = row["path"].as_str().filter(|_| row["kind"] == "photo") else {
            continue;
        };
        let Ok(bytes) = std::fs::read(root.join(path)) else {
            continue;
        };
        let Ok(draft) = photo::extract(&bytes) else {
            wrong.push(format!("{path}: failed"));
            continue;
        };
        checked += 1;
        let keywords: Vec<&str> = row["keywords"].as_array().map_or(Vec::new(), |k| {
            k.iter().filter_map(|k| k.as_str()).collect()
        });
        let date = row["datetime"]
            .as_str()
            .unwrap_or("")
            .replacen(':', "-", 2)
            .replacen(' ', "T", 1);
        let ok = row["caption"] == draft.caption.as_str()
            && row["byline"] == draft.byline.as_str()
            && row["credit"] == draft.credit.as_str()
            && keywords == draft.keywords
            && draft.taken.as_deref() == Some(date.as_str());
        if !ok {
            wrong.push(format!("{path}: got {draft:?}"));
        }
    }
    println!(
        "  metadata check   {checked} photos against {}: {} mismatches",
        manifest.display(),
        wrong.len()
    );
    for w in wrong.iter().take(5) {
        println!("    {w}");
    }
}

fn photo_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| {
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_lowercase();
        ["jpg", "jpeg", "png", "tif", "tiff", "webp", "gif"].contains(&ext.as_str())
    });
    files.sort();
    files
}

/// User plus system CPU time of this process so far, from `/proc/self/stat` (Linux; assumes the
/// usual 100 clock ticks per second).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The process's peak resident set size, from `/proc/self/status` (Linux).
fn peak_rss() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.0} MiB", kib as f64 / 1024.0))
}
