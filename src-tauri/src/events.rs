//! Events the desktop sends the UI: `folio://progress` during long jobs and one batched
//! `folio://changed` after each write.

use folio_core::changes::ChangeSet;
use folio_core::progress::{Progress, ProgressSink};
use tauri::{AppHandle, Emitter};

pub const PROGRESS: &str = "folio://progress";
pub const CHANGED: &str = "folio://changed";
pub const OCR_FINISHED: &str = "folio://ocr-finished";

/// Forwards the core's progress reports to the window.
pub struct ProgressEmitter {
    app: AppHandle,
}

impl ProgressEmitter {
    pub fn new(app: &AppHandle) -> Self {
        Self { app: app.clone() }
    }
}

impl ProgressSink for ProgressEmitter {
    fn report(&self, progress: &Progress) {
        if let Err(error) = self.app.emit(PROGRESS, progress) {
            tracing::warn!("cannot send progress: {error}");
        }
    }
}

/// Tells the window a background OCR run ended, and what it read.
pub fn ocr_finished(app: &AppHandle, report: &folio_core::ocr::worker::OcrReport) {
    if let Err(error) = app.emit(OCR_FINISHED, report) {
        tracing::warn!("cannot send the OCR report: {error}");
    }
}

/// Tells the window what a write changed, as the core computed it; nothing when nothing did.
pub fn archive_changed(app: &AppHandle, changes: &ChangeSet) {
    if changes.is_empty() {
        return;
    }
    if let Err(error) = app.emit(CHANGED, changes) {
        tracing::warn!("cannot send the change event: {error}");
    }
}
