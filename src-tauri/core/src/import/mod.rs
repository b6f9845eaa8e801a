//! Import: dropped paths → archive items (DESIGN §3). One pipeline for the CLI and the desktop:
//! plan → extract in parallel (no database) → store blobs → commit in batches with one writer →
//! report, with progress and cancel between batches. The originals of a batch are written as it
//! is extracted and made durable together just before its rows are committed.

mod batch;
pub mod budget;
mod bundle;
pub mod commit;
pub mod extract;
pub mod plan;
pub mod report;
pub mod zip_bundle;

use std::collections::VecDeque;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::archive::{Archive, DERIVED_DIR, SCRATCH_DIR};
use crate::blobs::ObjectBatch;
use crate::capture;
use crate::error::Result;
use crate::progress::{CancelToken, Progress, ProgressSink};
use extract::{NotReady, Ready};

pub use report::{Duplicate, Failed, ImportReport, Imported, Skipped};
pub use zip_bundle::ZipLimits;

/// What extracting one unit gave: ready to commit, or why not.
type ExtractOutcome = std::result::Result<Ready, NotReady>;
/// A batch's units, what extracting each gave (by the path shown for it), and the originals
/// written for them.
type Extracted = (Vec<plan::Unit>, Vec<(String, ExtractOutcome)>, ObjectBatch);

/// What the desktop asks to import: the paths of a drop or a picker, with optional tags and
/// collection for everything imported, and an ingest template to apply (see
/// `ReadHandle::import_options`).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, ts_rs::TS)]
pub struct ImportRequest {
    pub paths: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub collection: Option<String>,
    /// The ingest template applied to every photo (its tags to every item), by name.
    #[serde(default)]
    pub template: Option<String>,
    /// Whether the template fills empty fields only or replaces them; the template's own mode
    /// when absent.
    #[serde(default)]
    pub template_mode: Option<crate::library::templates::TemplateMode>,
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
    /// Units extracted in parallel and committed in one transaction; small files are taken more
    /// to a batch (see [`ImportOptions::batch_bytes`]).
    pub batch_size: usize,
    /// A batch of `batch_size` units that holds fewer bytes than this takes more units, up to
    /// [`BATCH_GROWTH`] times `batch_size`: a transaction's cost is mostly the index pages it
    /// writes, whatever the size of the files, so articles of a few kilobytes are committed
    /// hundreds at a time while photos stay a few dozen.
    pub batch_bytes: u64,
    /// Bytes the extractors may hold in memory at once (see [`budget`]).
    pub memory_budget: u64,
    /// What fetching a link may take (see [`crate::capture`]).
    pub fetch_limits: crate::capture::Limits,
    /// An ingest template applied to every photo (and whose tags every item gets).
    pub template: Option<crate::library::templates::Template>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            tags: Vec::new(),
            collection: None,
            zip_limits: ZipLimits::default(),
            batch_size: 32,
            batch_bytes: 8 << 20,
            memory_budget: budget::DEFAULT_BYTES,
            fetch_limits: crate::capture::Limits::default(),
            template: None,
        }
    }
}

