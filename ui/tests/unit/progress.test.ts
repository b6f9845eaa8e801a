// Progress reads as a percent that only says 100 when the job is done, and as plain words.
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/bindings/Progress';
import { bytesLabel, filesLabel, progressFraction, progressPercent } from '../../src/lib/progress';

function progress(changes: Partial<Progress>): Progress {
  return {
    job: 'import',
    files_done: 0,
    files_total: 0,
    bytes_done: 0,
    bytes_total: 0,
    current: null,
    ...changes,
  };
}

describe('progressPercent', () => {
  it('follows bytes when the host knows them, as one big photo outweighs many captions', () => {
    expect(progressPercent(progress({ files_done: 9, files_total: 10, bytes_done: 100, bytes_total: 1000 }))).toBe(10);
  });

  it('follows files when there are no byte counts', () => {
    expect(progressPercent(progress({ files_done: 1, files_total: 4 }))).toBe(25);
  });

  it('rounds down, so 100 means done', () => {
    expect(progressPercent(progress({ bytes_done: 999, bytes_total: 1000 }))).toBe(99);
    expect(progressPercent(progress({ bytes_done: 1000, bytes_total: 1000 }))).toBe(100);
  });

  it('is unknown (null) before the host has counted anything', () => {
    expect(progressPercent(progress({}))).toBeNull();
    expect(progressFraction(progress({ files_done: 3 }))).toBeNull();
  });

  it('stays between 0 and 100 whatever the host sends', () => {
    expect(progressPercent(progress({ files_done: 12, files_total: 10 }))).toBe(100);
    expect(progressPercent(progress({ files_done: -1, files_total: 10 }))).toBe(0);
  });
});

describe('filesLabel', () => {
  it('counts files done of the total', () => {
    expect(filesLabel(progress({ files_done: 1234, files_total: 5000 }))).toBe('1,234 of 5,000 files');
    expect(filesLabel(progress({ files_done: 0, files_total: 1 }))).toBe('0 of 1 file');
  });

  it('says Folio is still looking while there is no total', () => {
    expect(filesLabel(progress({}))).toBe('Looking for files…');
  });

  it('never shows more done than the total', () => {
    expect(filesLabel(progress({ files_done: 11, files_total: 10 }))).toBe('10 of 10 files');
  });
});

describe('bytesLabel', () => {
  it('shows bytes done of the total in decimal units', () => {
    expect(bytesLabel(progress({ bytes_done: 3_400_000, bytes_total: 120_000_000 }))).toBe('3.4 MB of 120 MB');
  });

  it('is null when the host sends no byte counts', () => {
    expect(bytesLabel(progress({ files_total: 3 }))).toBeNull();
  });
});
