//! Near-duplicates: photos that are copies of one picture — resized, recompressed, lightly
//! cropped, converted, with or without metadata — found by their perceptual fingerprints
//! (`photo::fingerprint`), and articles that carry the same text — one press release as DOCX, PDF
//! and a web page — found by their text sketches ([`sketch`]).
//!
//! Fingerprints and sketches are derived data, like thumbnails and the search index: made at
//! import (from the pixels already decoded for the thumbnails, and from the text being stored),
//! kept beside the rows they describe, left out of the journal and the canonical dump, and made
//! again by [`backfill`] where an archive lacks them (`folio verify --repair`, and the desktop in
//! the background after opening). Merging a group is a change like any other: one journal
//! action ([`merge`]).

pub(crate) mod backfill;
mod corpus;
mod find;
pub(crate) mod merge;
mod scan;
pub mod sketch;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::items::ItemKind;

pub use backfill::CHUNK as BACKFILL_CHUNK;
pub(crate) use corpus::CorpusCache;
pub(crate) use find::{best_article, best_photo, duplicates, similar_to};
pub use scan::FingerprintSet;

/// Photos whose fingerprints differ in at most this many of their 64 bits are near-duplicates,
/// unless the person asks otherwise (measured in BENCHMARKS.md: copies differ by 0–6 bits,
/// different photos by 14 or more).
pub const DEFAULT_PHOTO_BITS: u32 = 10;
/// Articles that share at least this percentage of their text (estimated from their sketches)
/// are near-duplicates, unless the person asks otherwise.
pub const DEFAULT_TEXT_PERCENT: u32 = 50;
/// The largest photo threshold accepted: beyond it unrelated photos start to match.
pub const MAX_PHOTO_BITS: u32 = 32;

/// How alike two items must be to count as near-duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Thresholds {
    /// Photos: the most bits (of 64) in which their fingerprints may differ, 0–32.
    pub photo_bits: u32,
    /// Articles: the least share of their text, in percent, they must have in common, 1–100.
    pub text_percent: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            photo_bits: DEFAULT_PHOTO_BITS,
            text_percent: DEFAULT_TEXT_PERCENT,
        }
    }
}

impl Thresholds {
    /// Refuses thresholds outside their ranges, with the range in the message.
    pub fn checked(self) -> crate::Result<Self> {
        if self.photo_bits > MAX_PHOTO_BITS {
            return Err(crate::Error::InvalidInput(format!(
                "a photo threshold is at most {MAX_PHOTO_BITS} bits (got {})",
                self.photo_bits
            )));
        }
        if !(1..=100).contains(&self.text_percent) {
            return Err(crate::Error::InvalidInput(format!(
                "a text threshold is a percentage from 1 to 100 (got {})",
                self.text_percent
            )));
        }
        Ok(self)
    }
}

/// An item found alike another.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SimilarItem {
    pub id: i64,
    pub kind: ItemKind,
    pub title: String,
    /// The original's SHA-256, which names its thumbnails.
    pub sha256: String,
    /// A photo's size in pixels (what merging compares to keep the best file).
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// How alike it is to the item it was compared with, 0–100.
    pub similarity: u32,
    /// Photos: the number of fingerprint bits that differ (0 for copies of the same picture).
    pub distance: Option<u32>,
}

/// The items alike one item, most alike first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SimilarReport {
    pub id: i64,
    pub thresholds: Thresholds,
    /// False when the item has no fingerprint or sketch yet (`folio verify --repair` makes them).
    pub fingerprinted: bool,
    pub similar: Vec<SimilarItem>,
}

/// Items that are near-duplicates of each other, all of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DuplicateGroup {
    pub kind: ItemKind,
    /// The item a merge keeps unless told otherwise: the photo with the most pixels, the
    /// article with the longest text.
    pub keep: i64,
    /// Every item of the group, the one to keep first; `similarity` is to that one.
    pub items: Vec<SimilarItem>,
}

/// Every group of near-duplicates in the library (not the trash).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DuplicatesReport {
    pub thresholds: Thresholds,
    pub groups: Vec<DuplicateGroup>,
    /// Items without a fingerprint or sketch yet, not compared (`folio verify --repair` makes them).
    pub pending: u64,
}

/// A group to merge: the items, and the one to keep (`None`: the best, as
/// [`DuplicateGroup::keep`] chooses).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MergeRequest {
    pub ids: Vec<i64>,
    pub keep: Option<i64>,
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MergeReport {
    pub kept: i64,
    /// The items moved to the trash.
    pub trashed: Vec<i64>,
}
