// describeError gives every error code its own plain sentence and keeps the host's message.
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/bindings/ErrorCode';
import { describeError, GENERIC_SENTENCE } from '../../src/lib/describeError';

/** Written out by hand: if ErrorCode gains a member this stops compiling (see `Exhaustive`). */
const ALL_CODES = [
  'archive_not_found',
  'archive_in_use',
  'schema_too_new',
  'migration_changed',
  'invalid_input',
  'not_found',
  'disk_full',
  'read_only',
  'io',
  'database',
  'internal',
] as const satisfies readonly ErrorCode[];

type Missing = Exclude<ErrorCode, (typeof ALL_CODES)[number]>;
const exhaustive: [Missing] extends [never] ? true : Missing = true;

describe('describeError', () => {
  it('lists every error code in this test', () => {
    expect(exhaustive).toBe(true);
  });

  it.each(ALL_CODES)('gives %s a sentence of its own, with no code words in it', (code) => {
    const { summary } = describeError({ code, message: 'detail' });
    expect(summary).not.toBe(GENERIC_SENTENCE);
    expect(summary).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    expect(summary).toMatch(/^[A-Z].*\.$/);
  });

  it('gives each code a different sentence', () => {
    const summaries = ALL_CODES.map((code) => describeError({ code, message: '' }).summary);
    expect(new Set(summaries).size).toBe(ALL_CODES.length);
  });

  it('tells a person an archive in use is open elsewhere', () => {
    expect(describeError({ code: 'archive_in_use', message: 'lock held' }).summary).toBe(
      'This archive is open in another Folio window or command. Close it and try again.',
    );
  });

  it("keeps the host's message as detail", () => {
    const described = describeError({ code: 'io', message: '  disk full: /archive/objects  ' });
    expect(described.detail).toBe('disk full: /archive/objects');
  });

  it('has no detail when the host sent an empty message', () => {
    expect(describeError({ code: 'database', message: '   ' }).detail).toBeNull();
  });

  it.each([
    ['an unknown code', { code: 'cosmic_rays', message: 'bits flipped' }],
    ['a missing message', { code: 'io' }],
    ['a bare string', 'archive_in_use'],
    ['an Error', new Error('boom')],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
  ])('falls back to the generic sentence for %s', (_name, error) => {
    expect(describeError(error)).toEqual({ summary: GENERIC_SENTENCE, detail: null });
  });
});
