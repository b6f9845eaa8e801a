//! Events the desktop sends the UI: `folio://progress` during long jobs, one batched
//! `folio://changed` after each write (made here, or received from the team), and
//! `folio://team` when how the team's sync goes changed.

use folio_core::changes::ChangeSet;
use folio_core::progress::{Progress, ProgressSink};
use folio_core::team_view::TeamView;
use tauri::{AppHandle, Emitter, Manager};

use crate::team_sync::TeamSync;

pub const PROGRESS: &str = "folio://progress";
pub const CHANGED: &str = "folio://changed";
pub const OCR_FINISHED: &str = "folio://ocr-finished";
pub const TEAM: &str = "folio://team";

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
/// A write made here is also one for the team: its sync is nudged to send it.
pub fn archive_changed(app: &AppHandle, changes: &ChangeSet) {
    if changes.is_empty() {
        return;
    }
    if let Some(team_sync) = app.try_state::<TeamSync>() {
        team_sync.nudge();
    }
    send_changes(app, changes);
}

/// Tells the window what a sync round received from the team, as a local write's changes are
/// told: the list, grid, inspector and sidebar refresh alike.
pub fn received(app: &AppHandle, changes: &ChangeSet) {
    if !changes.is_empty() {
        send_changes(app, changes);
    }
}

fn send_changes(app: &AppHandle, changes: &ChangeSet) {
    if let Err(error) = app.emit(CHANGED, changes) {
        tracing::warn!("cannot send the change event: {error}");
    }
}

/// Tells the window how the team's sync goes now; none when the archive is in no team.
pub fn team_changed(app: &AppHandle, team: Option<&TeamView>) {
    if let Err(error) = app.emit(TEAM, team) {
        tracing::warn!("cannot send the team's state: {error}");
    }
}
