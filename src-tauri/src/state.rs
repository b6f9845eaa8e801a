//! The desktop's hold on the archive: opened once at start (taking the writer lock), with
//! read-only connections beside the writer so the window keeps reading while an import writes.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use folio_core::progress::CancelToken;
use folio_core::{Access, Archive, Error, WireError};

pub struct AppState {
    /// The open archive, or why it could not be opened — kept so the window can say so instead
    /// of the app refusing to start.
    opened: Result<Opened, WireError>,
    /// The running import's cancel token, if one runs.
    import: Mutex<Option<CancelToken>>,
}

struct Opened {
    dir: PathBuf,
    writer: Mutex<Archive>,
}

impl AppState {
    /// Opens `FOLIO_ARCHIVE` or the platform's default archive, creating it on first run.
    pub fn open_default() -> Self {
        let opened = folio_core::location::resolve_archive_dir(None)
            .and_then(|dir| {
                let archive = Archive::open_or_create(&dir)?;
                tracing::info!("archive {}", dir.display());
                Ok(Opened {
                    dir,
                    writer: Mutex::new(archive),
                })
            })
            .map_err(|error| {
                tracing::error!("cannot open the archive: {error}");
                error.to_wire()
            });
        Self {
            opened,
            import: Mutex::new(None),
        }
    }

    fn opened(&self) -> Result<&Opened, WireError> {
        self.opened.as_ref().map_err(Clone::clone)
    }

    /// A read-only view of the archive for one command; never waits for the writer.
    pub fn reader(&self) -> Result<Archive, WireError> {
        Archive::open(&self.opened()?.dir, Access::Read).map_err(|e| e.to_wire())
    }

    /// The one writer, for commands that change the archive.
    pub fn writer(&self) -> Result<MutexGuard<'_, Archive>, WireError> {
        self.opened()?.writer.lock().map_err(|_| {
            Error::Internal("a previous command failed while writing to the archive".into())
                .to_wire()
        })
    }

    /// Registers a new import and returns its cancel token.
    pub fn start_import(&self) -> CancelToken {
        let token = CancelToken::new();
        if let Ok(mut slot) = self.import.lock() {
            *slot = Some(token.clone());
        }
        token
    }

    pub fn finish_import(&self) {
        if let Ok(mut slot) = self.import.lock() {
            *slot = None;
        }
    }

    pub fn cancel_import(&self) {
        if let Ok(slot) = self.import.lock()
            && let Some(token) = slot.as_ref()
        {
            token.cancel();
        }
    }
}
