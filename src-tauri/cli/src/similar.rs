//! `folio similar` and `folio duplicates`: near-duplicate photos (by perceptual fingerprint) and
//! articles (by text), and merging a group into the item kept.

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use folio_core::handle::{ReadHandle, WriteHandle};
use folio_core::similar::{
    DEFAULT_PHOTO_BITS, DEFAULT_TEXT_PERCENT, MergeRequest, SimilarItem, Thresholds,
};

use crate::output;

/// How alike items must be: the thresholds every near-duplicate command takes.
#[derive(Debug, Args)]
pub struct ThresholdArgs {
    /// Photos: the most bits (of 64) in which their fingerprints may differ (0–32; lower is
    /// stricter).
    #[arg(long, value_name = "BITS", default_value_t = DEFAULT_PHOTO_BITS)]
    threshold: u32,
    /// Articles: the least share of their text, in percent, they must have in common (1–100).
    #[arg(long, value_name = "PERCENT", default_value_t = DEFAULT_TEXT_PERCENT)]
    text_threshold: u32,
}

impl ThresholdArgs {
    fn thresholds(&self) -> Thresholds {
        Thresholds {
            photo_bits: self.threshold,
            text_percent: self.text_threshold,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum DuplicatesAction {
    /// Merge items into one: it takes their tags, collections, figure links and fullest caption;
    /// the others go to the trash. `folio undo` reverts it.
    Merge {
        /// The item to keep (default: the photo with the most pixels, the longest article).
        #[arg(long, value_name = "ID")]
        keep: Option<i64>,
        #[arg(required = true, value_name = "ID")]
        ids: Vec<i64>,
    },
}

pub fn similar(
    dir: &Path,
    id: i64,
    thresholds: &ThresholdArgs,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let report = ReadHandle::open(dir)?.similar(id, thresholds.thresholds())?;
    if json {
        output::json(&report)?;
    } else if !report.fingerprinted {
        println!("Item {id} has no fingerprint yet: `folio verify --repair` makes it.");
    } else if report.similar.is_empty() {
        println!("Nothing alike item {id}.");
    } else {
        for item in &report.similar {
            println!("{}", line(item));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn duplicates(
    dir: &Path,
    action: Option<DuplicatesAction>,
    thresholds: &ThresholdArgs,
    json: bool,
) -> anyhow::Result<ExitCode> {
    if let Some(DuplicatesAction::Merge { keep, ids }) = action {
        return merge(dir, MergeRequest { ids, keep }, json);
    }
    let report = ReadHandle::open(dir)?.duplicates(thresholds.thresholds())?;
    if json {
        output::json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    if report.groups.is_empty() {
        println!("No near-duplicates.");
    }
    for (number, group) in report.groups.iter().enumerate() {
        println!(
            "Group {} ({} {}s):",
            number + 1,
            group.items.len(),
            group.kind
        );
        for item in &group.items {
            let mark = if item.id == group.keep {
                "keep"
            } else {
                "    "
            };
            println!("  {mark} {}", line(item));
        }
    }
    if report.pending > 0 {
        println!(
            "{} items have no fingerprint yet and were not compared: `folio verify --repair` makes them.",
            report.pending
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn merge(dir: &Path, request: MergeRequest, json: bool) -> anyhow::Result<ExitCode> {
    let merged = WriteHandle::open(dir)?.merge(&request)?.value;
    if json {
        output::json(&merged)?;
    } else {
        println!(
            "Kept item {}; moved {} to the trash ({}). `folio undo` reverts the merge.",
            merged.kept,
            merged.trashed.len(),
            merged
                .trashed
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// One item as a line: id, kind, how alike, size, title.
fn line(item: &SimilarItem) -> String {
    let size = match (item.width, item.height) {
        (Some(w), Some(h)) => format!("  {w}×{h}"),
        _ => String::new(),
    };
    let distance = item
        .distance
        .map(|bits| format!(", {bits} bits apart"))
        .unwrap_or_default();
    format!(
        "{:>6}  {:<7} {:>3} %{distance}{size}  {}",
        item.id, item.kind, item.similarity, item.title
    )
}
