//! Unpacking a dropped ZIP safely into a temporary folder, so its entries import as if dropped.
//!
//! Entries whose names would escape the folder (`..`, absolute paths, drives, UNC paths, with
//! either separator) or that are symbolic links are never written; names Windows reserves are
//! renamed, and names that differ only in case or Unicode form get a number instead of one
//! overwriting the other. Names from ZIP tools that predate the UTF-8 flag are read as the GBK or
//! DOS Cyrillic they usually are. Bombs are stopped by limits on the entry count, the compression
//! ratio (of each large entry and of the whole ZIP) and one total for everything an import
//! unpacks, nested ZIPs included — checked on the declared sizes first and enforced while
//! reading, since declared sizes can lie. Two entries of one name are both accounted for: the
//! ZIP reader sees only the last, so the others are reported as such.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use super::report::ImportReport;
use crate::file_names::{self, UniqueNames};
use crate::progress::CancelToken;
use crate::text::human_size;

#[derive(Debug, Clone, Copy)]
pub struct ZipLimits {
    /// Entries of one ZIP.
    pub max_entries: usize,
    /// Bytes one import may unpack in all, nested ZIPs included.
    pub max_total_bytes: u64,
    /// Uncompressed ÷ compressed size above which a ZIP, or an entry of more than 1 MB, is a bomb.
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

/// Where and within what an import unpacks its ZIPs.
#[derive(Debug, Clone, Copy)]
pub struct Unpacking<'a> {
    pub limits: &'a ZipLimits,
    /// The folder temporary folders are made in (the archive's `tmp/`, emptied whenever the
    /// archive is opened for writing); the system's temporary folder when `None`.
    pub scratch: Option<&'a Path>,
    pub cancel: &'a CancelToken,
}

#[derive(Debug)]
pub struct Unpacked {
    pub dir: tempfile::TempDir,
    pub report: ImportReport,
    /// Bytes written into `dir`.
    pub written: u64,
}

/// Unpacks `path` into a new temporary folder; `already` is what this import unpacked before, so
/// the total stays within the limit. An error means nothing of the ZIP is imported.
pub fn unpack(
    path: &Path,
    display: &str,
    unpacking: &Unpacking<'_>,
    already: u64,
) -> Result<Unpacked, String> {
    let limits = unpacking.limits;
    let file = File::open(path).map_err(|e| super::plan::describe_io(&e, "cannot open ZIP"))?;
    let zip_bytes = file.metadata().map_or(0, |m| m.len());
    let mut zip = zip::ZipArchive::new(file)
        .map_err(|e| format!("not a readable ZIP file ({e}); it may be damaged or incomplete"))?;
    if zip.len() > limits.max_entries {
        return Err(format!(
            "the ZIP holds {} entries, more than the {} Folio accepts at once; not imported",
            zip.len(),
            limits.max_entries
        ));
    }
    let mut report = ImportReport::default();
    if zip.has_duplicate_names() {
        report_hidden_twins(path, &zip, display, &mut report)?;
    }

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
            &format!("ZIP entry {}", entry_label(&entry)),
            limits,
        )?;
    }
    check_ratio(declared_total, zip_bytes, "the ZIP", limits)?;
    check_total(already.saturating_add(declared_total), limits)?;

    let mut builder = tempfile::Builder::new();
    builder.prefix("zip-");
    let dir = match unpacking.scratch {
        Some(scratch) => fs::create_dir_all(scratch).and_then(|()| builder.tempdir_in(scratch)),
        None => builder.tempdir(),
    }
    .map_err(|e| super::plan::describe_io(&e, "cannot create a temporary folder"))?;
    let mut written: u64 = 0;
    let mut names_by_folder: HashMap<String, UniqueNames> = HashMap::new();
    for index in 0..zip.len() {
        if unpacking.cancel.is_cancelled() {
            return Err(super::report::CANCELLED.into());
        }
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
        let budget = limits
            .max_total_bytes
            .saturating_sub(already.saturating_add(written));
        // Read at most one byte more than declared and than the budget allows: a lying header
        // is caught without decompressing the rest.
        let cap = declared.min(budget).saturating_add(1);
        let mut out = File::create(&target)
            .map_err(|e| super::plan::describe_io(&e, "cannot unpack the ZIP"))?;
        let copied = io::copy(
            &mut unpacking.cancel.guard((&mut entry).take(cap)),
            &mut out,
        );
        if unpacking.cancel.is_cancelled() {
            return Err(super::report::CANCELLED.into());
        }
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
        check_total(already.saturating_add(written), limits)?;
    }
    Ok(Unpacked {
        dir,
        report,
        written,
    })
}

