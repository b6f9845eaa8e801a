// The system's file pickers. The host opens them (not the web view), so that it knows which
// paths the user chose: only those may be imported, and only the file chosen in the save picker
// may be written by the export that follows. Open pickers resolve to [] when cancelled, the save
// picker to null.
import type { ExportFormat } from '../bindings/ExportFormat';
import { pickExportPath, pickImportPaths } from './host';

/** Asks for files to import; several may be chosen. */
export function pickFiles(): Promise<string[]> {
  return pickImportPaths(false);
}

/** Asks for folders to import; several may be chosen where the system allows it. */
export function pickFolders(): Promise<string[]> {
  return pickImportPaths(true);
}

/** Asks where to save an export, suggesting `defaultName`; null when cancelled. */
export function saveFile(defaultName: string, format: ExportFormat): Promise<string | null> {
  return pickExportPath(defaultName, format);
}
