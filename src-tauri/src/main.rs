//! The Folio desktop app: a Tauri window over folio-core. Commands here stay thin: take state,
//! call one core function, map the error.

// Keeps a console window from opening beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// The command surface comes first: the modules below use its macro.
#[macro_use]
mod surface;

#[cfg(test)]
mod command_lists;
mod commands;
mod drag_out;
mod e2e;
mod events;
mod logging;
mod menu;
mod ocr;
mod opened_files;
mod pickers;
mod reveal;
mod similarity;
mod state;
mod team;
mod team_sync;
mod thumbnails;
mod trusted;
mod watching;

use tauri::Manager;

/// The handlers of every command of the surface ([`surface`]), found by name in `commands`.
macro_rules! handlers {
    ($($name:ident($($argument:ident: $type:ty),*) -> $answer:ty;)*) => {
        tauri::generate_handler![$(commands::$name),*]
    };
}

fn main() {
    logging::init();
    let state = state::AppState::open_default();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .manage(opened_files::OpenedFiles::from_arguments())
        .manage(trusted::Trusted::default())
        .manage(drag_out::DragOut::default())
        .manage(watching::Watching::from_settings())
        .manage(ocr::OcrWorker::default())
        .manage(team_sync::TeamSync::default())
        .register_asynchronous_uri_scheme_protocol(thumbnails::SCHEME, thumbnails::serve)
        .menu(menu::build)
        .on_menu_event(menu::handle)
        .on_window_event(trust_dropped_paths)
        .setup(|app| {
            // Open (and if needed rebuild) the search index before the first search asks.
            let handle = app.handle().clone();
            // Watch folders from the start: what arrived while Folio was closed comes in now.
            watching::start(&handle);
            // A team member catches up with its team from the start, and keeps in step; what
            // only the team's store holds (originals, large thumbnails) is fetched when shown.
            team::attach_originals(&handle);
            team_sync::start(&handle);
            std::thread::spawn(move || {
                let state = handle.state::<state::AppState>();
                if let Err(error) = state.open_index(&events::ProgressEmitter::new(&handle)) {
                    tracing::warn!("search index not ready: {}", error.message);
                }
                // What OCR left queued when Folio last quit is read now.
                ocr::start(&handle);
                if let Err(error) = similarity::catch_up(&handle) {
                    tracing::warn!("near-duplicates not fingerprinted: {}", error.message);
                }
            });
            Ok(())
        })
        .invoke_handler(command_surface!(handlers))
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(on_run_event),
        Err(error) => {
            eprintln!("folio-desktop: cannot start the window: {error}");
            std::process::exit(1);
        }
    }
}

/// Files and folders the system dropped on the window become paths `import_paths` accepts. Tauri
/// has already queued the `tauri://drag-drop` event for the page when this runs, but the page's
/// script runs on this same thread after it returns, so the paths are trusted before the page
/// can ask to import them. (The page cannot fake a drop: it has no permission to emit events.)
fn trust_dropped_paths(window: &tauri::Window, event: &tauri::WindowEvent) {
    if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
        window.state::<trusted::Trusted>().allow_imports(paths);
    }
}

/// macOS hands files opened with Folio to the running app as an event, not as arguments.
fn on_run_event(app: &tauri::AppHandle, event: tauri::RunEvent) {
    #[cfg(target_os = "macos")]
    if let tauri::RunEvent::Opened { urls } = &event {
        let paths = urls.iter().filter_map(|url| url.to_file_path().ok());
        app.state::<opened_files::OpenedFiles>().add(app, paths);
    }
    let _ = (app, event);
}
