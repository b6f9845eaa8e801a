//! The Tauri command table: each command takes state, calls one core function, maps the error.

use folio_core::{Stats, WireError};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn archive_stats(state: State<'_, AppState>) -> Result<Stats, WireError> {
    folio_core::stats::stats(&state.reader()?).map_err(|e| e.to_wire())
}
