// A mock Tauri host so the UI runs in a plain browser: fixture stats, scenario chosen by `?mock=`.
//
// Scenarios: `empty` (default; an archive with nothing in it yet), `in-use` (archive_stats rejects
// with `archive_in_use`), `malformed` (archive_stats rejects with a bare string).
// Tests drive it through `window.__folioMock`: set new stats, then emit `folio://changed`.
import { emit } from '@tauri-apps/api/event';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import type { Changed } from '../../src/bindings/Changed';
import type { EntityKind } from '../../src/bindings/EntityKind';
import type { Stats } from '../../src/bindings/Stats';
import type { WireError } from '../../src/bindings/WireError';

const EMPTY_ARCHIVE: Stats = {
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

const IN_USE: WireError = {
  code: 'archive_in_use',
  message: 'another process holds the archive lock (/home/ana/Folio Archive/folio.lock)',
};

type FolioMock = {
  scenario: string;
  calls: Record<string, number>;
  setStats: (changes: Partial<Stats>) => void;
  emitChanged: (kinds: EntityKind[]) => Promise<void>;
};

declare global {
  interface Window {
    __folioMock?: FolioMock;
  }
}

const scenario = new URLSearchParams(window.location.search).get('mock') ?? 'empty';
const calls: Record<string, number> = {};
let stats: Stats = { ...EMPTY_ARCHIVE };

/** The real host rejects with plain `{ code, message }` objects, not `Error`s: so does the mock. */
function reject(reason: unknown): Promise<never> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
  return Promise.reject(reason);
}

function archiveStats(): Promise<Stats> {
  switch (scenario) {
    case 'in-use':
      return reject(IN_USE);
    case 'malformed':
      return reject('the host said something this UI does not understand');
    default:
      return Promise.resolve({ ...stats });
  }
}

mockWindows('main');
mockIPC(
  (command) => {
    calls[command] = (calls[command] ?? 0) + 1;
    if (command === 'archive_stats') return archiveStats();
    const unknown: WireError = { code: 'internal', message: `the mock host has no "${command}"` };
    return reject(unknown);
  },
  { shouldMockEvents: true },
);

window.__folioMock = {
  scenario,
  calls,
  setStats: (changes) => {
    stats = { ...stats, ...changes };
  },
  emitChanged: (kinds) => emit('folio://changed', { kinds } satisfies Changed),
};
