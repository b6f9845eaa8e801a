// Chooses the sentence a person reads when a host call fails, by the error's code, in the UI's language.
import type { ErrorCode } from '../bindings/ErrorCode';
import { createTranslator, type MessageKey, type Translate } from '../i18n/translate';
import { isWireError } from './wireError';

export type ErrorDescription = {
  /** What happened and what to do, in plain words. */
  summary: string;
  /** The host's own message, kept for reports; null when there is none. */
  detail: string | null;
};

/** A `Record` over the closed set of codes: adding a code fails the type check until it has words. */
const SENTENCES: Record<ErrorCode, MessageKey> = {
  archive_not_found: 'error.archive_not_found',
  archive_in_use: 'error.archive_in_use',
  schema_too_new: 'error.schema_too_new',
  migration_changed: 'error.migration_changed',
  invalid_input: 'error.invalid_input',
  not_found: 'error.not_found',
  disk_full: 'error.disk_full',
  read_only: 'error.read_only',
  io: 'error.io',
  database: 'error.database',
  internal: 'error.internal',
};

const ENGLISH = createTranslator('en');

export const GENERIC_SENTENCE = ENGLISH('error.generic');

export function describeError(error: unknown, t: Translate = ENGLISH): ErrorDescription {
  if (!isWireError(error)) return { summary: t('error.generic'), detail: null };
  const detail = error.message.trim();
  return { summary: t(SENTENCES[error.code]), detail: detail === '' ? null : detail };
}

/**
 * The one line to show beside a control whose input the host refused: the host's own words for
 * `invalid_input` (they say what to change), else the sentence for the code.
 */
export function inputErrorText(error: unknown, t: Translate = ENGLISH): string {
  if (isWireError(error) && error.code === 'invalid_input' && error.message.trim() !== '') return error.message.trim();
  return describeError(error, t).summary;
}
