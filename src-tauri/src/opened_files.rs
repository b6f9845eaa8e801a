//! Files handed to Folio by the system — "Open with Folio" and the formats it is registered for:
//! on the command line at start (Linux, Windows) or by the `Opened` event (macOS). The window
//! takes them once and imports them as if they had been dropped.

use std::path::PathBuf;
use std::sync::Mutex;

use tauri::{AppHandle, Emitter};

/// Tells the window that files are waiting to be taken (macOS opens files in the running app).
#[cfg_attr(not(target_os = "macos"), allow(dead_code))]
pub const OPENED: &str = "folio://opened";

#[derive(Default)]
pub struct OpenedFiles {
    waiting: Mutex<Vec<String>>,
}

impl OpenedFiles {
    /// The files among the program's arguments; anything else there (options the system adds,
    /// paths that no longer exist) is ignored.
    pub fn from_arguments() -> Self {
        let files = std::env::args_os()
            .skip(1)
            .map(PathBuf::from)
            .filter(|path| path.exists())
            .map(|path| path.to_string_lossy().into_owned())
            .collect();
        Self {
            waiting: Mutex::new(files),
        }
    }

    /// Queues files the system opened with Folio while it runs, and tells the window.
    #[cfg_attr(not(target_os = "macos"), allow(dead_code))]
    pub fn add(&self, app: &AppHandle, paths: impl IntoIterator<Item = PathBuf>) {
        if let Ok(mut waiting) = self.waiting.lock() {
            waiting.extend(paths.into_iter().map(|p| p.to_string_lossy().into_owned()));
        }
        if let Err(error) = app.emit(OPENED, ()) {
            tracing::warn!("cannot tell the window about opened files: {error}");
        }
    }

    /// The files waiting to be imported; each is handed out once.
    pub fn take(&self) -> Vec<String> {
        self.waiting
            .lock()
            .map(|mut waiting| std::mem::take(&mut *waiting))
            .unwrap_or_default()
    }
}
