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
    {
        let source = window
            .gtk_window()
            .map_err(|e| Error::Internal(format!("no window to drag from: {e}")).to_wire())?;
        let uris = paths.iter().map(|path| file_uri(path)).collect();
        gtk_drag::start(&source, uris, DRAG_ICON)
            .map_err(|why| Error::Internal(why.into()).to_wire())
    }
    #[cfg(not(target_os = "linux"))]
    drag::start_drag(
        &window,
        drag::DragItem::Files(paths),
        drag::Image::Raw(DRAG_ICON.to_vec()),
        |result, _| tracing::debug!("drag out of the window ended: {result:?}"),
        drag::Options::default(),
    )
    .map_err(|e| Error::Internal(format!("the system did not start the drag: {e}")).to_wire())
}

/// The GTK file drag: the window becomes a drag source of `text/uri-list` for one drag and
/// answers the receiver's request for the addresses until GTK says the drag has ended.
///
/// The end matters: a receiver asks for the files after the drop, so the source must still
/// answer then. Sources that let go when the drop is sent (as the `drag` crate does) deliver
/// nothing to GTK receivers such as file managers and mail programs.
#[cfg(target_os = "linux")]
mod gtk_drag {
    use std::cell::RefCell;
    use std::rc::Rc;

    use gtk::gdk;
    use gtk::gdk_pixbuf::Pixbuf;
    use gtk::glib::SignalHandlerId;
    use gtk::prelude::*;

    pub fn start(
        window: &gtk::ApplicationWindow,
        uris: Vec<String>,
        icon: &[u8],
    ) -> Result<(), &'static str> {
        let action = gdk::DragAction::COPY;
        window.drag_source_set(gdk::ModifierType::BUTTON1_MASK, &[], action);
        window.drag_source_add_uri_targets();
        let handlers: Rc<RefCell<Vec<SignalHandlerId>>> = Rc::default();
        let answer = window.connect_drag_data_get(move |_, _, data, _, _| {
            let uris: Vec<&str> = uris.iter().map(String::as_str).collect();
            data.set_uris(&uris);
        });
        handlers.borrow_mut().push(answer);
        let ended = handlers.clone();
        let end = window.connect_drag_end(move |window, _| {
            tracing::debug!("the drag out of the window ended");
            let_go(window, &ended);
        });
        handlers.borrow_mut().push(end);

        let begun = window.drag_source_get_target_list().and_then(|targets| {
            // The button still held since the row was pressed; -1, -1: where the pointer is.
            window.drag_begin_with_coordinates(&targets, action, 1, None, -1, -1)
        });
        let Some(context) = begun else {
            let_go(window, &handlers);
            return Err("the system did not start the drag");
        };
        if let Some(picture) = pixbuf(icon) {
            context.drag_set_icon_pixbuf(&picture, 0, 0);
        }
        Ok(())
    }

    /// The window stops being a drag source: its handlers for this drag are taken away.
    fn let_go(window: &gtk::ApplicationWindow, handlers: &RefCell<Vec<SignalHandlerId>>) {
        for handler in handlers.borrow_mut().drain(..) {
            window.disconnect(handler);
        }
        window.drag_source_unset();
    }

    fn pixbuf(bytes: &[u8]) -> Option<Pixbuf> {
        let loader = gtk::gdk_pixbuf::PixbufLoader::new();
        loader.write(bytes).ok()?;
        loader.close().ok()?;
        loader.pixbuf()
    }
}

/// The `file://` address of a path, as a receiver reads it: a name with a space, a `%` or in
/// Chinese or Russian is percent-encoded (RFC 8089, byte by byte: a name need not be UTF-8).
/// On Windows and macOS the `drag` crate hands the system paths, not addresses.
#[cfg(target_os = "linux")]
fn file_uri(path: &std::path::Path) -> String {
    use std::fmt::Write;
    use std::os::unix::ffi::OsStrExt;
    let mut spelled = String::from("file://");
    for &byte in path.as_os_str().as_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            spelled.push(char::from(byte));
        } else {
            let _ = write!(spelled, "%{byte:02X}");
        }
    }
    spelled
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
            file_uri(path),
            "file:///tmp/drag-out/1/%D0%9F%D1%80%D0%B5%D1%81%D1%81%20%D0%BA%D0%B8%D1%82%20\
                 %E5%8C%97%E4%BA%AC%20100%25.jpg"
        );
        let latin1 = std::path::Path::new(OsStr::from_bytes(b"/tmp/caf\xe9.jpg"));
        assert_eq!(file_uri(latin1), "file:///tmp/caf%E9.jpg");
        assert_eq!(
            file_uri(std::path::Path::new("/tmp/plain-name_1.jpg")),
            "file:///tmp/plain-name_1.jpg"
        );
    }
}
