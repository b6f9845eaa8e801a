//! The Tauri command table: each command takes state, calls one core function, maps the error.

use std::path::PathBuf;

use folio_core::export::{ExportFormat, ExportReport, ExportRequest};
use folio_core::fixity::VerifyReport;
use folio_core::import::{ImportReport, ImportRequest};
use folio_core::indexing::{self, SearchPage, SearchRequest};
use folio_core::items::ItemView;
use folio_core::library::collections::{self, CollectionSummary};
use folio_core::library::editing::{self, EditRequest, Undone};
use folio_core::library::listing::{self, ItemPage, ListRequest};
use folio_core::library::saved_searches::{self, SavedSearch};
use folio_core::library::tagging::{self, TagCount, TagRequest};
use folio_core::library::trash;
use folio_core::progress::{CancelToken, NoProgress};
use folio_core::selection::{self, ExportItemsRequest};
use folio_core::{Archive, Stats, WireError};
use tauri::{AppHandle, Manager, State};

use crate::events;
use crate::opened_files::OpenedFiles;
use crate::pickers;
use crate::state::AppState;
use crate::trusted::Trusted;

#[tauri::command]
pub fn archive_stats(state: State<'_, AppState>) -> Result<Stats, WireError> {
    folio_core::stats::stats(&state.reader()?).map_err(|e| e.to_wire())
}

/// One page of a library view, sorted.
#[tauri::command]
pub fn list_items(state: State<'_, AppState>, request: ListRequest) -> Result<ItemPage, WireError> {
    listing::list_page(state.reader()?.conn(), &request).map_err(wire)
}

#[tauri::command]
pub fn search_items(
    state: State<'_, AppState>,
    request: SearchRequest,
) -> Result<SearchPage, WireError> {
    let index = state.index(&NoProgress)?;
    indexing::search(state.reader()?.conn(), &index, &request).map_err(wire)
}

#[tauri::command]
pub fn show_item(state: State<'_, AppState>, id: i64) -> Result<ItemView, WireError> {
    folio_core::items::show(state.reader()?.conn(), id).map_err(wire)
}

#[tauri::command]
pub fn list_tags(state: State<'_, AppState>) -> Result<Vec<TagCount>, WireError> {
    tagging::list_tags(state.reader()?.conn()).map_err(wire)
}

#[tauri::command]
pub fn tag_items(
    app: AppHandle,
    state: State<'_, AppState>,
    request: TagRequest,
) -> Result<(), WireError> {
    write(&app, &state, |archive| {
        tagging::tag_items(archive.conn_mut(), &request)
    })
}

