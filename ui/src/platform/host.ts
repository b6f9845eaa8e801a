// The UI's only door to the Tauri host: typed commands (declared in src-tauri/src/surface.rs,
// typed by the generated `./commands`) and events, rejections as `WireError`.
// Every write resolves with `Written<T>`: its result and the change set the host decided on.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { ChangeSet } from '../bindings/ChangeSet';
import type { CollectionSummary } from '../bindings/CollectionSummary';
import type { CopyReport } from '../bindings/CopyReport';
import type { EditRequest } from '../bindings/EditRequest';
import type { ExportFormat } from '../bindings/ExportFormat';
import type { ExportItemsRequest } from '../bindings/ExportItemsRequest';
import type { ExportReport } from '../bindings/ExportReport';
import type { FacetRequest } from '../bindings/FacetRequest';
import type { Facets } from '../bindings/Facets';
import type { HistoryEntry } from '../bindings/HistoryEntry';
import type { ImportReport } from '../bindings/ImportReport';
import type { ImportRequest } from '../bindings/ImportRequest';
import type { ItemPage } from '../bindings/ItemPage';
import type { DuplicatesReport } from '../bindings/DuplicatesReport';
import type { ItemView } from '../bindings/ItemView';
import type { LabelRequest } from '../bindings/LabelRequest';
import type { ListRequest } from '../bindings/ListRequest';
import type { MergeReport } from '../bindings/MergeReport';
import type { MergeRequest } from '../bindings/MergeRequest';
import type { OcrReport } from '../bindings/OcrReport';
import type { Progress } from '../bindings/Progress';
import type { RateRequest } from '../bindings/RateRequest';
import type { SavedSearch } from '../bindings/SavedSearch';
import type { SearchPage } from '../bindings/SearchPage';
import type { SearchRequest } from '../bindings/SearchRequest';
import type { SimilarReport } from '../bindings/SimilarReport';
import type { Stats } from '../bindings/Stats';
import type { TagCount } from '../bindings/TagCount';
import type { TagRequest } from '../bindings/TagRequest';
import type { TeamView } from '../bindings/TeamView';
import type { Template } from '../bindings/Template';
import type { Thresholds } from '../bindings/Thresholds';
import type { Undone } from '../bindings/Undone';
import type { VerifyReport } from '../bindings/VerifyReport';
import type { WatchFolder } from '../bindings/WatchFolder';
import type { WatchImport } from '../bindings/WatchImport';
import type { WatchStatus } from '../bindings/WatchStatus';
import type { Written } from '../bindings/Written';
import { toWireError } from '../lib/wireError';
import type { CommandName, Commands } from './commands';

export const EVENTS = {
  changed: 'folio://changed',
  progress: 'folio://progress',
  opened: 'folio://opened',
  watchImport: 'folio://watch-import',
  saveCopy: 'folio://save-copy',
  ocrFinished: 'folio://ocr-finished',
  team: 'folio://team',
  teamDialog: 'folio://team-dialog',
} as const;

/** What each host event carries. */
type EventPayloads = {
  'folio://changed': ChangeSet;
  'folio://progress': Progress;
  'folio://opened': null;
  'folio://watch-import': WatchImport;
  'folio://save-copy': null;
  'folio://ocr-finished': OcrReport;
  'folio://team': TeamView | null;
  'folio://team-dialog': null;
};

export type Unsubscribe = () => void;

/** What a command is passed: nothing, or its arguments object (`./commands`, generated). */
type ArgumentsOf<K extends CommandName> = Commands[K]['args'] extends Record<string, never> ? [] : [Commands[K]['args']];

/** Calls a host command by its declared name with its declared arguments, resolving with its
 * declared answer; a rejection always arrives as a `WireError`. A write answers `Written<T>`: its
 * result and what it changed. A failed write changed nothing (it rolled back), except an import,
 * which may have committed batches. */
async function call<K extends CommandName>(command: K, ...args: ArgumentsOf<K>): Promise<Commands[K]['answer']> {
  try {
    return await invoke<Commands[K]['answer']>(command, args[0]);
  } catch (reason) {
    throw toWireError(reason);
  }
}

