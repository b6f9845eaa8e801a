//! Events the desktop sends the UI: `folio://progress` during long jobs and one batched
//! `folio://changed` after each write.

use folio_core::changes::ChangeSet;
use folio_core::progress::{Progress, ProgressSink};
use tauri::{AppHandle, Emitter};

pub const PROGRESS: &str = "folio://progress";
pub const CHANGED: &str = "folio://changed";

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

/// Tells the window what a write changed, as the core computed it; nothing when nothing did.
pub fn archive_changed(app: &AppHandle, changes: &ChangeSet) {
    if changes.is_empty() {
        return;
    }
    if let Err(error) = app.emit(CHANGED, changes) {
        tracing::warn!("cannot send the change event: {error}");
    }
}
