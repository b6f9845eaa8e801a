// Recognises and normalises the `{ code, message }` errors the host rejects with.
import type { ErrorCode } from '../bindings/ErrorCode';
import type { WireError } from '../bindings/WireError';

/** Every code the host may send; `satisfies` keeps this list in step with the generated type. */
const CODES = {
  archive_not_found: true,
  archive_in_use: true,
  schema_too_new: true,
  migration_changed: true,
  invalid_input: true,
  not_found: true,
  disk_full: true,
  read_only: true,
  io: true,
  database: true,
  internal: true,
} as const satisfies Record<ErrorCode, true>;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(CODES, value);
}

export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return isErrorCode(code) && typeof message === 'string';
}

/**
 * Turns whatever a host call rejected with into a `WireError`. Anything that is not a
 * well-formed wire error (an unknown code, a thrown `Error`, a bare string) becomes `internal`,
 * keeping what it said as the message so a person can report it.
 */
export function toWireError(reason: unknown): WireError {
  if (isWireError(reason)) return { code: reason.code, message: reason.message };
  return { code: 'internal', message: describeReason(reason) };
}

function describeReason(reason: unknown): string {
  if (typeof reason === 'string' && reason.trim() !== '') return reason;
  if (reason instanceof Error) return reason.message || reason.name;
  if (typeof reason === 'object' && reason !== null) {
    const { code, message } = reason as Record<string, unknown>;
    if (typeof message === 'string' && message.trim() !== '') {
      return typeof code === 'string' ? `${message} (code: ${code})` : message;
    }
    if (typeof code === 'string') return `The host reported "${code}" without details.`;
  }
  return 'The host gave no details.';
}
