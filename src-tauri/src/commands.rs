//! The Tauri command table: each command takes state, calls one method of the core's read or
//! write handle, maps the error. Writes answer with the core's change set beside their result
//! and send it to the window as `folio://changed`.

use std::path::PathBuf;

use folio_core::changes::{ChangeSet, Written};
use folio_core::export::copies::CopyReport;
use folio_core::export::{ExportFormat, ExportReport, ExportRequest};
use folio_core::facets::{FacetRequest, Facets};
use folio_core::fixity::VerifyReport;
use folio_core::handle::{ReadHandle, WriteHandle};
use folio_core::import::{ImportOptions, ImportReport, ImportRequest};
use folio_core::items::ItemView;
use folio_core::library::collections::CollectionSummary;
use folio_core::library::editing::{EditRequest, Undone};
use folio_core::library::history::HistoryEntry;
use folio_core::library::listing::{ItemPage, ListRequest};
use folio_core::library::ratings::{LabelRequest, RateRequest};
use folio_core::library::saved_searches::SavedSearch;
use folio_core::library::tagging::{TagCount, TagRequest};
use folio_core::library::templates::Template;
use folio_core::progress::CancelToken;
use folio_core::search::{SearchPage, SearchRequest};
use folio_core::selection::ExportItemsRequest;
use folio_core::similar::{DuplicatesReport, MergeReport, MergeRequest, SimilarReport, Thresholds};
use folio_core::team_view::TeamView;
use folio_core::watch::{WatchFolder, WatchStatus};
use folio_core::{Stats, WireError};
use tauri::{AppHandle, Manager, State};

use crate::drag_out;
use crate::events;
use crate::ocr::OcrWorker;
use crate::opened_files::OpenedFiles;
use crate::pickers;
use crate::state::AppState;
use crate::team;
use crate::team_sync::TeamSync;
use crate::trusted::Trusted;
use crate::watching::Watching;

#[tauri::command]
pub async fn archive_stats(app: AppHandle) -> Result<Stats, WireError> {
    read(app, move |reader| reader.stats()).await
}

/// One page of a library view, sorted.
#[tauri::command]
pub async fn list_items(app: AppHandle, request: ListRequest) -> Result<ItemPage, WireError> {
    read(app, move |reader| reader.list_page(&request)).await
}

#[tauri::command]
pub async fn search_items(app: AppHandle, request: SearchRequest) -> Result<SearchPage, WireError> {
    read(app, move |reader| reader.search(&request)).await
}

/// The facets and timeline of a view, or of a search within it.
#[tauri::command]
pub async fn item_facets(app: AppHandle, request: FacetRequest) -> Result<Facets, WireError> {
    read(app, move |reader| reader.facets(&request)).await
}

#[tauri::command]
pub async fn show_item(app: AppHandle, id: i64) -> Result<ItemView, WireError> {
    read(app, move |reader| reader.show(id)).await
}

/// Who changed an item's fields, from what to what and when, oldest first.
#[tauri::command]
pub async fn item_history(app: AppHandle, id: i64) -> Result<Vec<HistoryEntry>, WireError> {
    read(app, move |reader| reader.history(id)).await
}

#[tauri::command]
pub async fn list_tags(app: AppHandle) -> Result<Vec<TagCount>, WireError> {
    read(app, move |reader| reader.tags()).await
}

#[tauri::command]
pub async fn tag_items(app: AppHandle, request: TagRequest) -> Result<Written<()>, WireError> {
    write(app, move |archive| archive.tag_items(&request)).await
}

/// Gives the selection a number of stars.
#[tauri::command]
pub async fn rate_items(app: AppHandle, request: RateRequest) -> Result<Written<()>, WireError> {
    write(app, move |archive| archive.rate_items(&request)).await
}

/// Gives the selection a colour label, or takes it away.
#[tauri::command]
pub async fn label_items(app: AppHandle, request: LabelRequest) -> Result<Written<()>, WireError> {
    write(app, move |archive| archive.label_items(&request)).await
}

#[tauri::command]
pub async fn rename_tag(
    app: AppHandle,
    from: String,
    to: String,
) -> Result<Written<()>, WireError> {
    write(app, move |archive| archive.rename_tag(&from, &to)).await
}

#[tauri::command]
pub async fn list_collections(app: AppHandle) -> Result<Vec<CollectionSummary>, WireError> {
    read(app, move |reader| reader.collections()).await
}

