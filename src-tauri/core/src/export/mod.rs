//! Export (DESIGN §6): hands an ordered list of items over as a PDF dossier or as a BagIt bag in
//! a ZIP that another Folio imports back losslessly.
//!
//! Both formats are written to a temporary file beside the output and renamed into place when
//! complete, so a failed or cancelled export never leaves half a file.

pub mod bundle;
pub mod copies;
mod output;
pub mod pdf;

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::archive::Archive;
use crate::error::{Error, Result};
use crate::progress::{CancelToken, Progress, ProgressSink};

pub use crate::records::collections_of;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Pdf,
    Zip,
}

// The paper size of a PDF dossier. (Plain comments on IPC types keep the generated
// TypeScript free of doc blocks.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// What to export: the integrator resolves a selection, a collection or a saved search into
/// `item_ids`, in the order they should appear.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportRequest {
    pub item_ids: Vec<i64>,
    /// The dossier's cover title; the bag's External-Description and name.
    pub title: String,
    pub format: ExportFormat,
    #[serde(default)]
    pub paper: Paper,
    /// The longest side, in pixels, of a photo placed in the PDF; when absent, 300 dpi for the
    /// size the dossier shows each photo at.
    #[serde(default)]
    pub max_image_px: Option<u32>,
    /// Collections carried in the bundle, each with its items in order.
    #[serde(default)]
    pub collections: Vec<(String, Vec<i64>)>,
    /// Whether a bundle records where each original was imported from (a folder name may say
    /// whose computer it was); by default only the file name travels.
    #[serde(default)]
    pub with_source_paths: bool,
    /// Whether a file already at the output may be replaced (the CLI's `--output`, a file the
    /// user chose to replace in a save dialog); when not, such a file is left as it is and the
    /// export fails, even if the file appears while the export runs.
    #[serde(default)]
    pub replace_existing: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportReport {
    // The file written (absent on disk when `cancelled`).
    pub output: String,
    // The number of items exported.
    pub items: usize,
    // The size of the file written.
    pub bytes: u64,
    // True when the export was cancelled; nothing was written.
    pub cancelled: bool,
}

/// Exports the request's items to `output`, replacing a file already there only once the new
/// one is complete. Progress is reported per item and cancel is honoured between items.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn export(
    archive: &Archive,
    request: &ExportRequest,
    output: &Path,
    progress: &dyn ProgressSink,
    cancel: &CancelToken,
) -> Result<ExportReport> {
    if request.item_ids.is_empty() {
        return Err(Error::InvalidInput(
            "nothing to export: no items given".into(),
        ));
    }
    // One read transaction, so every item is read from the same state of the archive.
    let items = {
        let mut conn = archive.reader()?;
        let snapshot = conn.transaction()?;
        crate::records::load(&snapshot, &request.item_ids)?
    };
    let job = Job::new(progress, cancel, items.len() as u64);
    let pending = output::Pending::beside(output, request.replace_existing)?;
    let written = match request.format {
        ExportFormat::Pdf => pdf::write(archive, &items, request, pending.file(), &job),
        ExportFormat::Zip => bundle::write(
            archive,
            &items,
            request,
            &bundle::bag_name(output),
            pending.file(),
            &job,
        ),
    };
    let cancelled = match written {
        Ok(()) => false,
        Err(Stop::Cancelled) => true,
        Err(Stop::Failed(error)) => return Err(error),
    };
    let bytes = if cancelled { 0 } else { pending.commit()? };
    Ok(ExportReport {
        output: output.to_string_lossy().into_owned(),
        items: items.len(),
        bytes,
        cancelled,
    })
}

/// Why a format writer stopped before the end.
#[derive(Debug)]
pub(crate) enum Stop {
    Cancelled,
    Failed(Error),
}

impl<E: Into<Error>> From<E> for Stop {
    fn from(error: E) -> Self {
        Stop::Failed(error.into())
    }
}

/// Progress and cancel as the format writers see them: one step per item.
pub(crate) struct Job<'a> {
    sink: &'a dyn ProgressSink,
    cancel: &'a CancelToken,
    status: std::cell::RefCell<Progress>,
}

impl<'a> Job<'a> {
    fn new(sink: &'a dyn ProgressSink, cancel: &'a CancelToken, total: u64) -> Self {
        let status = Progress {
            job: crate::progress::JobKind::Export,
            files_total: total,
            ..Progress::default()
        };
        sink.report(&status);
        Self {
            sink,
            cancel,
            status: std::cell::RefCell::new(status),
        }
    }