/** Calls a host command that answers with nothing. */
async function run<K extends CommandName>(command: K, ...args: ArgumentsOf<K>): Promise<void> {
  await call(command, ...args);
}

/** Runs `callback` with each payload of `event`; resolves once listening. */
async function listenTo<E extends keyof EventPayloads>(
  event: E,
  callback: (payload: EventPayloads[E]) => void,
): Promise<Unsubscribe> {
  try {
    const unlisten = await listen<EventPayloads[E]>(event, (message) => {
      callback(message.payload);
    });
    return () => {
      unlisten();
    };
  } catch (reason) {
    throw toWireError(reason);
  }
}

/** What the open archive holds. */
export function getStats(): Promise<Stats> {
  return call('archive_stats');
}

/** Imports files and folders; resolves with the report when the import has finished or stopped. */
export function importPaths(request: ImportRequest): Promise<Written<ImportReport>> {
  return call('import_paths', { request });
}

/** The ingest templates an import may apply (saved with `folio template save`), by name. */
export function listTemplates(): Promise<Template[]> {
  return call('list_templates');
}

/** Fetches web pages (or files) by their http(s) address and imports them as a saved page or a
 * dropped file would be; resolves with the report, which has a line for each address that failed. */
export function importLinks(links: string[]): Promise<Written<ImportReport>> {
  return call('import_links', { links });
}

/** Files the system opened with Folio ("Open with", file associations) not yet imported; each once. */
export function takeOpenedFiles(): Promise<string[]> {
  return call('take_opened_files');
}

/** Runs `callback` whenever the system opens more files with the running app (macOS). */
export function onOpenedFiles(callback: () => void): Promise<Unsubscribe> {
  return listenTo(EVENTS.opened, () => {
    callback();
  });
}

/** The system's picker for files, or folders, to import; [] when cancelled. Only paths dropped on
 * the window, picked here or opened with Folio can be imported. */
export function pickImportPaths(folders: boolean): Promise<string[]> {
  return call('pick_import_paths', { folders });
}

/** The system's save picker for an export, suggesting `defaultName`; null when cancelled. The
 * answer is the one file the next `exportItems` may write. */
export function pickExportPath(defaultName: string, format: ExportFormat): Promise<string | null> {
  return call('pick_export_path', { defaultName, format });
}

/** Asks the running import to stop at its next batch; its `importPaths` then resolves, cancelled. */
export function cancelImport(): Promise<void> {
  return run('cancel_import');
}

// OCR: the host reads scans (and photos, when turned on) in the background after imports.

/** Stops the background OCR between pages; what is left is read after the next import or start. */
export function cancelOcr(): Promise<void> {
  return run('cancel_ocr');
}

/** Whether imported photos are read with OCR (the archive's setting; off at first). */
export function getOcrPhotos(): Promise<boolean> {
  return call('ocr_photos');
}

/** Turns reading imported photos with OCR on or off; resolves with the setting now. */
export function setOcrPhotos(enabled: boolean): Promise<boolean> {
  return call('set_ocr_photos', { enabled });
}

/** Runs `callback` when a background OCR run ends (read, stopped or failed part-way). */
export function onOcrFinished(callback: (report: OcrReport) => void): Promise<Unsubscribe> {
  return listenTo(EVENTS.ocrFinished, callback);
}

// Watch folders.

/** The folders this computer watches, with what went wrong while watching them. */
export function getWatchFolders(): Promise<WatchStatus> {
  return call('watch_folders');
}

/** Keeps the watch folders and watches them from now on. A folder not watched before must come
 * from the folder picker (`pickImportPaths(true)`) or a drop, as for an import. */
export function setWatchFolders(folders: WatchFolder[]): Promise<WatchStatus> {
  return call('set_watch_folders', { folders });
}

/** Runs `callback` when a watch folder's import starts (`report` null) and when it ends. */
export function onWatchImport(callback: (event: WatchImport) => void): Promise<Unsubscribe> {
  return listenTo(EVENTS.watchImport, callback);
}

// Team archives: the archive's journal shared with a team through PostgreSQL and an object store.