#[tauri::command]
pub async fn create_collection(
    app: AppHandle,
    name: String,
) -> Result<Written<CollectionSummary>, WireError> {
    write(app, move |archive| archive.create_collection(&name)).await
}

#[tauri::command]
pub async fn rename_collection(
    app: AppHandle,
    id: i64,
    name: String,
) -> Result<Written<()>, WireError> {
    write(app, move |archive| archive.rename_collection(id, &name)).await
}

#[tauri::command]
pub async fn delete_collection(app: AppHandle, id: i64) -> Result<Written<()>, WireError> {
    write(app, move |archive| archive.delete_collection(id)).await
}

#[tauri::command]
pub async fn add_to_collection(
    app: AppHandle,
    id: i64,
    item_ids: Vec<i64>,
) -> Result<Written<()>, WireError> {
    write(app, move |archive| archive.add_to_collection(id, &item_ids)).await
}

#[tauri::command]
pub async fn remove_from_collection(
    app: AppHandle,
    id: i64,
    item_ids: Vec<i64>,
) -> Result<Written<()>, WireError> {
    write(app, move |archive| {
        archive.remove_from_collection(id, &item_ids)
    })
    .await
}

#[tauri::command]
pub async fn reorder_collection(
    app: AppHandle,
    id: i64,
    item_ids: Vec<i64>,
) -> Result<Written<()>, WireError> {
    write(app, move |archive| {
        archive.reorder_collection(id, &item_ids)
    })
    .await
}

/// The ingest templates an import may apply, by name.
#[tauri::command]
pub async fn list_templates(app: AppHandle) -> Result<Vec<Template>, WireError> {
    read(app, move |reader| reader.templates()).await
}

#[tauri::command]
pub async fn list_saved_searches(app: AppHandle) -> Result<Vec<SavedSearch>, WireError> {
    read(app, move |reader| reader.saved_searches()).await
}

#[tauri::command]
pub async fn save_search(
    app: AppHandle,
    name: String,
    query: String,
) -> Result<Written<SavedSearch>, WireError> {
    write(app, move |archive| archive.save_search(&name, &query)).await
}

#[tauri::command]
pub async fn delete_saved_search(app: AppHandle, id: i64) -> Result<Written<()>, WireError> {
    write(app, move |archive| archive.delete_saved_search(id)).await
}

#[tauri::command]
pub async fn trash_items(app: AppHandle, ids: Vec<i64>) -> Result<Written<()>, WireError> {
    write(app, move |archive| archive.trash(&ids)).await
}

#[tauri::command]
pub async fn restore_items(app: AppHandle, ids: Vec<i64>) -> Result<Written<()>, WireError> {
    write(app, move |archive| archive.restore(&ids)).await
}

#[tauri::command]
pub async fn empty_trash(app: AppHandle) -> Result<Written<usize>, WireError> {
    write(app, WriteHandle::empty_trash).await
}

#[tauri::command]
pub async fn update_item(
    app: AppHandle,
    request: EditRequest,
) -> Result<Written<ItemView>, WireError> {
    write(app, move |archive| {
        let written = archive.update_item(&request)?;
        Ok(Written {
            value: archive.show(request.id)?,
            changes: written.changes,
        })
    })
    .await
}

#[tauri::command]
pub async fn link_figure(
    app: AppHandle,
    figure_id: i64,
    photo_id: Option<i64>,
) -> Result<Written<()>, WireError> {
    write(app, move |archive| archive.link_figure(figure_id, photo_id)).await
}

#[tauri::command]
pub async fn undo(app: AppHandle) -> Result<Written<Option<Undone>>, WireError> {
    write(app, WriteHandle::undo).await
}

/// The photos or articles alike one item.
#[tauri::command]
pub async fn similar_items(
    app: AppHandle,
    id: i64,
    thresholds: Thresholds,
) -> Result<SimilarReport, WireError> {
    read(app, move |reader| reader.similar(id, thresholds)).await
}

/// Every group of near-duplicates in the library.
#[tauri::command]
pub async fn find_duplicates(
    app: AppHandle,
    thresholds: Thresholds,
) -> Result<DuplicatesReport, WireError> {
    read(app, move |reader| reader.duplicates(thresholds)).await
}

/// Merges a group of near-duplicates into one item; the rest go to the trash.
#[tauri::command]
pub async fn merge_items(
    app: AppHandle,
    request: MergeRequest,
) -> Result<Written<MergeReport>, WireError> {
    write(app, move |archive| archive.merge(&request)).await
}