#[tauri::command]
pub fn rename_tag(
    app: AppHandle,
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<(), WireError> {
    write(&app, &state, |archive| {
        tagging::rename_tag(archive.conn_mut(), &from, &to)
    })
}

#[tauri::command]
pub fn list_collections(state: State<'_, AppState>) -> Result<Vec<CollectionSummary>, WireError> {
    collections::list(state.reader()?.conn()).map_err(wire)
}

#[tauri::command]
pub fn create_collection(
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
) -> Result<CollectionSummary, WireError> {
    write(&app, &state, |archive| {
        collections::create(archive.conn(), &name)
    })
}

#[tauri::command]
pub fn rename_collection(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    name: String,
) -> Result<(), WireError> {
    write(&app, &state, |archive| {
        collections::rename(archive.conn_mut(), id, &name)
    })
}

#[tauri::command]
pub fn delete_collection(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> Result<(), WireError> {
    write(&app, &state, |archive| {
        collections::delete(archive.conn_mut(), id)
    })
}

#[tauri::command]
pub fn add_to_collection(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    item_ids: Vec<i64>,
) -> Result<(), WireError> {
    write(&app, &state, |archive| {
        collections::add(archive.conn_mut(), id, &item_ids)
    })
}

#[tauri::command]
pub fn remove_from_collection(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    item_ids: Vec<i64>,
) -> Result<(), WireError> {
    write(&app, &state, |archive| {
        collections::remove(archive.conn_mut(), id, &item_ids)
    })
}

#[tauri::command]
pub fn reorder_collection(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    item_ids: Vec<i64>,
) -> Result<(), WireError> {
    write(&app, &state, |archive| {
        collections::reorder(archive.conn_mut(), id, &item_ids)
    })
}

#[tauri::command]
pub fn list_saved_searches(state: State<'_, AppState>) -> Result<Vec<SavedSearch>, WireError> {
    saved_searches::list(state.reader()?.conn()).map_err(wire)
}

#[tauri::command]
pub fn save_search(
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
    query: String,
) -> Result<SavedSearch, WireError> {
    write(&app, &state, |archive| {
        saved_searches::save(archive.conn(), &name, &query)
    })
}

#[tauri::command]
pub fn delete_saved_search(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> Result<(), WireError> {
    write(&app, &state, |archive| {
        saved_searches::delete(archive.conn(), id)
    })
}

#[tauri::command]
pub fn trash_items(
    app: AppHandle,
    state: State<'_, AppState>,
    ids: Vec<i64>,
) -> Result<(), WireError> {
    write(&app, &state, |archive| {
        trash::trash(archive.conn_mut(), &ids)
    })
}

#[tauri::command]
pub fn restore_items(
    app: AppHandle,
    state: State<'_, AppState>,
    ids: Vec<i64>,
) -> Result<(), WireError> {
    write(&app, &state, |archive| {
        trash::restore(archive.conn_mut(), &ids)
    })
}

#[tauri::command]
pub fn empty_trash(app: AppHandle, state: State<'_, AppState>) -> Result<usize, WireError> {
    write(&app, &state, trash::empty)
}

#[tauri::command]
pub fn update_item(
    app: AppHandle,
    state: State<'_, AppState>,
    request: EditRequest,
) -> Result<ItemView, WireError> {
    write(&app, &state, |archive| {
        editing::update_item(archive.conn_mut(), &request)?;
        folio_core::items::show(archive.conn(), request.id)
    })
}

#[tauri::command]
pub fn link_figure(
    app: AppHandle,
    state: State<'_, AppState>,
    figure_id: i64,
    photo_id: Option<i64>,
) -> Result<(), WireError> {
    write(&app, &state, |archive| {
        editing::link_figure(archive.conn_mut(), figure_id, photo_id)
    })
}

#[tauri::command]
pub fn undo(app: AppHandle, state: State<'_, AppState>) -> Result<Option<Undone>, WireError> {
    write(&app, &state, |archive| editing::undo(archive.conn_mut()))
}

/// Checks every original with progress events; reads only, so it runs beside other work.
#[tauri::command]
pub async fn verify_archive(app: AppHandle) -> Result<VerifyReport, WireError> {
    let worker = app.clone();
    let job = tauri::async_runtime::spawn_blocking(move || {
        let state = worker.state::<AppState>();
        let archive = state.reader()?;
        folio_core::fixity::verify(
            &archive,
            &events::ProgressEmitter::new(&worker),
            &CancelToken::new(),
        )
        .map_err(wire)
    });
    job.await
        .map_err(|e| folio_core::Error::Internal(e.to_string()).to_wire())?
}

/// Exports a selection, a collection or a query's items as a PDF dossier or a ZIP bundle, with
/// progress events, to a file chosen in the save picker; the file appears only when complete.
#[tauri::command]
pub async fn export_items(
    app: AppHandle,
    request: ExportItemsRequest,
) -> Result<ExportReport, WireError> {
    let worker = app.clone();
    let job = tauri::async_runtime::spawn_blocking(move || {
        let state = worker.state::<AppState>();
        let output = PathBuf::from(&request.output);
        let chosen = worker.state::<Trusted>().take_save(&output)?;
        let archive = state.reader()?;
        let index = state.index(&NoProgress)?;
        let ids = selection::resolve(archive.conn(), &index, &request.scope).map_err(wire)?;
        let collections = folio_core::export::collections_of(archive.conn(), &ids).map_err(wire)?;
        let export = ExportRequest {
            item_ids: ids,
            title: request.title.clone(),
            format: request.format,
            paper: request.paper,
            max_image_px: None,
            collections,
            with_source_paths: false,
            replace_existing: chosen.may_replace,
        };
        let cancel = state.start_export();
        let report = folio_core::export::export(
            &archive,
            &export,
            &output,
            &events::ProgressEmitter::new(&worker),
            &cancel,
        );
        let written = report
            .as_ref()
            .ok()
            .filter(|r| !r.cancelled)
            .map(|_| output.clone());
        state.finish_export(written);
        report.map_err(wire)
    });
    job.await
        .map_err(|e| folio_core::Error::Internal(e.to_string()).to_wire())?
}

#[tauri::command]
pub fn cancel_export(state: State<'_, AppState>) {
    state.cancel_export();
}

/// Shows a file this session exported in the system's file manager.
#[tauri::command]
pub fn reveal_path(state: State<'_, AppState>, path: String) -> Result<(), WireError> {
    let path = PathBuf::from(path);
    if !state.was_exported(&path) {
        return Err(folio_core::Error::InvalidInput(format!(
            "{} is not a file Folio exported",
            path.display()
        ))
        .to_wire());
    }
    crate::reveal::reveal(&path)
        .map_err(|e| folio_core::Error::io("cannot show", &path)(e).to_wire())
}

/// Runs one change with the writer, brings the search index up to date, and tells the window.
fn write<T>(
    app: &AppHandle,
    state: &AppState,
    change: impl FnOnce(&mut Archive) -> folio_core::Result<T>,
) -> Result<T, WireError> {
    let mut archive = state.writer()?;
    let value = change(&mut archive).map_err(wire)?;
    state.sync_index(&archive);
    drop(archive);
    events::archive_changed(app);
    Ok(value)
}

fn wire(error: folio_core::Error) -> WireError {
    error.to_wire()
}

/// Imports dropped, picked or opened paths (nothing else: `Trusted`) on a worker thread, emitting
/// progress, then one `changed`.
#[tauri::command]
pub async fn import_paths(
    app: AppHandle,
    request: ImportRequest,
) -> Result<ImportReport, WireError> {
    let worker = app.clone();
    let job = tauri::async_runtime::spawn_blocking(move || {
        worker.state::<Trusted>().check_imports(&request.paths())?;
        let state = worker.state::<AppState>();
        let mut archive = state.writer()?;
        let cancel = state.start_import();
        let report = folio_core::import::import(
            &mut archive,
            &request.paths(),
            &request.options(),
            &events::ProgressEmitter::new(&worker),
            &cancel,
        );
        state.sync_index(&archive);
        drop(archive);
        state.finish_import();
        events::archive_changed(&worker);
        report.map_err(|e| e.to_wire())
    });
    job.await
        .map_err(|e| folio_core::Error::Internal(e.to_string()).to_wire())?
}

#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) {
    state.cancel_import();
}

/// Files the system opened with Folio and the window has not imported yet.
#[tauri::command]
pub fn take_opened_files(
    opened: State<'_, OpenedFiles>,
    trusted: State<'_, Trusted>,
) -> Vec<String> {
    let files = opened.take();
    trusted.allow_imports(&files);
    files
}

/// The system's picker for files (or folders) to import; what it answers may be imported.
#[tauri::command]
pub async fn pick_import_paths(app: AppHandle, folders: bool) -> Result<Vec<String>, WireError> {
    off_main_thread(move || pickers::pick_imports(&app, folders)).await
}

/// The system's save picker; the file it answers is the one the next export may write.
#[tauri::command]
pub async fn pick_export_path(
    app: AppHandle,
    default_name: String,
    format: ExportFormat,
) -> Result<Option<String>, WireError> {
    off_main_thread(move || pickers::pick_save(&app, &default_name, format)).await
}

/// Runs `work` on a thread that may wait (a picker waits for the person; the main thread must not).
async fn off_main_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, WireError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| folio_core::Error::Internal(e.to_string()).to_wire())
}
