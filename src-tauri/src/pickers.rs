//! The system's file pickers, opened by the host rather than by the web view, so that the host
//! knows what the user chose: picked files and folders become paths `import_paths` accepts, and a
//! file chosen in the save picker the one file an export may write.

use std::path::{Path, PathBuf};

use folio_core::export::ExportFormat;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};

use crate::e2e;
use crate::trusted::Trusted;

/// Asks for files (or folders) to import; several may be chosen. Empty when cancelled.
pub fn pick_imports(app: &AppHandle, folders: bool) -> Vec<String> {
    let chosen = e2e::picked().unwrap_or_else(|| {
        let dialog = picker(app);
        let chosen = if folders {
            dialog.blocking_pick_folders()
        } else {
            dialog.blocking_pick_files()
        };
        chosen
            .unwrap_or_default()
            .into_iter()
            .filter_map(local)
            .collect()
    });
    app.state::<Trusted>().allow_imports(&chosen);
    chosen.iter().map(|path| text(path)).collect()
}

/// Asks where to save an export, suggesting `default_name`; None when cancelled.
pub fn pick_save(app: &AppHandle, default_name: &str, format: ExportFormat) -> Option<String> {
    let chosen = e2e::save_as().or_else(|| {
        let (name, extension) = match format {
            ExportFormat::Pdf => ("PDF", "pdf"),
            ExportFormat::Zip => ("ZIP", "zip"),
        };
        picker(app)
            .set_file_name(default_name)
            .add_filter(name, &[extension])
            .blocking_save_file()
            .and_then(local)
    })?;
    let answer = text(&chosen);
    app.state::<Trusted>().allow_save(chosen);
    Some(answer)
}

/// Asks for the folder to save copies in; None when cancelled.
pub fn pick_copy_folder(app: &AppHandle) -> Option<PathBuf> {
    e2e::copy_to().or_else(|| picker(app).blocking_pick_folder().and_then(local))
}

/// Asks for the empty folder a joined team's archive goes in; None when cancelled.
pub fn pick_team_folder(app: &AppHandle) -> Option<PathBuf> {
    e2e::team_folder().or_else(|| picker(app).blocking_pick_folder().and_then(local))
}

/// A picker in front of the main window.
fn picker(app: &AppHandle) -> FileDialogBuilder<tauri::Wry> {
    let dialog = app.dialog().file();
    match app.get_webview_window("main") {
        Some(window) => dialog.set_parent(&window),
        None => dialog,
    }
}

/// A path as the page gets it (and hands it back).
fn text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The local path of a picked file (on desktop platforms every answer is one).
fn local(path: FilePath) -> Option<PathBuf> {
    path.into_path().ok()
}