/// Checks every original with progress events; reads only, so it runs beside other work.
#[tauri::command]
pub async fn verify_archive(app: AppHandle) -> Result<VerifyReport, WireError> {
    let worker = app.clone();
    let job = tauri::async_runtime::spawn_blocking(move || {
        let state = worker.state::<AppState>();
        state
            .reader()?
            .verify(&events::ProgressEmitter::new(&worker), &CancelToken::new())
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
        let ids = archive.resolve(&request.scope).map_err(wire)?;
        let collections = archive.collections_of(&ids).map_err(wire)?;
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
        let report = archive.export(
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

/// Saves copies of items in a folder the person chooses in the folder picker (File → Save a
/// Copy…): photos with their current captions written in, articles as their originals. None when
/// the picker was cancelled.
#[tauri::command]
pub async fn save_copies(app: AppHandle, ids: Vec<i64>) -> Result<Option<CopyReport>, WireError> {
    let job = tauri::async_runtime::spawn_blocking(move || {
        let Some(folder) = pickers::pick_copy_folder(&app) else {
            return Ok(None);
        };
        let state = app.state::<AppState>();
        state
            .reader()?
            .copy_items(&ids, &folder)
            .map(Some)
            .map_err(wire)
    });
    job.await
        .map_err(|e| folio_core::Error::Internal(e.to_string()).to_wire())?
}

/// Starts the system's file drag of copies of the items, as the window's drag of them leaves it:
/// photos with their current captions written in, articles as their originals.
#[tauri::command]
pub async fn drag_copies(app: AppHandle, ids: Vec<i64>) -> Result<(), WireError> {
    let worker = app.clone();
    let paths = off_main_thread(move || drag_out::prepare(&worker, &ids)).await??;
    let (started, outcome) = std::sync::mpsc::channel();
    let main = app.clone();
    app.run_on_main_thread(move || {
        let _ = started.send(drag_out::start(&main, paths));
    })
    .map_err(|e| folio_core::Error::Internal(e.to_string()).to_wire())?;
    off_main_thread(move || {
        outcome.recv().unwrap_or_else(|_| {
            Err(folio_core::Error::Internal("the drag never started".into()).to_wire())
        })
    })
    .await?
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

/// Runs one read on a pooled connection, off the main thread: reads run side by side, so the
/// list's page is not queued behind the sidebar's counts, and the window never waits on the
/// archive.
async fn read<T: Send + 'static>(
    app: AppHandle,
    read: impl FnOnce(&ReadHandle) -> folio_core::Result<T> + Send + 'static,
) -> Result<T, WireError> {
    off_main_thread(move || {
        let reader = app.state::<AppState>().reader()?.clone();
        read(&reader).map_err(wire)
    })
    .await?
}

/// Runs one change with the writer, off the main thread (a change waits while an import or
/// the index holds the writer, and the window must not), and tells the window what it changed.
async fn write<T: Send + 'static>(
    app: AppHandle,
    change: impl FnOnce(&mut WriteHandle) -> folio_core::Result<Written<T>> + Send + 'static,
) -> Result<Written<T>, WireError> {
    off_main_thread(move || {
        let state = app.state::<AppState>();
        let mut archive = state.writer()?;
        let written = change(&mut archive).map_err(wire)?;
        drop(archive);
        events::archive_changed(&app, &written.changes);
        Ok(written)
    })
    .await?
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
) -> Result<Written<ImportReport>, WireError> {
    let worker = app.clone();
    let job = tauri::async_runtime::spawn_blocking(move || {
        worker.state::<Trusted>().check_imports(&request.paths())?;
        let options = worker
            .state::<AppState>()
            .reader()?
            .import_options(&request)
            .map_err(wire)?;
        run_import(&worker, &request.paths(), &options)
    });
    job.await
        .map_err(|e| folio_core::Error::Internal(e.to_string()).to_wire())?
}

/// Fetches and imports web addresses pasted, typed or dropped in the window, like
/// `import_paths`. Only addresses: a file path here is refused, as files come in through
/// `import_paths` and its check.
#[tauri::command]
pub async fn import_links(
    app: AppHandle,
    links: Vec<String>,
) -> Result<Written<ImportReport>, WireError> {
    if let Some(other) = links
        .iter()
        .find(|link| !folio_core::capture::is_link(link))
    {
        return Err(
            folio_core::Error::InvalidInput(format!("{other} is not a web address")).to_wire(),
        );
    }
    let worker = app.clone();
    let job = tauri::async_runtime::spawn_blocking(move || {
        let inputs: Vec<PathBuf> = links
            .iter()
            .map(|link| PathBuf::from(link.trim()))
            .collect();
        run_import(&worker, &inputs, &ImportOptions::default())
    });
    job.await
        .map_err(|e| folio_core::Error::Internal(e.to_string()).to_wire())?
}

/// One import with the writer, emitting progress, then one `changed`.
fn run_import(
    worker: &AppHandle,
    inputs: &[PathBuf],
    options: &ImportOptions,
) -> Result<Written<ImportReport>, WireError> {
    let state = worker.state::<AppState>();
    let mut archive = state.writer()?;
    let cancel = state.start_import();
    let written = archive.import(
        inputs,
        options,
        &events::ProgressEmitter::new(worker),
        &cancel,
    );
    drop(archive);
    state.finish_import();
    match &written {
        Ok(written) => {
            events::archive_changed(worker, &written.changes);
            if written.value.ocr_queued > 0 {
                worker.state::<OcrWorker>().wake();
            }
        }
        // A failed import may have committed batches before it stopped.
        Err(_) => events::archive_changed(worker, &ChangeSet::everything()),
    }
    written.map_err(wire)
}

#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) {
    state.cancel_import();
}

/// Stops the background OCR between pages; what is left is read after the next import or start.
#[tauri::command]
pub fn cancel_ocr(ocr: State<'_, OcrWorker>) {
    ocr.cancel();
}

/// Whether imported photos are read with OCR (the archive's setting).
#[tauri::command]
pub async fn ocr_photos(app: AppHandle) -> Result<bool, WireError> {
    read(app, move |reader| reader.ocr_photos()).await
}

/// Turns reading imported photos with OCR on or off; answers the setting now.
#[tauri::command]
pub async fn set_ocr_photos(app: AppHandle, enabled: bool) -> Result<bool, WireError> {
    off_main_thread(move || {
        let state = app.state::<AppState>();
        state
            .writer()?
            .set_ocr_photos(enabled)
            .map(|()| enabled)
            .map_err(wire)
    })
    .await?
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

/// The watch folders of this computer and what went wrong while watching them.
#[tauri::command]
pub fn watch_folders(watching: State<'_, Watching>) -> WatchStatus {
    watching.status()
}

/// Keeps the watch folders and watches them from now on. A folder not watched before must have
/// been picked in the host's folder picker (or dropped on the window), as for an import.
#[tauri::command]
pub fn set_watch_folders(
    watching: State<'_, Watching>,
    trusted: State<'_, Trusted>,
    folders: Vec<WatchFolder>,
) -> Result<WatchStatus, WireError> {
    let known = watching.status().folders;
    let new: Vec<PathBuf> = folders
        .iter()
        .filter(|folder| !known.iter().any(|old| old.path == folder.path))
        .map(|folder| PathBuf::from(&folder.path))
        .collect();
    trusted.check_imports(&new)?;
    watching.set(folders)
}

/// The team the archive is a member of, as the Team dialog and the sync indicator show it;
/// none when it is in no team.
#[tauri::command]
pub async fn team_status(app: AppHandle) -> Result<Option<TeamView>, WireError> {
    off_main_thread(move || team::status(&app)).await?
}

/// Makes the open archive the first member of a new team and sends it whole.
#[tauri::command]
pub async fn create_team(
    app: AppHandle,
    database: String,
    objects: String,
    name: String,
    password: Option<String>,
) -> Result<TeamView, WireError> {
    off_main_thread(move || team::create(&app, &database, &objects, &name, password.as_deref()))
        .await?
}

/// Joins a team in a new archive in a folder chosen in the host's picker, then restarts on it;
/// none when the picker was cancelled.
#[tauri::command]
pub async fn join_team(
    app: AppHandle,
    database: String,
    objects: Option<String>,
    password: Option<String>,
) -> Result<Option<String>, WireError> {
    off_main_thread(move || team::join(&app, &database, objects.as_deref(), password.as_deref()))
        .await?
}

/// Stops syncing with the team; the archive keeps everything.
#[tauri::command]
pub async fn leave_team(app: AppHandle) -> Result<(), WireError> {
    off_main_thread(move || team::leave(&app)).await?
}

/// Asks the team's sync for a round now; how it goes arrives as `folio://team`.
#[tauri::command]
pub fn sync_team(team_sync: State<'_, TeamSync>) {
    team_sync.sync_now();
}