    /// Called before each item: stops if the user cancelled.
    pub(crate) fn check(&self) -> std::result::Result<(), Stop> {
        if self.cancel.is_cancelled() {
            Err(Stop::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Called after each item.
    pub(crate) fn item_done(&self, title: &str, bytes: u64) {
        let mut status = self.status.borrow_mut();
        status.files_done += 1;
        status.bytes_done += bytes;
        status.current = Some(title.to_string());
        self.sink.report(&status);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::import::{ImportOptions, import};
    use crate::progress::NoProgress;

    /// An archive with `count` short articles; their ids in import order.
    fn archive_with_notes(dir: &Path, count: usize) -> (Archive, Vec<i64>) {
        let inputs = dir.join("in");
        std::fs::create_dir_all(&inputs).unwrap();
        for i in 0..count {
            let text = format!("Note {i}\n\nThe minutes of meeting number {i}, agreed by all.\n");
            std::fs::write(inputs.join(format!("note-{i:02}.txt")), text).unwrap();
        }
        let mut archive = Archive::init(&dir.join("archive")).unwrap();
        let report = import(
            &mut archive,
            &[inputs],
            &ImportOptions::default(),
            &NoProgress,
            &CancelToken::new(),
        )
        .unwrap();
        let ids = report.imported.iter().map(|i| i.id).collect();
        (archive, ids)
    }

    fn request(item_ids: Vec<i64>, format: ExportFormat) -> ExportRequest {
        ExportRequest {
            item_ids,
            title: "Minutes".into(),
            format,
            paper: Paper::A4,
            max_image_px: None,
            collections: Vec::new(),
            with_source_paths: false,
            replace_existing: true,
        }
    }

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_export_not_allowed_to_replace_keeps_an_existing_file_even_one_that_appears_meanwhile() {
        let temp = tempfile::tempdir().unwrap();
        let (archive, ids) = archive_with_notes(temp.path(), 3);
        let out = temp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let careful = ExportRequest {
            replace_existing: false,
            ..request(ids, ExportFormat::Zip)
        };
        let cancel = CancelToken::new();

        let existing = out.join("existing.zip");
        std::fs::write(&existing, b"someone's file").unwrap();
        let refused = export(&archive, &careful, &existing, &NoProgress, &cancel).unwrap_err();
        assert!(matches!(refused, Error::InvalidInput(_)), "{refused}");
        assert_eq!(std::fs::read(&existing).unwrap(), b"someone's file");

        // A file that appears at the output while the export runs is kept too.
        let late = out.join("late.zip");
        let appear = |_: &Progress| {
            if !late.exists() {
                std::fs::write(&late, b"arrived meanwhile").unwrap();
            }
        };
        let refused = export(&archive, &careful, &late, &appear, &cancel).unwrap_err();
        assert!(refused.to_string().contains("already exists"), "{refused}");
        assert_eq!(std::fs::read(&late).unwrap(), b"arrived meanwhile");

        let fresh = out.join("fresh.zip");
        export(&archive, &careful, &fresh, &NoProgress, &cancel).unwrap();
        assert!(fresh.is_file(), "a new file is written");
        assert_eq!(
            files_in(&out),
            ["existing.zip", "fresh.zip", "late.zip"],
            "no temporary file is left"
        );
    }

    #[test]
    fn a_cancelled_export_leaves_no_file_and_keeps_the_one_it_would_replace() {
        let temp = tempfile::tempdir().unwrap();
        let (archive, ids) = archive_with_notes(temp.path(), 5);
        let out = temp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        for format in [ExportFormat::Pdf, ExportFormat::Zip] {
            let fresh = out.join("fresh.bin");
            let existing = out.join("existing.bin");
            std::fs::write(&existing, b"the previous export").unwrap();
            for output in [&fresh, &existing] {
                let cancel = CancelToken::new();
                let seen = AtomicUsize::new(0);
                // Cancel once the second item is done: the export stops between items.
                let sink = |p: &Progress| {
                    seen.store(p.files_done as usize, Ordering::SeqCst);
                    if p.files_done == 2 {
                        cancel.cancel();
                    }
                };
                let report = export(
                    &archive,
                    &request(ids.clone(), format),
                    output,
                    &sink,
                    &cancel,
                )
                .unwrap();
                assert!(report.cancelled, "{format:?}");
                assert_eq!(report.bytes, 0);
                assert_eq!(seen.load(Ordering::SeqCst), 2, "no item after the cancel");
            }
            assert!(!fresh.exists(), "{format:?}: no half file");
            assert_eq!(std::fs::read(&existing).unwrap(), b"the previous export");
            assert_eq!(
                files_in(&out),
                ["existing.bin"],
                "no temporary file is left"
            );
        }
    }

    #[test]
    fn a_completed_export_replaces_the_file_and_reports_its_size() {
        let temp = tempfile::tempdir().unwrap();
        let (archive, ids) = archive_with_notes(temp.path(), 3);
        let output = temp.path().join("minutes.zip");
        std::fs::write(&output, b"old").unwrap();
        let report = export(
            &archive,
            &request(ids, ExportFormat::Zip),
            &output,
            &NoProgress,
            &CancelToken::new(),
        )
        .unwrap();
        assert!(!report.cancelled);
        assert_eq!(report.items, 3);
        assert_eq!(report.bytes, std::fs::metadata(&output).unwrap().len());
        assert!(std::fs::read(&output).unwrap().starts_with(b"PK"));
    }

    #[test]
    fn an_unknown_item_fails_the_export_before_anything_is_written() {
        let temp = tempfile::tempdir().unwrap();
        let (archive, mut ids) = archive_with_notes(temp.path(), 1);
        ids.push(424_242);
        let output = temp.path().join("x.pdf");
        let error = export(
            &archive,
            &request(ids, ExportFormat::Pdf),
            &output,
            &NoProgress,
            &CancelToken::new(),
        )
        .unwrap_err();
        assert!(matches!(error, Error::NotFound(_)), "{error}");
        assert!(!output.exists());
    }

    #[test]
    fn pdf_export_lays_out_and_starts_with_a_pdf_header() {
        let temp = tempfile::tempdir().unwrap();
        let (archive, ids) = archive_with_notes(temp.path(), 2);
        let output = temp.path().join("minutes.pdf");
        let report = export(
            &archive,
            &request(ids, ExportFormat::Pdf),
            &output,
            &NoProgress,
            &CancelToken::new(),
        )
        .unwrap();
        assert_eq!(report.items, 2);
        assert!(std::fs::read(&output).unwrap().starts_with(b"%PDF-"));
    }
}
