// The import report's headline says what happened first: imported, failed, cancelled, or nothing new.
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/bindings/ImportReport';
import type { Imported } from '../../src/bindings/Imported';
import { createTranslator } from '../../src/i18n/translate';
import { summarizeReport } from '../../src/lib/importReport';

function report(changes: Partial<ImportReport>): ImportReport {
  return { imported: [], duplicates: [], skipped: [], failed: [], cancelled: false, ocr_queued: 0, ...changes };
}

const imported = (n: number): Imported[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, kind: 'photo', path: `/p/${String(i)}.jpg`, title: String(i) }));
const duplicate = { path: '/p/dup.jpg', id: 7 };
const skipped = { path: '/p/.DS_Store', reason: 'not a file Folio can import' };
const failed = { path: '/p/broken.pdf', error: 'the PDF is damaged' };

describe('summarizeReport', () => {
  it('counts each outcome', () => {
    const summary = summarizeReport(
      report({ imported: imported(2), duplicates: [duplicate], skipped: [skipped, skipped], failed: [failed] }),
    );
    expect(summary.counts).toEqual({ imported: 2, duplicates: 1, skipped: 2, failed: 1 });
  });

  it('says how many items were imported when all went well', () => {
    expect(summarizeReport(report({ imported: imported(12), duplicates: [duplicate] }))).toMatchObject({
      headline: 'Imported 12 items.',
      tone: 'success',
    });
    expect(summarizeReport(report({ imported: imported(1) })).headline).toBe('Imported 1 item.');
  });

  it('names the failures beside what was imported, as a warning', () => {
    expect(summarizeReport(report({ imported: imported(3), failed: [failed] }))).toMatchObject({
      headline: 'Imported 3 items; 1 file could not be imported.',
      tone: 'warning',
    });
  });

  it('is an error when everything failed', () => {
    expect(summarizeReport(report({ failed: [failed, failed] }))).toMatchObject({
      headline: 'Nothing was imported: 2 files could not be imported.',
      tone: 'error',
    });
  });

  it('says a cancelled import was cancelled, however much it did', () => {
    expect(summarizeReport(report({ cancelled: true, imported: imported(4), skipped: [skipped] }))).toMatchObject({
      headline: 'Import cancelled after 4 items had been imported.',
      tone: 'warning',
    });
    expect(summarizeReport(report({ cancelled: true })).headline).toBe(
      'Import cancelled before anything was imported.',
    );
  });

  it('tells a person re-importing that nothing is new', () => {
    expect(summarizeReport(report({ duplicates: [duplicate] })).headline).toBe(
      'Nothing new: the file is already in the archive.',
    );
    expect(summarizeReport(report({ duplicates: [duplicate, duplicate] })).headline).toBe(
      'Nothing new: all 2 files are already in the archive.',
    );
    expect(summarizeReport(report({ duplicates: [duplicate], skipped: [skipped] })).headline).toBe(
      'Nothing new was imported.',
    );
  });

  it('says when there was nothing to import at all', () => {
    expect(summarizeReport(report({}))).toMatchObject({ headline: 'There was nothing to import.', tone: 'success' });
  });
});

describe('in Russian', () => {
  it('agrees the nouns with the counts', () => {
    const t = createTranslator('ru');
    expect(summarizeReport(report({ imported: imported(3), failed: [failed] }), t).headline).toBe(
      'Импортировано 3 материала; не удалось импортировать: 1 файл.',
    );
    expect(summarizeReport(report({ imported: imported(5) }), t).headline).toBe('Импортировано 5 материалов.');
  });
});
