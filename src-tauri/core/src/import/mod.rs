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
    drop(plan.unpacked);
    Ok(report)
}
