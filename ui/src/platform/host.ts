// The UI's only door to the Tauri host: typed commands and events, rejections as `WireError`.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Changed } from '../bindings/Changed';
import type { CollectionSummary } from '../bindings/CollectionSummary';
import type { EditRequest } from '../bindings/EditRequest';
import type { ExportFormat } from '../bindings/ExportFormat';
import type { ExportItemsRequest } from '../bindings/ExportItemsRequest';
import type { ExportReport } from '../bindings/ExportReport';
import type { ImportReport } from '../bindings/ImportReport';
import type { ImportRequest } from '../bindings/ImportRequest';
import type { ItemPage } from '../bindings/ItemPage';
import type { ItemView } from '../bindings/ItemView';
import type { ListRequest } from '../bindings/ListRequest';
import type { Progress } from '../bindings/Progress';
import type { SavedSearch } from '../bindings/SavedSearch';
import type { SearchPage } from '../bindings/SearchPage';
import type { SearchRequest } from '../bindings/SearchRequest';
import type { Stats } from '../bindings/Stats';
import type { TagCount } from '../bindings/TagCount';
import type { TagRequest } from '../bindings/TagRequest';
import type { Undone } from '../bindings/Undone';
import type { VerifyReport } from '../bindings/VerifyReport';
import { toWireError } from '../lib/wireError';

/** Names shared with the Rust side (src-tauri): keep them in step. */
export const COMMANDS = {
  archiveStats: 'archive_stats',
  importPaths: 'import_paths',
  cancelImport: 'cancel_import',
  listItems: 'list_items',
  searchItems: 'search_items',
  showItem: 'show_item',
  listTags: 'list_tags',
  tagItems: 'tag_items',
  renameTag: 'rename_tag',
  listCollections: 'list_collections',
  createCollection: 'create_collection',
  renameCollection: 'rename_collection',
  deleteCollection: 'delete_collection',
  addToCollection: 'add_to_collection',
  removeFromCollection: 'remove_from_collection',
  reorderCollection: 'reorder_collection',
  listSavedSearches: 'list_saved_searches',
  saveSearch: 'save_search',
  deleteSavedSearch: 'delete_saved_search',
  trashItems: 'trash_items',
  restoreItems: 'restore_items',
  emptyTrash: 'empty_trash',
  updateItem: 'update_item',
  linkFigure: 'link_figure',
  undo: 'undo',
  exportItems: 'export_items',
  cancelExport: 'cancel_export',
  revealPath: 'reveal_path',
  verifyArchive: 'verify_archive',
  takeOpenedFiles: 'take_opened_files',
  pickImportPaths: 'pick_import_paths',
  pickExportPath: 'pick_export_path',
} as const;
export const EVENTS = {
  changed: 'folio://changed',
  progress: 'folio://progress',
  opened: 'folio://opened',
} as const;

/** What each host event carries. */
type EventPayloads = { 'folio://changed': Changed; 'folio://progress': Progress; 'folio://opened': null };

export type Unsubscribe = () => void;

/** Calls a host command; a rejection always arrives as a `WireError`. */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toWireError(reason);
  }
}

/** Calls a host command that answers with nothing. */
async function run(command: string, args?: Record<string, unknown>): Promise<void> {
  await call<null>(command, args);
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
  return call<Stats>(COMMANDS.archiveStats);
}

/** Imports files and folders; resolves with the report when the import has finished or stopped. */
export function importPaths(request: ImportRequest): Promise<ImportReport> {
  return call<ImportReport>(COMMANDS.importPaths, { request });
}

/** Files the system opened with Folio ("Open with", file associations) not yet imported; each once. */
export function takeOpenedFiles(): Promise<string[]> {
  return call<string[]>(COMMANDS.takeOpenedFiles);
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
  return call<string[]>(COMMANDS.pickImportPaths, { folders });
}

/** The system's save picker for an export, suggesting `defaultName`; null when cancelled. The
 * answer is the one file the next `exportItems` may write. */
export function pickExportPath(defaultName: string, format: ExportFormat): Promise<string | null> {
  return call<string | null>(COMMANDS.pickExportPath, { defaultName, format });
}

/** Asks the running import to stop at its next batch; its `importPaths` then resolves, cancelled. */
export function cancelImport(): Promise<void> {
  return run(COMMANDS.cancelImport);
}

// Listing and reading items.

/** One page of a scope's items in the order asked for, with the scope's total. */
export function listItems(request: ListRequest): Promise<ItemPage> {
  return call<ItemPage>(COMMANDS.listItems, { request });
}

/** One page of the items a query finds, best first; a malformed query rejects as `invalid_input`. */
export function searchItems(request: SearchRequest): Promise<SearchPage> {
  return call<SearchPage>(COMMANDS.searchItems, { request });
}

