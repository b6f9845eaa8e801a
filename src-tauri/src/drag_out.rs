//! Dragging items out of the window onto the desktop, into an e-mail or onto a browser's upload
//! form: the window asks when a drag of rows or tiles leaves it, the host writes the copies (photos
//! with their current captions, as File → Save a Copy… does) into this session's folder in the
//! app's cache, then starts the system's own file drag with them (GTK on Linux, OLE on Windows,
//! AppKit on macOS, through the `drag` crate).
//!
//! The copies stay after the drop: a mail program may attach the file only when the message is
//! sent. Session folders older than a day are removed when the next session makes its own.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use folio_core::{Error, WireError};
use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// The picture under the pointer during the drag.
const DRAG_ICON: &[u8] = include_bytes!("../../icons/64x64.png");
/// How long another session's copies are kept.
const KEEP: Duration = Duration::from_secs(24 * 60 * 60);

/// This session's folder of dragged copies, made on the first drag.
#[derive(Default)]
pub struct DragOut {
    session: Mutex<Option<PathBuf>>,
    drags: AtomicU64,
}

impl DragOut {
    /// A new empty folder for one drag's copies, so each keeps its own file names.
    fn folder(&self, app: &AppHandle) -> Result<PathBuf, WireError> {
        let mut session = self
            .session
            .lock()
            .map_err(|_| Error::Internal("the drag folder is unusable".into()).to_wire())?;
        let session = match &*session {
            Some(folder) => folder.clone(),
            None => {
                let root = app
                    .path()
                    .app_cache_dir()
                    .map_err(|e| Error::Internal(format!("no cache folder: {e}")).to_wire())?
                    .join("drag-out");
                remove_old_sessions(&root);
                let stamp = SystemTime::now()
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or_default();
                let folder = root.join(format!("{}-{stamp}", std::process::id()));
                *session = Some(folder.clone());
                folder
            }
        };
        let drag = self.drags.fetch_add(1, Ordering::Relaxed) + 1;
        Ok(session.join(drag.to_string()))
    }
}

fn remove_old_sessions(root: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > KEEP);
        if old && let Err(error) = std::fs::remove_dir_all(entry.path()) {
            tracing::warn!("cannot remove old dragged copies: {error}");
        }
    }
}

/// Writes the copies of the items for one drag; their paths. Fails when none could be copied.
pub fn prepare(app: &AppHandle, ids: &[i64]) -> Result<Vec<PathBuf>, WireError> {
    let folder = app.state::<DragOut>().folder(app)?;
    let report = app
        .state::<AppState>()
        .reader()?
        .copy_items(ids, &folder)
        .map_err(|e| e.to_wire())?;
    let paths: Vec<PathBuf> = report
        .copies
        .iter()
        .filter_map(|copy| copy.path.as_ref().map(PathBuf::from))
        .collect();
    if paths.is_empty() {
        let why = report
            .copies
            .iter()
            .find_map(|copy| copy.error.clone())
            .unwrap_or_else(|| "nothing to drag".into());
        return Err(Error::InvalidInput(why).to_wire());
    }
    Ok(paths)
}

/// Starts the system's file drag of `paths` from the main window; must run on the main thread.
pub fn start(app: &AppHandle, paths: Vec<PathBuf>) -> Result<(), WireError> {
    let window = app
        .get_webview_window("main")
        .ok_or_else(|| Error::Internal("the main window is gone".into()).to_wire())?;
    #[cfg(target_os = "linux")]
    let source = window
        .gtk_window()
        .map_err(|e| Error::Internal(format!("no window to drag from: {e}")).to_wire())?;
    #[cfg(not(target_os = "linux"))]
    let source = window;
    #[cfg(target_os = "linux")]
    let paths = paths.iter().map(|path| uri_path(path)).collect();
    drag::start_drag(
        &source,
        drag::DragItem::Files(paths),
        drag::Image::Raw(DRAG_ICON.to_vec()),
        |result, _| tracing::debug!("drag out of the window ended: {result:?}"),
        drag::Options::default(),
    )
    .map_err(|e| Error::Internal(format!("the system did not start the drag: {e}")).to_wire())
}

/// The path as a `file://` address must spell it: on GTK the `drag` crate writes `file://` and
/// the path as it is, and a receiver reads an address, so a name with a space, a `%` or in
/// Chinese or Russian is percent-encoded first (RFC 8089, byte by byte: a name need not be
/// UTF-8). On Windows and macOS the crate hands the system paths, not addresses.
#[cfg(target_os = "linux")]
fn uri_path(path: &std::path::Path) -> PathBuf {
    use std::fmt::Write;
    use std::os::unix::ffi::OsStrExt;
    let mut spelled = String::new();
    for &byte in path.as_os_str().as_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            spelled.push(char::from(byte));
        } else {
            let _ = write!(spelled, "%{byte:02X}");
        }
    }
    PathBuf::from(spelled)
}

#[cfg(all(test, target_os = "linux"))]
mod uri_tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn names_with_spaces_other_scripts_and_stray_bytes_are_percent_encoded() {
        let path = std::path::Path::new("/tmp/drag-out/1/Пресс кит 北京 100%.jpg");
        assert_eq!(
            uri_path(path),
            PathBuf::from(
                "/tmp/drag-out/1/%D0%9F%D1%80%D0%B5%D1%81%D1%81%20%D0%BA%D0%B8%D1%82%20\
                 %E5%8C%97%E4%BA%AC%20100%25.jpg"
            )
        );
        let latin1 = std::path::Path::new(OsStr::from_bytes(b"/tmp/caf\xe9.jpg"));
        assert_eq!(uri_path(latin1), PathBuf::from("/tmp/caf%E9.jpg"));
        assert_eq!(
            uri_path(std::path::Path::new("/tmp/plain-name_1.jpg")),
            PathBuf::from("/tmp/plain-name_1.jpg")
        );
    }
}
