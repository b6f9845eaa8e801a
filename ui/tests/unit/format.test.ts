// Byte sizes and counts read the way a file manager shows them.
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translate';
import { formatBytes, formatCount } from '../../src/lib/format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [1000, '1 KB'],
    [1234, '1.2 KB'],
    [98_304, '98.3 KB'],
    [123_456, '123 KB'],
    [1_234_567, '1.2 MB'],
    [12_345_678, '12.3 MB'],
    [999_499, '999 KB'],
    [999_950, '1 MB'],
    [99_960, '100 KB'],
    [5_000_000_000, '5 GB'],
    [2.5e15, '2.5 PB'],
    [3e18, '3000 PB'],
  ])('shows %d bytes as %s', (bytes, shown) => {
    expect(formatBytes(bytes)).toBe(shown);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('shows a dash for %d', (bytes) => {
    expect(formatBytes(bytes)).toBe('—');
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [1234, '1,234'],
    [1_000_000, '1,000,000'],
  ])('shows %d as %s', (n, shown) => {
    expect(formatCount(n)).toBe(shown);
  });

  it('shows a dash for what is not a count', () => {
    expect(formatCount(-3)).toBe('—');
    expect(formatCount(Number.NaN)).toBe('—');
  });
});

describe('in other languages', () => {
  it('uses the language’s separators and unit names', () => {
    expect(formatBytes(1_234_567, createTranslator('ru'))).toBe('1,2 МБ');
    expect(formatCount(1234, createTranslator('ru'))).toBe('1\u00a0234');
    expect(formatBytes(98_304, createTranslator('zh'))).toBe('98.3 KB');
  });
});
