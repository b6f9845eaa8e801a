//! After opening, the desktop makes the fingerprints and text sketches the archive lacks (an
//! archive from before near-duplicates, or one whose originals arrived later), in the background:
//! photos are decoded beside the writer, which is held only to store each chunk, so the window
//! keeps working. The window hears of the items that gained one, as after any write.

use folio_core::WireError;
use folio_core::similar::BACKFILL_CHUNK;
use tauri::{AppHandle, Manager};

use crate::events;
use crate::state::AppState;

pub fn catch_up(app: &AppHandle) -> Result<(), WireError> {
    let state = app.state::<AppState>();
    let wire = |error: folio_core::Error| error.to_wire();
    while state.writer()?.sketch_articles().map_err(wire)? > 0 {}
    let missing = state.reader()?.unfingerprinted_photos().map_err(wire)?;
    for chunk in missing.chunks(BACKFILL_CHUNK) {
        let made = state.reader()?.fingerprint_photos(chunk);
        let written = state.writer()?.store_fingerprints(&made).map_err(wire)?;
        events::archive_changed(app, &written.changes);
    }
    Ok(())
}
