//! Import: dropped paths → archive items (DESIGN §3). One pipeline for the CLI and the desktop:
//! plan → extract in parallel (no database) → store blobs → commit in batches with one writer →
//! report, with progress and cancel between batches.

pub mod commit;
pub mod extract;
pub mod plan;
pub mod report;
pub mod thumbnails;
pub mod zip_bundle;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::archive::{Archive, DERIVED_DIR};
use crate::error::Result;
use crate::progress::{CancelToken, Progress, ProgressSink};

pub use report::{Duplicate, Failed, ImportReport, Imported, Skipped};
pub use zip_bundle::ZipLimits;

/// What the desktop asks to import: the paths of a drop or a picker, with optional tags and
/// collection for everything imported.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, ts_rs::TS)]
pub struct ImportRequest {
    pub paths: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub collection: Option<String>,
}

impl ImportRequest {
    pub fn paths(&self) -> Vec<PathBuf> {
        self.paths.iter().map(PathBuf::from).collect()
    }

    pub fn options(&self) -> ImportOptions {
        ImportOptions {
            tags: self.tags.clone(),
            collection: self.collection.clone(),
            ..ImportOptions::default()
        }
    }
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Tags given to everything imported.
    pub tags: Vec<String>,
    /// A collection everything imported is appended to (created if needed).
    pub collection: Option<String>,
    pub zip_limits: ZipLimits,
    /// Units extracted in parallel and committed in one transaction.
    pub batch_size: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            tags: Vec::new(),
            collection: None,
            zip_limits: ZipLimits::default(),
            batch_size: 32,
        }
    }
}

/// Imports `inputs` into the archive. Bad files never stop the import: each gets its outcome in
/// the report. An `Err` means the archive itself could not be written; what was committed before
/// stays.
pub fn import(
    archive: &mut Archive,
    inputs: &[PathBuf],
    options: &ImportOptions,
    progress: &dyn ProgressSink,
    cancel: &CancelToken,
) -> Result<ImportReport> {
    let plan = plan::plan(inputs, &options.zip_limits);
    let mut report = plan.report;
    let units = plan.units;
    let destination = commit::resolve_destination(
        archive.conn_mut(),
        &options.tags,
        options.collection.as_deref(),
    )?;

    let mut status = Progress {
        job: "import".into(),
        files_total: units.len() as u64,
        bytes_total: units.iter().map(|u| u.size).sum(),
        ..Progress::default()
    };
    progress.report(&status);
    let store = archive.blobs().clone();
    let derived = archive.dir().join(DERIVED_DIR);

    for (index, batch) in units.chunks(options.batch_size.max(1)).enumerate() {
        if cancel.is_cancelled() {
            report.cancelled = true;
            for unit in &units[index * options.batch_size.max(1)..] {
                report.skip(
                    unit.display.clone(),
                    "not imported: the import was cancelled",
                );
            }
            break;
        }
        let extracted: Vec<_> = batch
            .par_iter()
            .map(|unit| {
                (
                    unit.display.clone(),
                    extract::extract_unit(unit, &store, &derived),
                )
            })
            .collect();
        commit::commit_batch(archive.conn_mut(), extracted, &destination, &mut report)?;
        status.files_done += batch.len() as u64;
        status.bytes_done += batch.iter().map(|u| u.size).sum::<u64>();
        status.current = batch.last().map(|u| u.display.clone());
        progress.report(&status);
    }
    for bundle in &plan.bundles {
        let loaded = crate::export::bundle::read::load(&bundle.root).and_then(|loaded| {
            crate::export::bundle::read::store_originals(&loaded, &store, &derived)?;
            Ok(loaded)
        });
        match loaded {
            Ok(loaded) => commit::commit_bundle(
                archive.conn_mut(),
                &loaded.index,
                &bundle.display,
                &destination,
                &mut report,
            )?,
            Err(why) => report.fail(bundle.display.clone(), why),
        }
    }
    drop(plan.unpacked);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    fn notes(dir: &std::path::Path, count: usize) {
        for i in 0..count {
            let text = format!("Note {i}\n\nThe minutes of meeting number {i}, agreed by all.\n");
            std::fs::write(dir.join(format!("note-{i:03}.txt")), text).unwrap();
        }
    }

    #[test]
    fn progress_counts_every_file_and_ends_at_the_total() {
        let temp = tempfile::tempdir().unwrap();
        let inputs = temp.path().join("in");
        std::fs::create_dir(&inputs).unwrap();
        notes(&inputs, 70);
        let mut archive = Archive::init(&temp.path().join("archive")).unwrap();
        let seen = Mutex::new(Vec::new());
        let sink = |p: &Progress| seen.lock().unwrap().push((p.files_done, p.files_total));
        let report = import(
            &mut archive,
            &[inputs],
            &ImportOptions::default(),
            &sink,
            &CancelToken::new(),
        )
        .unwrap();
        assert_eq!(report.imported.len(), 70);
        let seen = seen.into_inner().unwrap();
        assert_eq!(seen.first(), Some(&(0, 70)));
        assert_eq!(seen.last(), Some(&(70, 70)));
        assert!(
            seen.windows(2).all(|w| w[0].0 <= w[1].0),
            "progress never goes back"
        );
    }

    #[test]
    fn cancel_keeps_committed_work_and_reports_what_was_not_done() {
        let temp = tempfile::tempdir().unwrap();
        let inputs = temp.path().join("in");
        std::fs::create_dir(&inputs).unwrap();
        notes(&inputs, 100);
        let mut archive = Archive::init(&temp.path().join("archive")).unwrap();
        let cancel = CancelToken::new();
        // Cancel as soon as the first batch is committed.
        let sink = |p: &Progress| {
            if p.files_done > 0 {
                cancel.cancel();
            }
        };
        let options = ImportOptions {
            batch_size: 10,
            ..ImportOptions::default()
        };
        let report = import(&mut archive, &[inputs], &options, &sink, &cancel).unwrap();
        assert!(report.cancelled);
        assert_eq!(report.imported.len(), 10);
        assert_eq!(report.skipped.len(), 90);
        assert!(
            report
                .skipped
                .iter()
                .all(|s| s.reason.contains("cancelled"))
        );
        assert_eq!(report.outcomes(), 100, "every file has exactly one outcome");
        let count: i64 = archive
            .conn()
            .query_row("SELECT count(*) FROM items", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 10, "the committed batch stays");
    }
}