/** The team this archive is a member of, and how syncing goes; null when it is in no team. */
export function teamStatus(): Promise<TeamView | null> {
  return call('team_status');
}

/** Makes this archive the first member of a new team and sends it whole; resolves once sent. */
export function createTeam(database: string, objects: string, name: string, password: string | null): Promise<TeamView> {
  return call('create_team', { database, objects, name, password });
}

/** Asks for an empty folder in the system's folder picker, joins the team in a new archive there
 * and restarts Folio on it; null when the picker was cancelled. A password given here goes to
 * the computer's keychain, never into the archive. */
export function joinTeam(database: string, objects: string | null, password: string | null): Promise<string | null> {
  return call('join_team', { database, objects, password });
}

/** Stops syncing with the team; the archive keeps everything. */
export function leaveTeam(): Promise<void> {
  return run('leave_team');
}

/** Asks for a sync round now; how it goes arrives through `onTeamChanged`. */
export function syncTeam(): Promise<void> {
  return run('sync_team');
}

/** Runs `callback` whenever how the team's sync goes changes (null: the archive left its team). */
export function onTeamChanged(callback: (team: TeamView | null) => void): Promise<Unsubscribe> {
  return listenTo(EVENTS.team, callback);
}

/** Runs `callback` when the app menu's Archive → Team… is chosen. */
export function onTeamDialogAsked(callback: () => void): Promise<Unsubscribe> {
  return listenTo(EVENTS.teamDialog, () => {
    callback();
  });
}

// Listing and reading items.

/** One page of a scope's items in the order asked for, with the scope's total. */
export function listItems(request: ListRequest): Promise<ItemPage> {
  return call('list_items', { request });
}

/** One page of the items a query finds, best first; a malformed query rejects as `invalid_input`. */
export function searchItems(request: SearchRequest): Promise<SearchPage> {
  return call('search_items', { request });
}

/** How many of a view's items, or of a search's, have each kind, language, year, credit, byline and tag, and fall in each month. */
export function itemFacets(request: FacetRequest): Promise<Facets> {
  return call('item_facets', { request });
}

/** Everything about one item. */
export function showItem(id: number): Promise<ItemView> {
  return call('show_item', { id });
}

/** Every recorded change to one item's fields, oldest first: from what to what, by whom, when. */
export function itemHistory(id: number): Promise<HistoryEntry[]> {
  return call('item_history', { id });
}

// Tags.

/** Every tag with the number of items that carry exactly it. */
export function listTags(): Promise<TagCount[]> {
  return call('list_tags');
}

/** Adds and removes tags on several items at once. */
export function tagItems(request: TagRequest): Promise<Written<null>> {
  return call('tag_items', { request });
}

// Ratings and colour labels.

/** Gives several items 0 to 5 stars at once (0 takes the rating away). */
export function rateItems(request: RateRequest): Promise<Written<null>> {
  return call('rate_items', { request });
}

/** Gives several items a colour label at once, or takes it away (`label: null`). */
export function labelItems(request: LabelRequest): Promise<Written<null>> {
  return call('label_items', { request });
}

/** Renames a tag (and the tags under it); merges into `to` when that tag exists. */
export function renameTag(from: string, to: string): Promise<Written<null>> {
  return call('rename_tag', { from, to });
}

// Collections.

export function listCollections(): Promise<CollectionSummary[]> {
  return call('list_collections');
}

export function createCollection(name: string): Promise<Written<CollectionSummary>> {
  return call('create_collection', { name });
}

export function renameCollection(id: number, name: string): Promise<Written<null>> {
  return call('rename_collection', { id, name });
}

/** Deletes the collection, not its items. */
export function deleteCollection(id: number): Promise<Written<null>> {
  return call('delete_collection', { id });
}

/** Appends items to the end of a collection; items already in it stay where they are. */
export function addToCollection(id: number, itemIds: number[]): Promise<Written<null>> {
  return call('add_to_collection', { id, itemIds });
}

export function removeFromCollection(id: number, itemIds: number[]): Promise<Written<null>> {
  return call('remove_from_collection', { id, itemIds });
}

