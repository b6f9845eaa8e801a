// Chooses the sentence a person reads when a host call fails, by the error's code.
import type { ErrorCode } from '../bindings/ErrorCode';
import { isWireError } from './wireError';

export type ErrorDescription = {
  /** What happened and what to do, in plain words. */
  summary: string;
  /** The host's own message, kept for reports; null when there is none. */
  detail: string | null;
};

/** A `Record` over the closed set of codes: adding a code fails the type check until it has words. */
const SENTENCES: Record<ErrorCode, string> = {
  archive_not_found:
    "Folio can't find the archive. It may have been moved or renamed, or it is on a disk that isn't connected.",
  archive_in_use:
    'This archive is open in another Folio window or command. Close it and try again.',
  schema_too_new:
    'This archive was last opened by a newer version of Folio. Update Folio to open it.',
  migration_changed:
    "This archive was upgraded by a different build of Folio. To keep your data safe, this version won't open it.",
  invalid_input: "Folio couldn't do that because some of the information given isn't valid.",
  not_found: "Folio couldn't find what you asked for. It may have been deleted.",
  disk_full:
    'The disk is full. Free some space and try again; nothing already in the archive was lost.',
  read_only:
    'This archive is on a read-only disk or folder. Folio can show it but cannot change it.',
  io: "Folio couldn't read or write a file. Check that the disk is connected, has free space, and that you have permission to use it.",
  database:
    "The archive's database reported a problem. Try again; if it keeps happening, the archive may need to be checked.",
  internal:
    'Something went wrong inside Folio. Try again; if it keeps happening, please report it with the details below.',
};

export const GENERIC_SENTENCE =
  'Something unexpected went wrong. Try again; if it keeps happening, please report it with the details below.';

export function describeError(error: unknown): ErrorDescription {
  if (!isWireError(error)) return { summary: GENERIC_SENTENCE, detail: null };
  const detail = error.message.trim();
  return { summary: SENTENCES[error.code], detail: detail === '' ? null : detail };
}