/// Imports `inputs` into the archive: paths of files and folders, and web addresses, which are
/// fetched first (see [`crate::capture`]). Bad files never stop the import: each gets its
/// outcome in the report. An `Err` means the archive itself could not be written; what was
/// committed before stays.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn import(
    archive: &mut Archive,
    inputs: &[PathBuf],
    options: &ImportOptions,
    progress: &dyn ProgressSink,
    cancel: &CancelToken,
) -> Result<ImportReport> {
    let scratch = archive.dir().join(SCRATCH_DIR);
    let unpacking = zip_bundle::Unpacking {
        limits: &options.zip_limits,
        scratch: Some(&scratch),
        cancel,
    };
    let (links, paths): (Vec<PathBuf>, Vec<PathBuf>) = inputs
        .iter()
        .cloned()
        .partition(|input| input.to_str().is_some_and(capture::is_link));
    let plan = plan::plan(&paths, &unpacking);
    let mut report = plan.report;
    let mut units = plan.units;
    units.extend(capture_links(
        &links,
        options,
        &scratch,
        progress,
        cancel,
        &mut report,
    ));
    let mut tags = options.tags.clone();
    if let Some(template) = &options.template {
        tags.extend(template.tags.iter().cloned());
    }
    let destination = commit::resolve_destination(&tags, options.collection.as_deref())?;
    // The template's `{seq}` counts the items of this import in their order; `{date}` is the day
    // of the import where a photo has no date of its own.
    let mut seq = 0u64;
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();

    let mut status = Progress {
        job: crate::progress::JobKind::Import,
        files_total: units.len() as u64,
        bytes_total: units.iter().map(|u| u.size).sum(),
        ..Progress::default()
    };
    progress.report(&status);
    let store = archive.blobs().clone();
    let derived = archive.dir().join(DERIVED_DIR);
    let memory = budget::MemoryBudget::new(options.memory_budget);

    // The commit of one batch runs on its own thread while the next batch is extracted: the
    // writer mostly waits for the disk, the extractors for the CPU.
    let extract_batch = |batch: &[plan::Unit]| -> (Vec<(String, ExtractOutcome)>, ObjectBatch) {
        let objects = store.batch();
        let extracted = batch
            .par_iter()
            .map(|unit| {
                // A cancel reaches the units of a batch not yet started, so it ends quickly.
                let outcome = if cancel.is_cancelled() {
                    Err(NotReady::Skipped(report::CANCELLED.into()))
                } else {
                    extract::extract_unit(unit, &objects, &derived, &memory, cancel)
                };
                (unit.display.clone(), outcome)
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
    // Batches are owned so that a batch dropped after its commit lets go of the folder its ZIP
    // was unpacked into.
    let mut batches = batches(units, options.batch_size, options.batch_bytes);
    let mut waiting: Option<Extracted> = None;
    loop {
        let to_extract = if cancel.is_cancelled() {
            None
        } else {
            batches.pop_front()
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
                let (ready, objects) = extractors.install(|| extract_batch(&batch));
                (batch, ready, objects)
            });
            let committed = committer.map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
            (committed, extracted)
        });
        let mut extracted = extracted;
        if let (Some(template), Some((_, outcomes, _))) = (&options.template, extracted.as_mut()) {
            for (_, outcome) in outcomes.iter_mut() {
                match outcome {
                    Ok(Ready::Photo(photo)) => {
                        seq += 1;
                        let name = photo.source_name.clone();
                        crate::library::templates::apply_to_photo(
                            template,
                            &mut photo.draft,
                            &name,
                            seq,
                            &today,
                        );
                    }
                    Ok(Ready::Article(_)) => seq += 1,
                    Err(_) => {}
                }
            }
        }
        if let Some(result) = committed {
            let batch = result?;
            status.files_done += batch.len() as u64;
            status.bytes_done += batch.iter().map(|u| u.size).sum::<u64>();
            status.current = batch.last().map(|u| u.display.clone());
            progress.report(&status);
        }
        waiting = extracted;
    }
    if !batches.is_empty() {
        for unit in batches.iter().flatten() {
            report.skip(unit.display.clone(), report::CANCELLED);
        }
    }
    for source in plan.bundles {
        if cancel.is_cancelled() {
            report.skip(source.display.clone(), report::CANCELLED);
            continue;
        }
        let storage = bundle::Storage {
            store: &store,
            derived: &derived,
            memory: &memory,
        };
        bundle::import_bundle(
            archive.conn_mut(),
            &source,
            &storage,
            &destination,
            cancel,
            &mut report,
        )?;
    }
    report.cancelled |= report.skipped.iter().any(|s| s.reason == report::CANCELLED);
    Ok(report)
}

/// How many times [`ImportOptions::batch_size`] units a batch of small files may hold.
pub const BATCH_GROWTH: usize = 8;

/// The units in batches, in order: `size` units each, or more (up to [`BATCH_GROWTH`] times as
/// many) while they hold fewer than `bytes`.
fn batches(units: Vec<plan::Unit>, size: usize, bytes: u64) -> VecDeque<Vec<plan::Unit>> {
    let size = size.max(1);
    let mut batches = VecDeque::new();
    let (mut batch, mut held) = (Vec::new(), 0u64);
    for unit in units {
        held = held.saturating_add(unit.size);
        batch.push(unit);
        if batch.len() >= size * BATCH_GROWTH || (batch.len() >= size && held >= bytes) {
            batches.push_back(std::mem::take(&mut batch));
            held = 0;
        }
    }
    if !batch.is_empty() {
        batches.push_back(batch);
    }
    batches
}

