//! The outcome of an import: one entry per input file, in the JSON shape of DESIGN §8.

use serde::Serialize;
use ts_rs::TS;

/// The reason given for what a cancelled import did not reach.
pub const CANCELLED: &str = "not imported: the import was cancelled";

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct ImportReport {
    pub imported: Vec<Imported>,
    pub duplicates: Vec<Duplicate>,
    pub skipped: Vec<Skipped>,
    pub failed: Vec<Failed>,
    /// True when the import was cancelled; files not reached are listed under `skipped`.
    pub cancelled: bool,
    /// Items queued for OCR (scanned PDFs; photos when the archive reads them): read in the
    /// background after the import, by the desktop or `folio ocr`.
    pub ocr_queued: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Imported {
    pub id: i64,
    pub kind: crate::items::ItemKind,
    pub path: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Duplicate {
    pub path: String,
    /// The item that already holds these bytes.
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Failed {
    pub path: String,
    pub error: String,
}

impl ImportReport {
    pub fn skip(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            path: path.into(),
            reason: reason.into(),
        });
    }

    pub fn fail(&mut self, path: impl Into<String>, error: impl Into<String>) {
        self.failed.push(Failed {
            path: path.into(),
            error: error.into(),
        });
    }

    /// Every input path gets exactly one outcome; this is their number.
    pub fn outcomes(&self) -> usize {
        self.imported.len() + self.duplicates.len() + self.skipped.len() + self.failed.len()
    }

    /// Appends another report (e.g. from a nested bundle).
    pub fn merge(&mut self, other: ImportReport) {
        self.imported.extend(other.imported);
        self.duplicates.extend(other.duplicates);
        self.skipped.extend(other.skipped);
        self.failed.extend(other.failed);
        self.cancelled |= other.cancelled;
        self.ocr_queued += other.ocr_queued;
    }
}
