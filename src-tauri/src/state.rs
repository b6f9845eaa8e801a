//! The desktop's hold on the archive: opened once at start through the core's write handle
//! (taking the writer lock), with its read handle beside it so the window keeps reading while
//! an import writes. Nothing here touches a connection or the index queue.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use folio_core::handle::{ReadHandle, WriteHandle};
use folio_core::progress::{CancelToken, ProgressSink};
use folio_core::{Error, WireError};

pub struct AppState {
    /// The archive folder, whether or not it opened.
    dir: PathBuf,
    /// Why this folder: `environment`, `remembered` or `default`.
    chosen_by: &'static str,
    /// The open archive, or why it could not be opened — kept so the window can say so instead
    /// of the app refusing to start.
    opened: Result<Opened, WireError>,
    /// The running import's cancel token, if one runs.
    import: Mutex<Option<CancelToken>>,
    /// The running export's cancel token, if one runs.
    export: Mutex<Option<CancelToken>>,
    /// Files this session exported: the only paths "Show in folder" may reveal.
    exported: Mutex<Vec<PathBuf>>,
}

struct Opened {
    dir: PathBuf,
    writer: Mutex<WriteHandle>,
    reader: ReadHandle,
}

impl AppState {
    /// Opens `FOLIO_ARCHIVE`, the archive last chosen with "Open Another Archive…", or the
    /// platform's default archive, creating it on first run.
    pub fn open_default() -> Self {
        let chosen_by = folio_core::location::chosen_by(false);
        let (dir, opened) = match folio_core::location::resolve_archive_dir(None) {
            Ok(dir) => {
                let opened = open_waiting_for_lock(&dir);
                (dir, opened)
            }
            Err(error) => (PathBuf::new(), Err(error)),
        };
        let opened = opened.map_err(|error| {
            tracing::error!("cannot open the archive: {error}");
            error.to_wire()
        });
        Self {
            dir,
            chosen_by,
            opened,
            import: Mutex::new(None),
            export: Mutex::new(None),
            exported: Mutex::new(Vec::new()),
        }
    }

    /// The archive folder, open or not.
    pub fn archive_dir(&self) -> &std::path::Path {
        &self.dir
    }

    pub fn chosen_by(&self) -> &'static str {
        self.chosen_by
    }

    /// Why the archive could not be opened, if it could not.
    pub fn open_error(&self) -> Option<String> {
        self.opened
            .as_ref()
            .err()
            .map(|error| error.message.clone())
    }

    /// Whether an import or export is running.
    pub fn is_busy(&self) -> bool {
        let running = |slot: &Mutex<Option<CancelToken>>| slot.lock().map_or(true, |s| s.is_some());
        running(&self.import) || running(&self.export)
    }

    fn opened(&self) -> Result<&Opened, WireError> {
        self.opened.as_ref().map_err(Clone::clone)
    }

    /// Where the archive keeps thumbnails, if it is open.
    pub fn derived_dir(&self) -> Option<PathBuf> {
        self.opened
            .as_ref()
            .ok()
            .map(|opened| opened.dir.join(folio_core::archive::DERIVED_DIR))
    }

    /// The archive's read handle: its connections are opened once and shared; it never waits
    /// for the writer.
    pub fn reader(&self) -> Result<&ReadHandle, WireError> {
        Ok(&self.opened()?.reader)
    }

    /// The one writer, for commands that change the archive.
    pub fn writer(&self) -> Result<MutexGuard<'_, WriteHandle>, WireError> {
        self.opened()?.writer.lock().map_err(|_| poisoned())
    }

    /// Opens the search index (rebuilding it when it is missing or from another version) while
    /// holding the writer; searches wait for it.
    pub fn open_index(&self, progress: &dyn ProgressSink) -> Result<(), WireError> {
        self.writer()?.open_index(progress).map_err(|e| e.to_wire())
    }

    /// Registers a new export and returns its cancel token.
    pub fn start_export(&self) -> CancelToken {
        let token = CancelToken::new();
        if let Ok(mut slot) = self.export.lock() {
            *slot = Some(token.clone());
        }
        token
    }

    /// Ends the running export, remembering the file it wrote.
    pub fn finish_export(&self, written: Option<PathBuf>) {
        if let Ok(mut slot) = self.export.lock() {
            *slot = None;
        }
        if let (Some(path), Ok(mut exported)) = (written, self.exported.lock()) {
            exported.push(path);
        }
    }

    pub fn cancel_export(&self) {
        if let Ok(slot) = self.export.lock()
            && let Some(token) = slot.as_ref()
        {
            token.cancel();
        }
    }

    /// Whether this session exported `path` (so revealing it shows nothing else).
    pub fn was_exported(&self, path: &std::path::Path) -> bool {
        self.exported
            .lock()
            .is_ok_and(|exported| exported.iter().any(|p| p == path))
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

/// Opens the archive, waiting a few seconds for the writer lock: after "Open Another Archive…"
/// the previous process may still be letting go of it.
fn open_waiting_for_lock(dir: &std::path::Path) -> folio_core::Result<Opened> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match WriteHandle::open_or_create_deferring_index(dir) {
            Ok(writer) => {
                tracing::info!("archive {}", dir.display());
                return Ok(Opened {
                    dir: dir.to_path_buf(),
                    reader: writer.reader(),
                    writer: Mutex::new(writer),
                });
            }
            Err(Error::ArchiveInUse(_)) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(error) => return Err(error),
        }
    }
}

fn poisoned() -> WireError {
    Error::Internal("a previous command failed while writing to the archive".into()).to_wire()
}