/** Everything about one item. */
export function showItem(id: number): Promise<ItemView> {
  return call<ItemView>(COMMANDS.showItem, { id });
}

// Tags.

/** Every tag with the number of items that carry exactly it. */
export function listTags(): Promise<TagCount[]> {
  return call<TagCount[]>(COMMANDS.listTags);
}

/** Adds and removes tags on several items at once. */
export function tagItems(request: TagRequest): Promise<void> {
  return run(COMMANDS.tagItems, { request });
}

/** Renames a tag (and the tags under it); merges into `to` when that tag exists. */
export function renameTag(from: string, to: string): Promise<void> {
  return run(COMMANDS.renameTag, { from, to });
}

// Collections.

export function listCollections(): Promise<CollectionSummary[]> {
  return call<CollectionSummary[]>(COMMANDS.listCollections);
}

export function createCollection(name: string): Promise<CollectionSummary> {
  return call<CollectionSummary>(COMMANDS.createCollection, { name });
}

export function renameCollection(id: number, name: string): Promise<void> {
  return run(COMMANDS.renameCollection, { id, name });
}

/** Deletes the collection, not its items. */
export function deleteCollection(id: number): Promise<void> {
  return run(COMMANDS.deleteCollection, { id });
}

/** Appends items to the end of a collection; items already in it stay where they are. */
export function addToCollection(id: number, itemIds: number[]): Promise<void> {
  return run(COMMANDS.addToCollection, { id, itemIds });
}

export function removeFromCollection(id: number, itemIds: number[]): Promise<void> {
  return run(COMMANDS.removeFromCollection, { id, itemIds });
}

/** Gives a collection a new order: `itemIds` is the complete new order. */
export function reorderCollection(id: number, itemIds: number[]): Promise<void> {
  return run(COMMANDS.reorderCollection, { id, itemIds });
}

// Saved searches.

export function listSavedSearches(): Promise<SavedSearch[]> {
  return call<SavedSearch[]>(COMMANDS.listSavedSearches);
}

export function saveSearch(name: string, query: string): Promise<SavedSearch> {
  return call<SavedSearch>(COMMANDS.saveSearch, { name, query });
}

export function deleteSavedSearch(id: number): Promise<void> {
  return run(COMMANDS.deleteSavedSearch, { id });
}

// Trash.

export function trashItems(ids: number[]): Promise<void> {
  return run(COMMANDS.trashItems, { ids });
}

export function restoreItems(ids: number[]): Promise<void> {
  return run(COMMANDS.restoreItems, { ids });
}

/** Removes every item in the trash for good; resolves with how many were removed. */
export function emptyTrash(): Promise<number> {
  return call<number>(COMMANDS.emptyTrash);
}

// Editing.

/** Changes one field of an item; resolves with the item as it now is. */
export function updateItem(request: EditRequest): Promise<ItemView> {
  return call<ItemView>(COMMANDS.updateItem, { request });
}

/** Shows a photo item in an article's figure; null unlinks it. */
export function linkFigure(figureId: number, photoId: number | null): Promise<void> {
  return run(COMMANDS.linkFigure, { figureId, photoId });
}

/** Undoes the latest undoable change; null when there is nothing to undo. */
export function undo(): Promise<Undone | null> {
  return call<Undone | null>(COMMANDS.undo);
}

// Export and verification.

/** Writes a PDF dossier or a ZIP bundle of items; resolves when it has finished or stopped. */
export function exportItems(request: ExportItemsRequest): Promise<ExportReport> {
  return call<ExportReport>(COMMANDS.exportItems, { request });
}

/** Asks the running export to stop; its `exportItems` then resolves, cancelled. */
export function cancelExport(): Promise<void> {
  return run(COMMANDS.cancelExport);
}

/** Opens the system's file manager at `path`, with the file selected where the system can. */
export function revealPath(path: string): Promise<void> {
  return run(COMMANDS.revealPath, { path });
}

/** Checks every original against its checksum and the database's integrity; reports, repairs nothing. */
export function verifyArchive(): Promise<VerifyReport> {
  return call<VerifyReport>(COMMANDS.verifyArchive);
}

// Events.

/** Runs `callback` for each batched change the host reports; resolves once listening. */
export function onChanged(callback: (changed: Changed) => void): Promise<Unsubscribe> {
  return listenTo(EVENTS.changed, callback);
}

/** Runs `callback` with each progress snapshot of a running job; resolves once listening. */
export function onProgress(callback: (progress: Progress) => void): Promise<Unsubscribe> {
  return listenTo(EVENTS.progress, callback);
}