/// Reports the entries the ZIP reader cannot reach: of several entries with one name it keeps
/// only the last, so each earlier one gets a line of its own. The names come from the central
/// directory read directly.
fn report_hidden_twins(
    path: &Path,
    zip: &zip::ZipArchive<File>,
    display: &str,
    report: &mut ImportReport,
) -> Result<(), String> {
    let damaged = |_| "the ZIP's directory of entries is damaged; not imported".to_string();
    let mut file = File::open(path).map_err(|e| super::plan::describe_io(&e, "cannot open ZIP"))?;
    file.seek(SeekFrom::Start(zip.central_directory_start()))
        .map_err(damaged)?;
    let mut reader = io::BufReader::new(file);
    let mut seen: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut names = Vec::new();
    // A central directory header: signature, 24 bytes, name/extra/comment lengths, 12 bytes.
    let mut header = [0u8; 46];
    while names.len() <= zip.len().saturating_mul(2) {
        if reader.read_exact(&mut header).is_err() || header[..4] != [0x50, 0x4b, 0x01, 0x02] {
            break;
        }
        let length = |at: usize| usize::from(u16::from_le_bytes([header[at], header[at + 1]]));
        let mut name = vec![0u8; length(28)];
        reader.read_exact(&mut name).map_err(damaged)?;
        let skip = (length(30) + length(32)) as u64;
        io::copy(&mut (&mut reader).take(skip), &mut io::sink()).map_err(damaged)?;
        *seen.entry(name.clone()).or_default() += 1;
        names.push(name);
    }
    for name in names {
        let Some(count) = seen.get_mut(&name) else {
            continue;
        };
        if *count > 1 {
            *count -= 1;
            report.skip(
                format!("{display}/{}", decode_entry_name(&name)),
                "another entry of the same name follows in this ZIP; only the last of them is \
                 imported",
            );
        }
    }
    Ok(())
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

fn check_ratio(size: u64, compressed: u64, what: &str, limits: &ZipLimits) -> Result<(), String> {
    let ratio = size / compressed.max(1);
    if size > RATIO_FLOOR && ratio > limits.max_ratio {
        return Err(format!(
            "{what} would expand {ratio}:1 to {} — a ZIP bomb; the ZIP was not imported",
            human_size(size)
        ));
    }
    Ok(())
}

fn check_total(total: u64, limits: &ZipLimits) -> Result<(), String> {
    if total > limits.max_total_bytes {
        return Err(format!(
            "the ZIP would take this import past {} unpacked — too large or a ZIP bomb; not \
             imported",
            human_size(limits.max_total_bytes)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::import::plan;

    /// Bytes that do not compress: a ZIP of them is as large as they are.
    fn noise(len: usize, seed: u64) -> Vec<u8> {
        let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (0..len)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (state >> 56) as u8
            })
            .collect()
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(data).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn nested_zips_share_one_budget_for_the_whole_import() {
        let temp = tempfile::tempdir().unwrap();
        let inner_a = zip_of(&[("a.bin", &noise(700 << 10, 1))]);
        let inner_b = zip_of(&[("b.bin", &noise(700 << 10, 2))]);
        let outer = temp.path().join("outer.zip");
        fs::write(&outer, zip_of(&[("a.zip", &inner_a), ("b.zip", &inner_b)])).unwrap();
        // The outer ZIP's 1.4 MB and either inner ZIP fit; the second inner one passes the total.
        let limits = ZipLimits {
            max_total_bytes: 5 << 19,
            ..ZipLimits::default()
        };
        let cancel = CancelToken::new();
        let unpacking = Unpacking {
            limits: &limits,
            scratch: Some(temp.path()),
            cancel: &cancel,
        };
        let plan = plan::plan(&[outer], &unpacking);
        assert!(plan.unpacked_bytes <= 5 << 19, "{}", plan.unpacked_bytes);
        let refused: Vec<_> = plan
            .report
            .failed
            .iter()
            .filter(|f| f.error.contains("past 2.5 MB"))
            .collect();
        assert_eq!(refused.len(), 1, "{:?}", plan.report);
        assert!(
            refused[0].path.ends_with("outer.zip/b.zip"),
            "{:?}",
            refused[0]
        );
    }

    #[test]
    fn an_unpacked_folder_goes_as_soon_as_no_unit_holds_it() {
        let temp = tempfile::tempdir().unwrap();
        let zip = temp.path().join("notes.zip");
        fs::write(&zip, zip_of(&[("a.txt", b"Note\n\nText.\n")])).unwrap();
        let scratch = temp.path().join("scratch");
        let cancel = CancelToken::new();
        let unpacking = Unpacking {
            limits: &ZipLimits::default(),
            scratch: Some(&scratch),
            cancel: &cancel,
        };
        let plan = plan::plan(&[zip], &unpacking);
        assert_eq!(plan.units.len(), 1);
        let count = || fs::read_dir(&scratch).unwrap().count();
        assert_eq!(count(), 1, "held by its unit");
        drop(plan);
        assert_eq!(count(), 0, "gone with the last unit");
    }

    #[test]
    fn a_cancelled_import_unpacks_nothing_more() {
        let temp = tempfile::tempdir().unwrap();
        let zip = temp.path().join("notes.zip");
        fs::write(&zip, zip_of(&[("a.txt", b"Note\n\nText.\n")])).unwrap();
        let cancel = CancelToken::new();
        cancel.cancel();
        let unpacking = Unpacking {
            limits: &ZipLimits::default(),
            scratch: Some(temp.path()),
            cancel: &cancel,
        };
        let plan = plan::plan(&[zip], &unpacking);
        assert!(plan.units.is_empty());
        assert!(plan.report.cancelled);
        assert_eq!(
            plan.report.skipped[0].reason,
            crate::import::report::CANCELLED
        );
    }

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
