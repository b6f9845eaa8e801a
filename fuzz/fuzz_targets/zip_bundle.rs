//! Dropped ZIP bundles: the central directory, entry names, the bomb limits and the unpacking
//! into a temporary folder. The reader takes a path, so each input is written to a file first.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use folio_core::import::ZipLimits;
use folio_core::import::zip_bundle::{Unpacking, unpack};
use folio_core::progress::CancelToken;
use libfuzzer_sys::fuzz_target;

/// One input file per fuzzing process, rewritten for every input.
static INPUT: LazyLock<PathBuf> = LazyLock::new(|| {
    std::env::temp_dir().join(format!("folio-fuzz-zip-{}.zip", std::process::id()))
});

/// Smaller than the app's limits so that an input which passes them costs milliseconds, not
/// gigabytes of disk; the checks are the same.
const LIMITS: ZipLimits = ZipLimits {
    max_entries: 1_000,
    max_total_bytes: 8 << 20,
    max_ratio: 200,
};

fuzz_target!(|bytes: &[u8]| {
    if std::fs::write(&*INPUT, bytes).is_err() {
        return;
    }
    let cancel = CancelToken::new();
    let unpacking = Unpacking {
        limits: &LIMITS,
        scratch: None,
        cancel: &cancel,
    };
    // The unpacked folder is a TempDir: dropping the result removes it.
    let _ = unpack(&INPUT, "bundle.zip", &unpacking, 0);
});
