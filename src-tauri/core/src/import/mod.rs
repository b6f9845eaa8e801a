//! Import: dropped paths → archive items (DESIGN §3). One pipeline for the CLI and the desktop:
//! plan → extract in parallel (no database) → store blobs → commit in batches with one writer →
//! report, with progress and cancel between batches. The originals of a batch are written as it
//! is extracted and made durable together just before its rows are committed.

pub mod commit;
pub mod extract;
pub mod plan;
pub mod report;
pub mod thumbnails;
pub mod zip_bundle;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::archive::{Archive, DERIVED_DIR};
use crate::blobs::ObjectBatch;
use crate::error::Result;
use crate::progress::{CancelToken, Progress, ProgressSink};
use extract::{NotReady, Ready};

pub use report::{Duplicate, Failed, ImportReport, Imported, Skipped};
pub use zip_bundle::ZipLimits;

/// What extracting one unit gave: ready to commit, or why not.
type ExtractOutcome = std::result::Result<Ready, NotReady>;
/// A batch's units, what extracting each gave (by the path shown for it), and the originals
/// written for them.
type Extracted<'a> = (&'a [plan::Unit], Vec<(String, ExtractOutcome)>, ObjectBatch);

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

    // The commit of one batch runs on its own thread while the next batch is extracted: the
    // writer mostly waits for the disk, the extractors for the CPU.
    let extract_batch = |batch: &[plan::Unit]| -> (Vec<(String, ExtractOutcome)>, ObjectBatch) {
        let objects = store.batch();
        let extracted = batch
            .par_iter()
            .map(|unit| {
                (
                    unit.display.clone(),
                    extract::extract_unit(unit, &objects, &derived),
                )
            })
            .collect();
        (extracted, objects)
    };
    // Twice as many extractors as cores: one waits for the disk (reading a file, or storing an
    // original where each is fsynced on its own) while another uses the core.
    let extractors = rayon::ThreadPoolBuilder::new()
        .num_threads(2 * std::thread::available_parallelism().map_or(2, |n| n.get()))
        .thread_name(|i| format!("folio-extract-{i}"))
        .build()
        .map_err(|e| crate::error::Error::Internal(format!("cannot start the import: {e}")))?;
    let batches: Vec<&[plan::Unit]> = units.chunks(options.batch_size.max(1)).collect();
    let mut next = 0;
    let mut waiting: Option<Extracted> = None;
    loop {
        let to_extract = if cancel.is_cancelled() {
            None
        } else {
            batches.get(next).copied()
        };
        if to_extract.is_none() && waiting.is_none() {
            break;
        }
        let conn = archive.conn_mut();
        let (committed, extracted) = std::thread::scope(|scope| {
            let committer = waiting.take().map(|(batch, ready, objects)| {
                let (report, destination) = (&mut report, &destination);
                scope.spawn(move || {
                    // The originals reach the disk before the rows that name them.
                    objects.settle()?;
                    commit::commit_batch(conn, ready, destination, report).map(|()| batch)
                })
            });
            let extracted = to_extract.map(|batch| {
                let (ready, objects) = extractors.install(|| extract_batch(batch));
                (batch, ready, objects)
            });
            let committed = committer.map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
            (committed, extracted)
        });
        if let Some(result) = committed {
            let batch = result?;
            status.files_done += batch.len() as u64;
            status.bytes_done += batch.iter().map(|u| u.size).sum::<u64>();
            status.current = batch.last().map(|u| u.display.clone());
            progress.report(&status);
        }
        if extracted.is_some() {
            next += 1;
        }
        waiting = extracted;
    }
    if next < batches.len() {
        report.cancelled = true;
        for unit in batches[next..].iter().flat_map(|batch| batch.iter()) {
            report.skip(
                unit.display.clone(),
                "not imported: the import was cancelled",
            );
        }
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
        // The second batch was extracted while the first was committed, its originals already
        // stored: it is committed too, and nothing after it is started.
        assert_eq!(report.imported.len(), 20);
        assert_eq!(report.skipped.len(), 80);
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
        assert_eq!(count, 20, "the committed batches stay");
    }
}
