//! The Tauri command table: each command takes state, calls one core function, maps the error.

use folio_core::import::{ImportReport, ImportRequest};
use folio_core::items::{ItemSummary, KindFilter};
use folio_core::{Stats, WireError};
use tauri::{AppHandle, Manager, State};

use crate::events;
use crate::state::AppState;

#[tauri::command]
pub fn archive_stats(state: State<'_, AppState>) -> Result<Stats, WireError> {
    folio_core::stats::stats(&state.reader()?).map_err(|e| e.to_wire())
}

#[tauri::command]
pub fn list_items(
    state: State<'_, AppState>,
    kind: Option<String>,
    limit: usize,
) -> Result<Vec<ItemSummary>, WireError> {
    let kind = match kind.as_deref() {
        None => None,
        Some("article") => Some(KindFilter::Article),
        Some("photo") => Some(KindFilter::Photo),
        Some(other) => {
            let message = format!("unknown item kind {other:?}");
            return Err(folio_core::Error::InvalidInput(message).to_wire());
        }
    };
    folio_core::items::list(state.reader()?.conn(), kind, limit.min(100_000))
        .map_err(|e| e.to_wire())
}

/// Imports dropped or picked paths on a worker thread, emitting progress, then one `changed`.
#[tauri::command]
pub async fn import_paths(
    app: AppHandle,
    request: ImportRequest,
) -> Result<ImportReport, WireError> {
    let worker = app.clone();
    let job = tauri::async_runtime::spawn_blocking(move || {
        let state = worker.state::<AppState>();
        let mut archive = state.writer()?;
        let cancel = state.start_import();
        let report = folio_core::import::import(
            &mut archive,
            &request.paths(),
            &request.options(),
            &events::ProgressEmitter::new(&worker),
            &cancel,
        );
        drop(archive);
        state.finish_import();
        events::archive_changed(&worker);
        report.map_err(|e| e.to_wire())
    });
    job.await
        .map_err(|e| folio_core::Error::Internal(e.to_string()).to_wire())?
}

#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) {
    state.cancel_import();
}
