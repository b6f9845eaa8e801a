// What Export offers from where the person is, the title it suggests, and the file name.
import { describe, expect, it } from 'vitest';
import { defaultPaper, defaultTitle, exportChoices, exportFileName, type ExportContext } from '../../src/lib/exportPlan';

const NOTHING: ExportContext = { selected: 0, collection: null, query: '', savedSearch: null };
const KYIV = { id: 2, name: 'Kyiv assignment' };

describe('exportChoices', () => {
  it('offers nothing in a plain view with nothing selected', () => {
    expect(exportChoices(NOTHING)).toEqual([]);
  });

  it('puts the selection first, then the collection it was made in', () => {
    expect(exportChoices({ ...NOTHING, selected: 3, collection: KYIV })).toEqual([
      { kind: 'items', count: 3 },
      { kind: 'collection', id: 2, name: 'Kyiv assignment' },
    ]);
  });

  it('offers the open collection alone when nothing is selected', () => {
    expect(exportChoices({ ...NOTHING, collection: KYIV })).toEqual([{ kind: 'collection', id: 2, name: 'Kyiv assignment' }]);
  });

  it('offers the search, trimmed, with the saved search it is', () => {
    expect(exportChoices({ ...NOTHING, query: ' kind:photo ', savedSearch: 'Kyiv photos' })).toEqual([
      { kind: 'query', query: 'kind:photo', savedSearch: 'Kyiv photos' },
    ]);
  });

  it('prefers a running search to the collection behind it', () => {
    expect(exportChoices({ ...NOTHING, collection: KYIV, query: 'flood' }).map((c) => c.kind)).toEqual(['query']);
  });
});

describe('defaultTitle', () => {
  it('is the collection name, the saved search name, or the fallback', () => {
    expect(defaultTitle({ ...NOTHING, collection: KYIV }, 'Folio dossier')).toBe('Kyiv assignment');
    expect(defaultTitle({ ...NOTHING, query: 'kind:photo', savedSearch: 'Kyiv photos' }, 'Folio dossier')).toBe('Kyiv photos');
    expect(defaultTitle({ ...NOTHING, query: 'flood' }, 'Folio dossier')).toBe('Folio dossier');
    expect(defaultTitle({ ...NOTHING, selected: 2 }, 'Досье Folio')).toBe('Досье Folio');
  });
});

describe('exportFileName', () => {
  it('adds the format as the extension', () => {
    expect(exportFileName('Kyiv assignment', 'pdf')).toBe('Kyiv assignment.pdf');
    expect(exportFileName('Kyiv assignment', 'zip')).toBe('Kyiv assignment.zip');
  });

  it('drops characters file systems refuse and collapses the spaces they leave', () => {
    expect(exportFileName('Kyiv: March/April 2024 "final"?', 'pdf')).toBe('Kyiv March April 2024 final.pdf');
    expect(exportFileName('tab\there', 'zip')).toBe('tab here.zip');
  });

  it('drops leading and trailing dots, which Windows would lose', () => {
    expect(exportFileName('...notes...', 'pdf')).toBe('notes.pdf');
  });

  it('falls back when nothing usable is left', () => {
    expect(exportFileName('  /// ', 'pdf')).toBe('Folio dossier.pdf');
    expect(exportFileName('', 'zip', 'Досье Folio')).toBe('Досье Folio.zip');
  });

  it('keeps Chinese and Russian titles and cuts long ones on a code point', () => {
    expect(exportFileName('基辅 报道', 'pdf')).toBe('基辅 报道.pdf');
    const long = exportFileName('😀'.repeat(150), 'pdf');
    expect(Array.from(long.replace(/\.pdf$/, ''))).toHaveLength(100);
    expect(long).not.toContain('\uFFFD');
  });

  it('does not suggest a name Windows reserves for devices', () => {
    expect(exportFileName('CON', 'pdf')).toBe('CON_.pdf');
    expect(exportFileName('Lpt1', 'zip')).toBe('Lpt1_.zip');
  });
});

describe('defaultPaper', () => {
  it('is Letter where the first regional language is American', () => {
    expect(defaultPaper(['en-US', 'en'])).toBe('letter');
    expect(defaultPaper(['es-MX'])).toBe('letter');
  });

  it('is A4 elsewhere, and when no language names a region', () => {
    expect(defaultPaper(['en-GB'])).toBe('a4');
    expect(defaultPaper(['zh-Hans-CN'])).toBe('a4');
    expect(defaultPaper(['ru'])).toBe('a4');
    expect(defaultPaper([])).toBe('a4');
  });
});
