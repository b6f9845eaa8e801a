// The system's file pickers (tauri-plugin-dialog): open pickers resolve to [] when cancelled, the
// save picker to null.
import { open, save } from '@tauri-apps/plugin-dialog';
import type { ExportFormat } from '../bindings/ExportFormat';
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

const FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF', extensions: ['pdf'] },
  zip: { name: 'ZIP', extensions: ['zip'] },
};

/** Asks where to save an export, suggesting `defaultName`; null when cancelled. */
export async function saveFile(defaultName: string, format: ExportFormat): Promise<string | null> {
  try {
    return await save({ defaultPath: defaultName, filters: [FILTERS[format]] });
  } catch (reason) {
    throw toWireError(reason);
  }
}
