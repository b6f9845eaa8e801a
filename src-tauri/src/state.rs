//! The desktop's hold on the archive: opened once at start, shared by every command.

use std::sync::{Mutex, MutexGuard};

use folio_core::{Archive, Error, WireError};

/// The open archive, or why it could not be opened — kept so the window can say so instead of
/// the app refusing to start.
pub struct AppState {
    archive: Result<Mutex<Archive>, WireError>,
}

impl AppState {
    /// Opens `FOLIO_ARCHIVE` or the platform's default archive, creating it on first run.
    pub fn open_default() -> Self {
        let archive = folio_core::location::resolve_archive_dir(None)
            .and_then(|dir| Archive::open_or_create(&dir))
            .map(Mutex::new)
            .map_err(|error| {
                tracing::error!("cannot open the archive: {error}");
                error.to_wire()
            });
        if let Ok(archive) = &archive {
            if let Ok(archive) = archive.lock() {
                tracing::info!("archive {}", archive.dir().display());
            }
        }
        Self { archive }
    }

    /// The archive for one command, or the error that kept it from opening.
    pub fn archive(&self) -> Result<MutexGuard<'_, Archive>, WireError> {
        let archive = self.archive.as_ref().map_err(Clone::clone)?;
        archive.lock().map_err(|_| {
            Error::Internal("a previous command failed while holding the archive".into()).to_wire()
        })
    }
}
