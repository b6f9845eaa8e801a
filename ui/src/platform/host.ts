// The UI's only door to the Tauri host: typed commands and events, rejections as `WireError`.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Changed } from '../bindings/Changed';
import type { ImportReport } from '../bindings/ImportReport';
import type { ImportRequest } from '../bindings/ImportRequest';
import type { ItemSummary } from '../bindings/ItemSummary';
import type { Progress } from '../bindings/Progress';
import type { Stats } from '../bindings/Stats';
import type { ItemKindFilter } from '../lib/items';
import { toWireError } from '../lib/wireError';

/** Names shared with the Rust side (src-tauri): keep them in step. */
export const COMMANDS = {
  archiveStats: 'archive_stats',
  importPaths: 'import_paths',
  cancelImport: 'cancel_import',
  listItems: 'list_items',
} as const;
export const EVENTS = { changed: 'folio://changed', progress: 'folio://progress' } as const;

/** What each host event carries. */
type EventPayloads = { 'folio://changed': Changed; 'folio://progress': Progress };

export type Unsubscribe = () => void;

/** Calls a host command; a rejection always arrives as a `WireError`. */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toWireError(reason);
  }
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

/** Asks the running import to stop at its next batch; its `importPaths` then resolves, cancelled. */
export async function cancelImport(): Promise<void> {
  await call<null>(COMMANDS.cancelImport);
}

/** The library's items, newest first, at most `limit` of them. */
export function listItems(kind: ItemKindFilter, limit: number): Promise<ItemSummary[]> {
  return call<ItemSummary[]>(COMMANDS.listItems, { kind, limit });
}

/** Runs `callback` for each batched change the host reports; resolves once listening. */
export function onChanged(callback: (changed: Changed) => void): Promise<Unsubscribe> {
  return listenTo(EVENTS.changed, callback);
}

/** Runs `callback` with each progress snapshot of a running job; resolves once listening. */
export function onProgress(callback: (progress: Progress) => void): Promise<Unsubscribe> {
  return listenTo(EVENTS.progress, callback);
}
