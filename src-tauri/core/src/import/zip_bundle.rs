//! Unpacking a dropped ZIP safely into a temporary folder, so its entries import as if dropped.
//!
//! Entries whose names would escape the folder (`..`, absolute paths) or that are symbolic links
//! are never written. Bombs are stopped by limits on the entry count, the total size and the
//! compression ratio — checked on the declared sizes first and enforced while reading, since
//! declared sizes can lie.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use super::report::ImportReport;

#[derive(Debug, Clone, Copy)]
pub struct ZipLimits {
    pub max_entries: usize,
    pub max_total_bytes: u64,
    /// Uncompressed ÷ compressed size above which an entry (of more than 1 MB) is a bomb.
    pub max_ratio: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        Self {
            max_entries: 100_000,
            max_total_bytes: 16 << 30,
            max_ratio: 200,
        }
    }
}

const RATIO_FLOOR: u64 = 1 << 20;

#[derive(Debug)]
pub struct Unpacked {
    pub dir: tempfile::TempDir,
    pub report: ImportReport,
}

/// Unpacks `path` into a new temporary folder. An error means nothing of the ZIP is imported.
pub fn unpack(path: &Path, display: &str, limits: &ZipLimits) -> Result<Unpacked, String> {
    let file = File::open(path).map_err(|e| super::plan::describe_io(&e, "cannot open ZIP"))?;
    let mut zip = zip::ZipArchive::new(file)
        .map_err(|e| format!("not a readable ZIP file ({e}); it may be damaged or incomplete"))?;
    if zip.len() > limits.max_entries {
        return Err(format!(
            "the ZIP holds {} entries, more than the {} Folio accepts at once; not imported",
            zip.len(),
            limits.max_entries
        ));
    }
    let dir = tempfile::Builder::new()
        .prefix("folio-zip-")
        .tempdir()
        .map_err(|e| super::plan::describe_io(&e, "cannot create a temporary folder"))?;
    let mut report = ImportReport::default();

    // Declared sizes first: refuse an obvious bomb before writing anything.
    let mut declared_total: u64 = 0;
    for index in 0..zip.len() {
        let entry = zip
            .by_index_raw(index)
            .map_err(|e| format!("damaged ZIP entry {index}: {e}"))?;
        declared_total = declared_total.saturating_add(entry.size());
        check_ratio(
            entry.size(),
            entry.compressed_size(),
            &entry_label(&entry),
            limits,
        )?;
    }
    check_total(declared_total, limits)?;

    let mut written: u64 = 0;
    for index in 0..zip.len() {
        let mut entry = zip
            .by_index(index)
            .map_err(|e| format!("damaged ZIP entry {index}: {e}"))?;
        let label = entry_label(&entry);
        let shown = format!("{display}/{label}");
        if entry.is_dir() {
            continue;
        }
        if entry.is_symlink() {
            report.skip(shown, "symbolic link inside the ZIP; not followed");
            continue;
        }
        let Some(relative) = entry.enclosed_name() else {
            report.skip(
                shown,
                "unsafe name in the ZIP (it points outside the bundle); not extracted",
            );
            continue;
        };
        if relative.as_os_str().is_empty() {
            continue;
        }
        let target = dir.path().join(&relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| super::plan::describe_io(&e, "cannot unpack the ZIP"))?;
        }
        let declared = entry.size();
        let budget = limits.max_total_bytes.saturating_sub(written);
        // Read at most one byte more than declared and than the budget allows: a lying header
        // is caught without decompressing the rest.
        let cap = declared.min(budget).saturating_add(1);
        let mut out = File::create(&target)
            .map_err(|e| super::plan::describe_io(&e, "cannot unpack the ZIP"))?;
        let copied = io::copy(&mut (&mut entry).take(cap), &mut out);
        let copied = match copied {
            Ok(n) => n,
            Err(error) => {
                drop(out);
                let _ = fs::remove_file(&target);
                report.fail(shown, format!("damaged ZIP entry: {error}"));
                continue;
            }
        };
        if copied > declared {
            return Err(format!(
                "ZIP entry {label} is larger than its header says; the ZIP is damaged or \
                 hostile and was not imported"
            ));
        }
        written += copied;
        check_total(written, limits)?;
    }
    Ok(Unpacked { dir, report })
}

fn entry_label<R: Read>(entry: &zip::read::ZipFile<'_, R>) -> String {
    String::from_utf8_lossy(entry.name_raw()).into_owned()
}

fn check_ratio(size: u64, compressed: u64, label: &str, limits: &ZipLimits) -> Result<(), String> {
    let ratio = size / compressed.max(1);
    if size > RATIO_FLOOR && ratio > limits.max_ratio {
        return Err(format!(
            "ZIP entry {label} would expand {ratio}:1 to {size} bytes — a ZIP bomb; \
             the ZIP was not imported"
        ));
    }
    Ok(())
}

fn check_total(total: u64, limits: &ZipLimits) -> Result<(), String> {
    if total > limits.max_total_bytes {
        return Err(format!(
            "the ZIP would expand to more than {} GB — too large or a ZIP bomb; not imported",
            limits.max_total_bytes >> 30
        ));
    }
    Ok(())
}
