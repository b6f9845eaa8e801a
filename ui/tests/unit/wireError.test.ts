// toWireError turns any rejection from the host into a well-formed `{ code, message }`.
import { describe, expect, it } from 'vitest';
import { isWireError, toWireError } from '../../src/lib/wireError';

describe('toWireError', () => {
  it('passes a well-formed wire error through, dropping extra fields', () => {
    expect(toWireError({ code: 'schema_too_new', message: 'schema 9 > 3', extra: 1 })).toEqual({
      code: 'schema_too_new',
      message: 'schema 9 > 3',
    });
  });

  it('keeps an unknown code in the message of an internal error', () => {
    expect(toWireError({ code: 'from_the_future', message: 'new thing failed' })).toEqual({
      code: 'internal',
      message: 'new thing failed (code: from_the_future)',
    });
  });

  it('says which code arrived when there was no message', () => {
    expect(toWireError({ code: 'from_the_future' }).message).toContain('from_the_future');
  });

  it('uses a bare string as the message', () => {
    expect(toWireError('command archive_stats not found')).toEqual({
      code: 'internal',
      message: 'command archive_stats not found',
    });
  });

  it("uses a thrown Error's message", () => {
    expect(toWireError(new TypeError('invoke is not a function')).message).toBe(
      'invoke is not a function',
    );
  });

  it.each([null, undefined, 7, '', {}])('always has a message, even for %j', (reason) => {
    const error = toWireError(reason);
    expect(error.code).toBe('internal');
    expect(error.message.length).toBeGreaterThan(0);
  });
});

describe('isWireError', () => {
  it('accepts only known codes with a string message', () => {
    expect(isWireError({ code: 'io', message: 'x' })).toBe(true);
    expect(isWireError({ code: 'io', message: 3 })).toBe(false);
    expect(isWireError({ code: 'toString', message: 'x' })).toBe(false);
    expect(isWireError({ code: 'nope', message: 'x' })).toBe(false);
  });
});
