//! The app menu: File → "Save a Copy…" (asks the window to save copies of what is selected, as
//! its own button does), and the Archive entries "Team…" (asks the window to open its Team
//! dialog), "Check Archive Location" (where the archive is,
//! space left, and whether the place is safe for it) and "Open Another Archive…" (remembered,
//! then the app restarts on it so nothing of the old archive stays open).

use std::path::{Path, PathBuf};

use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

use crate::state::AppState;

const CHECK_LOCATION: &str = "archive.check-location";
const OPEN_ANOTHER: &str = "archive.open-another";
const SAVE_COPY: &str = "file.save-copy";
const TEAM: &str = "archive.team";

/// The event that asks the window to save copies of its selection (only the window knows it).
pub const SAVE_COPY_ASKED: &str = "folio://save-copy";

/// The event that asks the window to open its Team dialog.
pub const TEAM_ASKED: &str = "folio://team-dialog";

/// The menu's words in the UI languages, chosen from the system's.
struct Words {
    file: &'static str,
    save_copy: &'static str,
    archive: &'static str,
    team: &'static str,
    check_location: &'static str,
    open_another: &'static str,
    show_folder: &'static str,
    ok: &'static str,
    choose_archive: &'static str,
    location_title: &'static str,
    cannot_switch: &'static str,
}

const ENGLISH: Words = Words {
    file: "&File",
    save_copy: "Save a Copy…",
    archive: "&Archive",
    team: "Team…",
    check_location: "Check Archive Location",
    open_another: "Open Another Archive…",
    show_folder: "Show in Folder",
    ok: "OK",
    choose_archive: "Choose an archive folder, or an empty folder for a new archive",
    location_title: "Archive location",
    cannot_switch: "Cannot open that archive",
};

const CHINESE: Words = Words {
    file: "文件(&F)",
    save_copy: "存储副本…",
    archive: "档案库(&A)",
    team: "团队…",
    check_location: "检查档案库位置",
    open_another: "打开其他档案库…",
    show_folder: "在文件夹中显示",
    ok: "确定",
    choose_archive: "选择档案库文件夹，或选择空文件夹以新建档案库",
    location_title: "档案库位置",
    cannot_switch: "无法打开该档案库",
};

const RUSSIAN: Words = Words {
    file: "&Файл",
    save_copy: "Сохранить копию…",
    archive: "&Архив",
    team: "Команда…",
    check_location: "Проверить расположение архива",
    open_another: "Открыть другой архив…",
    show_folder: "Показать в папке",
    ok: "OK",
    choose_archive: "Выберите папку архива или пустую папку для нового архива",
    location_title: "Расположение архива",
    cannot_switch: "Не удаётся открыть этот архив",
};

fn words() -> &'static Words {
    // LANGUAGE, LC_ALL, LC_MESSAGES, LANG: the order gettext reads them in.
    let language = ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .unwrap_or_default()
        .to_lowercase();
    if language.starts_with("zh") {
        &CHINESE
    } else if language.starts_with("ru") {
        &RUSSIAN
    } else {
        &ENGLISH
    }
}

/// The window's menu: the platform's standard menu on macOS (it carries the Edit shortcuts the
/// web view relies on there), and on every platform an Archive menu.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let words = words();
    let check = MenuItem::with_id(
        app,
        CHECK_LOCATION,
        words.check_location,
        true,
        None::<&str>,
    )?;
    let open = MenuItem::with_id(app, OPEN_ANOTHER, words.open_another, true, None::<&str>)?;
    let team = MenuItem::with_id(app, TEAM, words.team, true, None::<&str>)?;
    let separator = PredefinedMenuItem::separator(app)?;
    let before_team = PredefinedMenuItem::separator(app)?;
    let quit = PredefinedMenuItem::quit(app, None)?;
    let archive = Submenu::with_items(
        app,
        words.archive,
        true,
        &[&check, &open, &before_team, &team, &separator, &quit],
    )?;
    let save_copy = MenuItem::with_id(app, SAVE_COPY, words.save_copy, true, None::<&str>)?;
    let file = Submenu::with_items(app, words.file, true, &[&save_copy])?;
    let menu = if cfg!(target_os = "macos") {
        let menu = Menu::default(app)?;
        // The default menu's File menu is its second; the copy goes at its top.
        match menu
            .items()?
            .get(1)
            .and_then(|item| item.as_submenu().cloned())
        {
            Some(default_file) => default_file.insert(&save_copy, 0)?,
            None => menu.insert(&file, 1)?,
        }
        menu.insert(&archive, 2)?;
        menu
    } else {
        Menu::with_items(app, &[&file, &archive])?
    };
    Ok(menu)
}

