// The system's file and folder pickers (tauri-plugin-dialog); both resolve to [] when cancelled.
import { open } from '@tauri-apps/plugin-dialog';
import { toWireError } from '../lib/wireError';

/** Asks for files to import; several may be chosen. */
export function pickFiles(): Promise<string[]> {
  return pick(false);
}

/** Asks for folders to import; several may be chosen where the system allows it. */
export function pickFolders(): Promise<string[]> {
  return pick(true);
}

async function pick(directory: boolean): Promise<string[]> {
  let chosen: string | string[] | null;
  try {
    chosen = await open({ multiple: true, directory });
  } catch (reason) {
    throw toWireError(reason);
  }
  if (chosen === null) return [];
  return typeof chosen === 'string' ? [chosen] : chosen;
}
