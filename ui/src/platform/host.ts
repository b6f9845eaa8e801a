// The UI's only door to the Tauri host: typed commands and events, rejections as `WireError`.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Changed } from '../bindings/Changed';
import type { Stats } from '../bindings/Stats';
import { toWireError } from '../lib/wireError';

/** Names shared with the Rust side (src-tauri): keep them in step. */
export const COMMANDS = { archiveStats: 'archive_stats' } as const;
export const EVENTS = { changed: 'folio://changed' } as const;

export type Unsubscribe = () => void;

/** Calls a host command; a rejection always arrives as a `WireError`. */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toWireError(reason);
  }
}

/** What the open archive holds. */
export function getStats(): Promise<Stats> {
  return call<Stats>(COMMANDS.archiveStats);
}

/** Runs `callback` for each batched change the host reports; resolves once listening. */
export async function onChanged(callback: (changed: Changed) => void): Promise<Unsubscribe> {
  try {
    const unlisten = await listen<Changed>(EVENTS.changed, (event) => {
      callback(event.payload);
    });
    return () => {
      unlisten();
    };
  } catch (reason) {
    throw toWireError(reason);
  }
}