pub fn handle<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    match event.id().as_ref() {
        CHECK_LOCATION => check_location(app),
        OPEN_ANOTHER => open_another(app),
        SAVE_COPY => {
            if let Err(error) = app.emit(SAVE_COPY_ASKED, ()) {
                tracing::warn!("cannot ask the window to save a copy: {error}");
            }
        }
        TEAM => {
            if let Err(error) = app.emit(TEAM_ASKED, ()) {
                tracing::warn!("cannot ask the window to open the Team dialog: {error}");
            }
        }
        _ => {}
    }
}

fn check_location<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let dir = state.archive_dir().to_path_buf();
    let report = folio_core::location::check(&dir, state.chosen_by());
    let mut lines = vec![report.path.clone()];
    if let Some(problem) = state.open_error() {
        lines.push(problem);
    }
    if let (Some(free), Some(total)) = (report.free_bytes, report.total_bytes) {
        lines.push(format!(
            "{} free of {}",
            folio_core::location::human_bytes(free),
            folio_core::location::human_bytes(total)
        ));
    }
    if report.warnings.is_empty() {
        lines.push("This is a local, writable folder: a good place for the archive.".into());
    }
    lines.extend(report.warnings.iter().map(|w| format!("⚠ {}", w.message)));
    let kind = if report.warnings.is_empty() {
        MessageDialogKind::Info
    } else {
        MessageDialogKind::Warning
    };
    let words = words();
    let reveal_target = dir.clone();
    app.dialog()
        .message(lines.join("\n\n"))
        .title(words.location_title)
        .kind(kind)
        .buttons(MessageDialogButtons::OkCancelCustom(
            words.show_folder.into(),
            words.ok.into(),
        ))
        .show(move |show_folder| {
            if show_folder && let Err(error) = crate::reveal::open_folder(&reveal_target) {
                tracing::warn!("cannot show {}: {error}", reveal_target.display());
            }
        });
}

fn open_another<R: Runtime>(app: &AppHandle<R>) {
    let words = words();
    let handle = app.clone();
    let start = app
        .state::<AppState>()
        .archive_dir()
        .parent()
        .map(Path::to_path_buf);
    let mut picker = app.dialog().file().set_title(words.choose_archive);
    if let Some(start) = start {
        picker = picker.set_directory(start);
    }
    picker.pick_folder(move |chosen| {
        let Some(chosen) = chosen.and_then(|path| path.into_path().ok()) else {
            return;
        };
        match switch_to(&handle, &chosen) {
            Ok(()) => handle.request_restart(),
            Err(message) => {
                handle
                    .dialog()
                    .message(message)
                    .title(words.cannot_switch)
                    .kind(MessageDialogKind::Error)
                    .show(|_| {});
            }
        }
    });
}

/// Checks that `chosen` can be the archive and remembers it for the restart.
fn switch_to<R: Runtime>(app: &AppHandle<R>, chosen: &Path) -> Result<(), String> {
    let state = app.state::<AppState>();
    if state.is_busy() {
        return Err("An import or export is running; wait for it to finish or cancel it, then open the other archive.".into());
    }
    let dir = archive_folder(chosen)?;
    folio_core::location::remember_archive(&dir).map_err(|error| error.to_string())
}

/// The archive in `chosen`: the folder itself when it is an archive or empty (a new archive
/// starts there), else refused, so Folio never scatters its files among someone's documents.
fn archive_folder(chosen: &Path) -> Result<PathBuf, String> {
    if chosen.join(folio_core::db::DATABASE_FILE).is_file() {
        return Ok(chosen.to_path_buf());
    }
    let empty = std::fs::read_dir(chosen)
        .map_err(|error| format!("Cannot read {}: {error}", chosen.display()))?
        .next()
        .is_none();
    if empty {
        Ok(chosen.to_path_buf())
    } else {
        Err(format!(
            "{} is not a Folio archive and is not empty. Choose a folder that holds an archive (it has a folio.sqlite file), or an empty folder to start a new archive.",
            folio_core::file_names::display_path(chosen)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::archive_folder;

    #[test]
    fn an_archive_or_an_empty_folder_can_be_opened_and_anything_else_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(archive_folder(dir.path()).unwrap(), dir.path());
        std::fs::write(dir.path().join("notes.txt"), "someone's documents").unwrap();
        let refused = archive_folder(dir.path()).unwrap_err();
        assert!(refused.contains("not a Folio archive"), "{refused}");
        std::fs::write(dir.path().join(folio_core::db::DATABASE_FILE), "").unwrap();
        assert_eq!(archive_folder(dir.path()).unwrap(), dir.path());
        let gone = archive_folder(&dir.path().join("unplugged")).unwrap_err();
        assert!(gone.contains("Cannot read"), "{gone}");
    }
}