/// Fetches each link into the scratch folder, one after another; a link that cannot be fetched
/// gets its line in the report.
fn capture_links(
    links: &[PathBuf],
    options: &ImportOptions,
    scratch: &std::path::Path,
    progress: &dyn ProgressSink,
    cancel: &CancelToken,
    report: &mut ImportReport,
) -> Vec<plan::Unit> {
    if links.is_empty() {
        return Vec::new();
    }
    let fetcher = capture::Fetcher::new(options.fetch_limits.clone());
    let mut units = Vec::new();
    for link in links.iter().map(|link| link.to_string_lossy()) {
        let link = link.trim();
        if cancel.is_cancelled() {
            report.skip(link, report::CANCELLED);
            continue;
        }
        progress.report(&Progress {
            job: crate::progress::JobKind::Import,
            current: Some(link.to_string()),
            ..Progress::default()
        });
        match capture::capture(link, &fetcher, scratch, cancel) {
            Ok(unit) => units.push(unit),
            Err(why) => report.fail(link, why),
        }
    }
    units
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

    /// A bag holding one sparse file of `size` bytes (hashing it takes seconds) and an index.
    fn bag_with_a_large_file(dir: &std::path::Path, size: u64) -> PathBuf {
        let bag = dir.join("bag");
        std::fs::create_dir_all(bag.join("data")).unwrap();
        std::fs::write(bag.join("bagit.txt"), "BagIt-Version: 1.0\n").unwrap();
        let index = r#"{"format": "folio-bundle", "version": 1, "title": "t", "exported_at": "", "items": []}"#;
        std::fs::write(bag.join("data/items.json"), index).unwrap();
        let big = std::fs::File::create(bag.join("data/big.bin")).unwrap();
        big.set_len(size).unwrap();
        let manifest = format!(
            "{}  data/big.bin\n{}  data/items.json\n",
            "0".repeat(64),
            crate::blobs::sha256_hex(index.as_bytes())
        );
        std::fs::write(bag.join("manifest-sha256.txt"), manifest).unwrap();
        bag
    }

    #[test]
    fn cancel_stops_a_bundle_being_read_within_a_second() {
        let temp = tempfile::tempdir().unwrap();
        let bag = bag_with_a_large_file(temp.path(), 64 << 30);
        let mut archive = Archive::init(&temp.path().join("archive")).unwrap();
        let cancel = CancelToken::new();
        let cancelled_at = std::thread::scope(|scope| {
            let canceller = scope.spawn(|| {
                std::thread::sleep(std::time::Duration::from_millis(300));
                cancel.cancel();
                std::time::Instant::now()
            });
            let report = import(
                &mut archive,
                std::slice::from_ref(&bag),
                &ImportOptions::default(),
                &crate::progress::NoProgress,
                &cancel,
            )
            .unwrap();
            assert!(report.cancelled, "{report:?}");
            assert_eq!(report.skipped[0].reason, report::CANCELLED);
            canceller.join().unwrap()
        });
        let waited = cancelled_at.elapsed();
        assert!(
            waited.as_millis() < 1000,
            "stopped {waited:?} after the cancel"
        );
    }

    fn units(sizes: &[u64]) -> Vec<plan::Unit> {
        sizes
            .iter()
            .enumerate()
            .map(|(i, &size)| plan::Unit {
                path: PathBuf::from(format!("f{i}")),
                display: format!("f{i}"),
                sidecars: Vec::new(),
                page_images: Vec::new(),
                size,
                scratch: plan::Scratch::default(),
                web: None,
            })
            .collect()
    }

    /// Small files go many to a batch, large ones `batch_size` at a time, and none is lost or
    /// moved out of order.
    #[test]
    fn small_files_are_batched_by_bytes_large_ones_by_count() {
        let lengths = |batches: VecDeque<Vec<plan::Unit>>| -> Vec<usize> {
            batches.iter().map(Vec::len).collect()
        };
        // 1,000 notes of 4 KB: 8 × 32 a batch.
        assert_eq!(
            lengths(batches(units(&[4096; 1000]), 32, 8 << 20)),
            [256, 256, 256, 232]
        );
        // Photos of 5 MB: 32 a batch (past 8 MB long before).
        assert_eq!(
            lengths(batches(units(&[5 << 20; 70]), 32, 8 << 20)),
            [32, 32, 6]
        );
        // 100 KB files: 8 MB is reached at 82 of them.
        assert_eq!(
            lengths(batches(units(&[100 << 10; 200]), 32, 8 << 20)),
            [82, 82, 36]
        );
        let mixed = batches(units(&[4096, 5 << 20, 7, 1 << 30, 0]), 2, 8 << 20);
        let order: Vec<String> = mixed.iter().flatten().map(|u| u.display.clone()).collect();
        assert_eq!(order, ["f0", "f1", "f2", "f3", "f4"]);
        assert_eq!(lengths(mixed), [4, 1]);
        assert!(batches(Vec::new(), 32, 8 << 20).is_empty());
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
            batch_bytes: 0,
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
