//! Unpacking a dropped ZIP safely into a temporary folder, so its entries import as if dropped.
//!
//! Entries whose names would escape the folder (`..`, absolute paths, drives, UNC paths, with
//! either separator) or that are symbolic links are never written; names Windows reserves are
//! renamed, and names that differ only in case or Unicode form get a number instead of one
//! overwriting the other. Names from ZIP tools that predate the UTF-8 flag are read as the GBK or
//! DOS Cyrillic they usually are. Bombs are stopped by limits on the entry count, the total size and the
//! compression ratio — checked on the declared sizes first and enforced while reading, since
//! declared sizes can lie.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use super::report::ImportReport;
use crate::file_names::{self, UniqueNames};
use crate::text::human_size;

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
    let mut names_by_folder: HashMap<String, UniqueNames> = HashMap::new();
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
        let Some(mut relative) = file_names::zip_entry_path(&label) else {
            report.skip(
                shown,
                "unsafe name in the ZIP (it points outside the bundle); not extracted",
            );
            continue;
        };
        let Some(name) = relative
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
        else {
            continue;
        };
        let folder = relative.parent().map(|p| p.to_string_lossy().into_owned());
        let unique = names_by_folder
            .entry(file_names::collision_key(&folder.unwrap_or_default()))
            .or_default()
            .claim(&name);
        relative.set_file_name(unique);
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
    decode_entry_name(entry.name_raw())
}

/// An entry's name as text. ZIP tools without the UTF-8 flag write names in the system's DOS
/// code page: GBK on Chinese Windows, CP866 on Russian Windows (rarely the ANSI CP1251).
fn decode_entry_name(raw: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(raw) {
        return text.to_string();
    }
    // DOS Cyrillic first and strictly: its letters fill 0x80–0xAF and 0xE0–0xF1, where GBK's
    // common characters would show as box-drawing signs.
    let (dos_cyrillic, _, _) = encoding_rs::IBM866.decode(raw);
    if share(&dos_cyrillic, is_cyrillic) == Some(1.0) {
        return dos_cyrillic.into_owned();
    }
    let (gbk, _, gbk_failed) = encoding_rs::GB18030.decode(raw);
    if !gbk_failed && share(&gbk, is_cjk).is_some_and(|s| s >= 0.8) {
        return gbk.into_owned();
    }
    let (windows_cyrillic, _, _) = encoding_rs::WINDOWS_1251.decode(raw);
    if share(&windows_cyrillic, is_cyrillic).is_some_and(|s| s >= 0.8) {
        return windows_cyrillic.into_owned();
    }
    String::from_utf8_lossy(raw).into_owned()
}

/// The share of the non-ASCII characters of `text` that pass `test`; `None` if there are none.
fn share(text: &str, test: fn(char) -> bool) -> Option<f64> {
    let (mut passing, mut all) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        all += 1;
        passing += usize::from(test(c));
    }
    (all > 0).then(|| passing as f64 / all as f64)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '№')
}

fn check_ratio(size: u64, compressed: u64, label: &str, limits: &ZipLimits) -> Result<(), String> {
    let ratio = size / compressed.max(1);
    if size > RATIO_FLOOR && ratio > limits.max_ratio {
        return Err(format!(
            "ZIP entry {label} would expand {ratio}:1 to {} — a ZIP bomb; the ZIP was not \
             imported",
            human_size(size)
        ));
    }
    Ok(())
}

fn check_total(total: u64, limits: &ZipLimits) -> Result<(), String> {
    if total > limits.max_total_bytes {
        return Err(format!(
            "the ZIP would expand to more than {} — too large or a ZIP bomb; not imported",
            human_size(limits.max_total_bytes)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::decode_entry_name;

    #[test]
    fn names_without_the_utf8_flag_are_read_in_their_code_page() {
        let gbk = encoding_rs::GBK.encode("新闻稿/北京.txt").0;
        assert_eq!(decode_entry_name(&gbk), "新闻稿/北京.txt");
        let dos = encoding_rs::IBM866.encode("Новости/Сколково №2.jpg").0;
        assert_eq!(decode_entry_name(&dos), "Новости/Сколково №2.jpg");
        let ansi = encoding_rs::WINDOWS_1251.encode("Пресс-релиз.docx").0;
        assert_eq!(decode_entry_name(&ansi), "Пресс-релиз.docx");
        assert_eq!(decode_entry_name("Ёлка.txt".as_bytes()), "Ёлка.txt");
        assert_eq!(decode_entry_name(b"plain.txt"), "plain.txt");
    }
}
