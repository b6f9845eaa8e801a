// Fixture data for the mock host: an empty archive, and what importing the fixture paths yields.
import type { ImportReport } from '../../src/bindings/ImportReport';
import type { ImportRequest } from '../../src/bindings/ImportRequest';
import type { Stats } from '../../src/bindings/Stats';
import { makeArticle, makePhoto, type MockItem } from './mock-item';

export const EMPTY_ARCHIVE: Stats = {
  archive_path: '/home/ana/Folio Archive',
  schema_version: 1,
  items: 0,
  articles: 0,
  photos: 0,
  figures: 0,
  in_trash: 0,
  tags: 0,
  collections: 0,
  saved_searches: 0,
  objects: 0,
  objects_bytes: 0,
  database_bytes: 98_304,
  derived_bytes: 0,
  index_bytes: 16_384,
};

/** What the pickers answer in `dev:mock` until a test says otherwise. */
export const DEV_PICKED_PATHS = ['/home/ana/Desktop/Kyiv assignment', '/home/ana/Desktop/Статья о выборах.docx'];

/** One file the mock import looks at, and what becomes of it. */
export type MockFile =
  | { path: string; bytes: number; outcome: 'imported'; item: MockItem }
  | { path: string; bytes: number; outcome: 'duplicate'; id: number }
  | { path: string; bytes: number; outcome: 'skipped'; reason: string }
  | { path: string; bytes: number; outcome: 'failed'; error: string };

export const SKIPPED_REASON = 'Not a kind of file Folio imports';
export const FAILED_ERROR = 'The PDF is damaged: its cross-reference table is missing';
export const NOT_REACHED = 'Not reached: the import was cancelled';

let nextId = 101;

/** Imported items get ids from `id` up, clear of the ids a mock library already uses. */
export function startImportIdsAt(id: number): void {
  nextId = Math.max(nextId, id);
}

/**
 * The files found under the request's paths: a folder (a path without an extension) holds a
 * photo, a Chinese interview, a duplicate, a stray system file and a damaged PDF; a file is an
 * article in the language its name is written in.
 */
export function filesFor(request: ImportRequest): MockFile[] {
  return request.paths.flatMap((path): MockFile[] => {
    if (/\.[^/\\.]+$/.test(path)) return [article(path)];
    return [
      photo(`${path}/IMG_0412.jpg`, 'Крещатик вечером', 'ru'),
      interview(`${path}/采访记录.docx`),
      { path: `${path}/IMG_0413.jpg`, bytes: 4_200_000, outcome: 'duplicate', id: 7 },
      { path: `${path}/.DS_Store`, bytes: 6_148, outcome: 'skipped', reason: SKIPPED_REASON },
      { path: `${path}/scans/scan-damaged.pdf`, bytes: 880_000, outcome: 'failed', error: FAILED_ERROR },
    ];
  });
}

/** What `import_links` finds at each address: a page titled after its last path segment, except
 * at an address ending `/missing`, which the server answers 404. */
export function filesForLinks(links: readonly string[]): MockFile[] {
  return links.map((link): MockFile => {
    if (link.endsWith('/missing')) {
      return { path: link, bytes: 0, outcome: 'failed', error: LINK_NOT_FOUND };
    }
    const slug = link.replace(/\/+$/, '').split('/').pop() ?? link;
    const title = slug.replace(/[-_]+/g, ' ').replace(/^./, (first) => first.toUpperCase());
    const item = makeArticle({
      ...fields(title, 'en', '2024-03-08', `${slug}.html`),
      body_text: `${title}.`,
      url: link,
      captured_at: new Date().toISOString(),
    });
    return { path: link, bytes: 120_000, outcome: 'imported', item };
  });
}

export const LINK_NOT_FOUND = 'could not fetch the page: the server answered 404 Not Found';

function fields(title: string, language: string, date: string, source: string) {
  nextId += 1;
  return { id: nextId - 1, title, language, date, source_name: source, imported_at: new Date().toISOString() };
}

function photo(path: string, title: string, language: string): MockFile {
  const item = makePhoto({
    ...fields(title, language, '2024-03-05T18:42:10+02:00', 'IMG_0412.jpg'),
    caption: title,
    scene: 'street-evening',
  });
  return { path, bytes: 5_100_000, outcome: 'imported', item };
}

function interview(path: string): MockFile {
  const item = makeArticle({ ...fields('基辅街头采访记录', 'zh', '2024-03-06', '采访记录.docx'), body_text: '基辅街头采访记录。' });
  return { path, bytes: 64_000, outcome: 'imported', item };
}

function article(path: string): MockFile {
  const name = path.split(/[/\\]/).pop() ?? path;
  const title = name.replace(/\.[^.]+$/, '');
  const language = /[\u0400-\u04ff]/.test(title) ? 'ru' : /[\u4e00-\u9fff]/.test(title) ? 'zh' : 'en';
  const item = makeArticle({ ...fields(title, language, '2024-03-07', name), body_text: `${title}.` });
  return { path, bytes: 48_000, outcome: 'imported', item };
}

/** The report for the files looked at; with `cancelled`, files after `reached` were not reached. */
export function reportFor(files: readonly MockFile[], reached: number, cancelled: boolean): ImportReport {
  const report: ImportReport = { imported: [], duplicates: [], skipped: [], failed: [], cancelled, ocr_queued: 0 };
  files.forEach((file, index) => {
    if (index >= reached) {
      report.skipped.push({ path: file.path, reason: NOT_REACHED });
      return;
    }
    switch (file.outcome) {
      case 'imported':
        report.imported.push({ id: file.item.id, kind: file.item.kind, path: file.path, title: file.item.title });
        break;
      case 'duplicate':
        report.duplicates.push({ path: file.path, id: file.id });
        break;
      case 'skipped':
        report.skipped.push({ path: file.path, reason: file.reason });
        break;
      case 'failed':
        report.failed.push({ path: file.path, error: file.error });
        break;
    }
  });
  return report;
}
