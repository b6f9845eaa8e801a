//! OCR in the desktop: a thread started with the app reads what is queued — left from the last
//! session, or queued by an import since — in the background, beside the window. It holds the
//! writer only to record each item as it is read, so imports and edits go on meanwhile; progress
//! goes to the window as `folio://progress` (job `ocr`), each recorded item as `folio://changed`.
//! Cancel stops the run between pages; what is left waits for the next import or the next start.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use folio_core::ocr::worker::{self, default_threads};
use folio_core::progress::CancelToken;
use folio_core::{Error, WireError};
use tauri::{AppHandle, Manager};

use crate::events;
use crate::state::AppState;

/// How often the worker looks at the queue when nothing woke it (a watch folder's import).
const LOOK_AGAIN: Duration = Duration::from_secs(60);

#[derive(Default)]
pub struct OcrWorker {
    /// Set when there may be new work; the worker waits on it between runs.
    wake: Mutex<bool>,
    woken: Condvar,
    /// The running run's cancel token.
    running: Mutex<Option<CancelToken>>,
}

impl OcrWorker {
    /// Asks the worker to look at the queue now (an import queued items).
    pub fn wake(&self) {
        if let Ok(mut wake) = self.wake.lock() {
            *wake = true;
            self.woken.notify_all();
        }
    }

    /// Stops the running run between pages; the rest stays queued.
    pub fn cancel(&self) {
        if let Ok(running) = self.running.lock()
            && let Some(token) = running.as_ref()
        {
            token.cancel();
        }
    }

    fn wait(&self) {
        let Ok(wake) = self.wake.lock() else {
            return;
        };
        if let Ok((mut wake, _)) = self.woken.wait_timeout_while(wake, LOOK_AGAIN, |w| !*w) {
            *wake = false;
        }
    }
}

/// Starts the worker (after the search index is open, so recorded text is indexed at once).
pub fn start(app: &AppHandle) {
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("folio-ocr".into())
        .spawn(move || {
            loop {
                if let Err(error) = run_queue(&app) {
                    tracing::warn!("OCR stopped: {}", error.message);
                }
                app.state::<OcrWorker>().wait();
            }
        });
    if let Err(error) = spawned {
        tracing::warn!("OCR will not run: {error}");
    }
}

/// Reads everything queued now, recording each item through the writer.
fn run_queue(app: &AppHandle) -> Result<(), WireError> {
    let state = app.state::<AppState>();
    let ocr = app.state::<OcrWorker>();
    let queue = state.reader()?.ocr_queue().map_err(|e| e.to_wire())?;
    if queue.is_empty() {
        return Ok(());
    }
    let cancel = CancelToken::new();
    if let Ok(mut running) = ocr.running.lock() {
        *running = Some(cancel.clone());
    }
    let progress = events::ProgressEmitter::new(app);
    let result = worker::run(
        state.archive_dir(),
        queue,
        default_threads(),
        &progress,
        &cancel,
        &mut |item, pages| {
            let written = state
                .writer()
                .map_err(|e| Error::Internal(e.message))?
                .record_ocr(item.item_id, pages)?;
            events::archive_changed(app, &written.changes);
            Ok(())
        },
    );
    if let Ok(mut running) = ocr.running.lock() {
        *running = None;
    }
    let report = result.map_err(|e| e.to_wire())?;
    tracing::info!(
        "OCR read {} items ({} pages) in {:.1} s; {} pages unreadable, {} still queued",
        report.items,
        report.pages,
        report.seconds,
        report.unreadable.len(),
        report.remaining
    );
    events::ocr_finished(app, &report);
    Ok(())
}