/** Gives a collection a new order: `itemIds` is the complete new order. */
export function reorderCollection(id: number, itemIds: number[]): Promise<Written<null>> {
  return call('reorder_collection', { id, itemIds });
}

// Saved searches.

export function listSavedSearches(): Promise<SavedSearch[]> {
  return call('list_saved_searches');
}

export function saveSearch(name: string, query: string): Promise<Written<SavedSearch>> {
  return call('save_search', { name, query });
}

export function deleteSavedSearch(id: number): Promise<Written<null>> {
  return call('delete_saved_search', { id });
}

// Trash.

export function trashItems(ids: number[]): Promise<Written<null>> {
  return call('trash_items', { ids });
}

export function restoreItems(ids: number[]): Promise<Written<null>> {
  return call('restore_items', { ids });
}

/** Removes every item in the trash for good; resolves with how many were removed. */
export function emptyTrash(): Promise<Written<number>> {
  return call('empty_trash');
}

// Editing.

/** Changes one field of an item; resolves with the item as it now is. */
export function updateItem(request: EditRequest): Promise<Written<ItemView>> {
  return call('update_item', { request });
}

/** Shows a photo item in an article's figure; null unlinks it. */
export function linkFigure(figureId: number, photoId: number | null): Promise<Written<null>> {
  return call('link_figure', { figureId, photoId });
}

/** Undoes the latest undoable change; null when there is nothing to undo. */
export function undo(): Promise<Written<Undone | null>> {
  return call('undo');
}

// --- Near-duplicates ---

/** The photos (by fingerprint) or articles (by text) alike one item, most alike first. */
export function similarItems(id: number, thresholds: Thresholds): Promise<SimilarReport> {
  return call('similar_items', { id, thresholds });
}

/** Every group of near-duplicate photos and articles in the library. */
export function findDuplicates(thresholds: Thresholds): Promise<DuplicatesReport> {
  return call('find_duplicates', { thresholds });
}

/** Merges a group into one item (tags, collections, figure links, fullest caption); the rest go
 * to the trash. One undo reverts it. */
export function mergeItems(request: MergeRequest): Promise<Written<MergeReport>> {
  return call('merge_items', { request });
}

// Export and verification.

/** Writes a PDF dossier or a ZIP bundle of items; resolves when it has finished or stopped. */
export function exportItems(request: ExportItemsRequest): Promise<ExportReport> {
  return call('export_items', { request });
}

/** Asks the running export to stop; its `exportItems` then resolves, cancelled. */
export function cancelExport(): Promise<void> {
  return run('cancel_export');
}

/** Asks for a folder in the system's folder picker and saves copies of the items there: photos
 * with their current captions written into the file, articles as their originals. Null when the
 * picker was cancelled; an item that could not be copied has its reason in the report. */
export function saveCopies(ids: number[]): Promise<CopyReport | null> {
  return call('save_copies', { ids });
}

/** Starts the system's drag of copies of the items (as Save a copy… writes them), for a drag
 * of rows that has left the window; resolves once the system's drag has started. */
export function dragCopies(ids: number[]): Promise<void> {
  return run('drag_copies', { ids });
}

/** Runs `callback` when the app menu's File → Save a Copy… is chosen. */
export function onSaveCopyAsked(callback: () => void): Promise<Unsubscribe> {
  return listenTo(EVENTS.saveCopy, () => {
    callback();
  });
}

/** Opens the system's file manager at `path`, with the file selected where the system can. */
export function revealPath(path: string): Promise<void> {
  return run('reveal_path', { path });
}

/** Checks every original against its checksum and the database's integrity; reports, repairs nothing. */
export function verifyArchive(): Promise<VerifyReport> {
  return call('verify_archive');
}

// Events.

/** Runs `callback` with each write's change set as the host reports it; resolves once listening. */
export function onChanged(callback: (changes: ChangeSet) => void): Promise<Unsubscribe> {
  return listenTo(EVENTS.changed, callback);
}

/** Runs `callback` with each progress snapshot of a running job; resolves once listening. */
export function onProgress(callback: (progress: Progress) => void): Promise<Unsubscribe> {
  return listenTo(EVENTS.progress, callback);
}
