//! The Folio desktop app: a Tauri window over folio-core. Commands here stay thin: take state,
//! call one core function, map the error.

// Keeps a console window from opening beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod events;
mod state;

fn main() {
    init_tracing();
    let state = state::AppState::open_default();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::archive_stats,
            commands::list_items,
            commands::import_paths,
            commands::cancel_import,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("folio-desktop: cannot start the window: {error}");
        std::process::exit(1);
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FOLIO_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
