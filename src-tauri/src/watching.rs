//! Watch folders in the desktop app: the folders are kept in the computer's settings, a thread
//! started with the app follows them with the core's watcher and imports each arrival through
//! the writer, as the window's own imports run — with progress (`folio://progress`), the
//! report (`folio://watch-import`) and one `folio://changed`. What goes wrong is kept for the
//! settings panel and logged.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};
use std::time::Duration;

use folio_core::WireError;
use folio_core::watch::{self, Arrival, Timing, WatchFolder, WatchImport, WatchStatus, Watcher};
use tauri::{AppHandle, Emitter, Manager};

use crate::events;
use crate::state::AppState;

pub const WATCH_IMPORT: &str = "folio://watch-import";

/// How long the thread waits for an arrival before looking for new settings.
const POLL: Duration = Duration::from_millis(300);

pub struct Watching {
    status: Mutex<WatchStatus>,
    /// Hands new settings to the watching thread, which starts over with them.
    restart: Mutex<Option<Sender<Vec<WatchFolder>>>>,
}

impl Watching {
    /// The folders remembered for this computer (nothing watched until [`start`]).
    pub fn from_settings() -> Self {
        Self {
            status: Mutex::new(WatchStatus {
                folders: folio_core::location::watch_folders(),
                problems: Vec::new(),
            }),
            restart: Mutex::new(None),
        }
    }

    pub fn status(&self) -> WatchStatus {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Keeps `folders` for this computer and watches them from now on.
    pub fn set(&self, folders: Vec<WatchFolder>) -> Result<WatchStatus, WireError> {
        folio_core::location::remember_watch_folders(&folders).map_err(|e| e.to_wire())?;
        if let Ok(mut status) = self.status.lock() {
            *status = WatchStatus {
                folders: folders.clone(),
                problems: Vec::new(),
            };
        }
        if let Ok(restart) = self.restart.lock()
            && let Some(sender) = restart.as_ref()
        {
            let _ = sender.send(folders);
        }
        Ok(self.status())
    }

    fn add_problems(&self, problems: Vec<String>) {
        if problems.is_empty() {
            return;
        }
        for problem in &problems {
            tracing::warn!("watch folders: {problem}");
        }
        if let Ok(mut status) = self.status.lock() {
            status.problems.extend(problems);
        }
    }
}

/// Starts the watching thread (once the archive is open; an archive that did not open is not
/// watched into).
pub fn start(app: &AppHandle) {
    if app.state::<AppState>().open_error().is_some() {
        return;
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    let watching = app.state::<Watching>();
    if let Ok(mut restart) = watching.restart.lock() {
        *restart = Some(sender);
    }
    let folders = watching.status().folders;
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("folio-watch".into())
        .spawn(move || watch_until_closed(&app, folders, &receiver));
    if let Err(error) = spawned {
        tracing::error!("cannot start watching folders: {error}");
    }
}

fn watch_until_closed(
    app: &AppHandle,
    mut folders: Vec<WatchFolder>,
    settings: &Receiver<Vec<WatchFolder>>,
) {
    let watching = app.state::<Watching>();
    let archive_dir = app.state::<AppState>().archive_dir().to_path_buf();
    loop {
        if folders.is_empty() {
            match settings.recv() {
                Ok(new) => folders = new,
                Err(_) => return,
            }
            continue;
        }
        let mut watcher = match Watcher::start(&archive_dir, &folders, Timing::default()) {
            Ok(watcher) => watcher,
            Err(error) => {
                watching.add_problems(vec![error.to_string()]);
                match settings.recv() {
                    Ok(new) => folders = new,
                    Err(_) => return,
                }
                continue;
            }
        };
        loop {
            match settings.try_recv() {
                Ok(new) => {
                    folders = new;
                    break;
                }
                Err(TryRecvError::Disconnected) => return,
                Err(TryRecvError::Empty) => {}
            }
            if let Some(arrival) = watcher.next(POLL) {
                import(app, &mut watcher, &arrival);
            }
            watching.add_problems(watcher.take_problems());
        }
    }
}

/// One arrival through the writer, followed by the window as its own imports are.
fn import(app: &AppHandle, watcher: &mut Watcher, arrival: &Arrival) {
    let state = app.state::<AppState>();
    let watching = app.state::<Watching>();
    let announce = |report| {
        let event = WatchImport {
            folder: arrival.folder.path.clone(),
            report,
        };
        if let Err(error) = app.emit(WATCH_IMPORT, event) {
            tracing::warn!("cannot send the watch folder's import: {error}");
        }
    };
    let mut archive = match state.writer() {
        Ok(archive) => archive,
        Err(error) => return watching.add_problems(vec![error.message]),
    };
    let cancel = state.start_import();
    announce(None);
    let written = watch::import_arrival(
        &mut archive,
        arrival,
        &events::ProgressEmitter::new(app),
        &cancel,
    );
    drop(archive);
    state.finish_import();
    match written {
        Ok(written) => {
            events::archive_changed(app, &written.changes);
            if written.value.ocr_queued > 0 {
                app.state::<crate::ocr::OcrWorker>().wake();
            }
            if let Err(error) = watcher.imported(arrival, &written.value) {
                watching.add_problems(vec![error.to_string()]);
            }
            announce(Some(written.value));
        }
        Err(error) => {
            // A failed import may have committed batches before it stopped.
            events::archive_changed(app, &folio_core::changes::ChangeSet::everything());
            watching.add_problems(vec![format!(
                "importing from {}: {error}",
                arrival.folder.path
            )]);
            // The files come in next time; the report says why they did not now.
            let mut report = folio_core::import::ImportReport::default();
            for path in arrival.paths() {
                report.fail(path.to_string_lossy(), error.to_string());
            }
            announce(Some(report));
        }
    }
}
