// A mock Tauri host so the UI runs in a plain browser: fixture data, scenario chosen by `?mock=`.
//
// Scenarios: `empty` (default; an archive with nothing in it yet), `in-use` (archive_stats rejects
// with `archive_in_use`), `malformed` (archive_stats rejects with a bare string).
// Imports run by themselves on a timer, unless `&import=manual`: then a test steps them through
// `window.__folioMock` (emitProgress, finishImport), as it sets stats and emits `folio://changed`.
import { emit } from '@tauri-apps/api/event';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import type { Changed } from '../../src/bindings/Changed';
import type { EntityKind } from '../../src/bindings/EntityKind';
import type { ImportReport } from '../../src/bindings/ImportReport';
import type { ImportRequest } from '../../src/bindings/ImportRequest';
import type { ItemSummary } from '../../src/bindings/ItemSummary';
import type { Progress } from '../../src/bindings/Progress';
import type { Stats } from '../../src/bindings/Stats';
import type { WireError } from '../../src/bindings/WireError';
import { DEV_PICKED_PATHS, EMPTY_ARCHIVE, filesFor, reportFor, type MockFile } from './mock-fixtures';

const IN_USE: WireError = {
  code: 'archive_in_use',
  message: 'another process holds the archive lock (/home/ana/Folio Archive/folio.lock)',
};

type DialogOptions = { multiple?: boolean; directory?: boolean };

type FolioMock = {
  scenario: string;
  calls: Record<string, number>;
  importRequests: ImportRequest[];
  listRequests: { kind: string | null; limit: number }[];
  dialogRequests: DialogOptions[];
  setStats: (changes: Partial<Stats>) => void;
  emitChanged: (kinds: EntityKind[]) => Promise<void>;
  /** What the next file or folder picker answers; null is a cancelled picker. */
  setDialogAnswer: (paths: string[] | null) => void;
  /** The next import_paths rejects with this error. */
  failNextImport: (error: WireError) => void;
  /** Emits a progress snapshot of the running import (manual mode). */
  emitProgress: (changes: Partial<Progress>) => Promise<void>;
  /** Lets the running import reach its end, or its next batch if cancelled (manual mode). */
  finishImport: () => Promise<void>;
};

declare global {
  interface Window {
    __folioMock?: FolioMock;
  }
}

const params = new URLSearchParams(window.location.search);
const scenario = params.get('mock') ?? 'empty';
const manualImports = params.get('import') === 'manual';
const calls: Record<string, number> = {};
const importRequests: ImportRequest[] = [];
const listRequests: FolioMock['listRequests'] = [];
const dialogRequests: DialogOptions[] = [];
let stats: Stats = { ...EMPTY_ARCHIVE };
/** The library, newest first. */
let items: ItemSummary[] = [];
let dialogAnswer: string[] | null = DEV_PICKED_PATHS;
let nextImportError: WireError | null = null;

type RunningImport = {
  files: MockFile[];
  done: number;
  cancelRequested: boolean;
  resolve: (report: ImportReport) => void;
};
let running: RunningImport | null = null;

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

function progressOf(job: RunningImport, current: string | null): Progress {
  const bytes = (files: MockFile[]) => files.reduce((sum, file) => sum + file.bytes, 0);
  return {
    job: 'import',
    files_done: job.done,
    files_total: job.files.length,
    bytes_done: bytes(job.files.slice(0, job.done)),
    bytes_total: bytes(job.files),
    current,
  };
}

function importPaths(request: ImportRequest): Promise<ImportReport> {
  importRequests.push(request);
  if (nextImportError) {
    const error = nextImportError;
    nextImportError = null;
    return reject(error);
  }
  if (running) return reject({ code: 'invalid_input', message: 'an import is already running' } satisfies WireError);
  return new Promise((resolve) => {
    const job: RunningImport = { files: filesFor(request), done: 0, cancelRequested: false, resolve };
    running = job;
    void emit('folio://progress', progressOf(job, job.files[0]?.path ?? null));
    if (!manualImports) void runByItself(job);
  });
}

/** Ends the running import as the host does: the report, then one batched change event. */
async function endImport(job: RunningImport): Promise<void> {
  running = null;
  const report = reportFor(job.files, job.done, job.cancelRequested);
  const added = job.files
    .slice(0, job.done)
    .flatMap((file) => (file.outcome === 'imported' ? [file.item] : []));
  items = [...added.reverse(), ...items];
  stats = {
    ...stats,
    items: items.length,
    articles: items.filter((item) => item.kind === 'article').length,
    photos: items.filter((item) => item.kind === 'photo').length,
    objects: stats.objects + added.length,
    objects_bytes: stats.objects_bytes + added.length * 1_000_000,
  };
  job.resolve(report);
  await emit('folio://changed', { kinds: ['items', 'tags', 'collections', 'stats'] } satisfies Changed);
}

async function runByItself(job: RunningImport): Promise<void> {
  while (job.done < job.files.length && !job.cancelRequested) {
    await new Promise((done) => setTimeout(done, 400));
    job.done += 1;
    await emit('folio://progress', progressOf(job, job.files[job.done]?.path ?? null));
  }
  await endImport(job);
}

function listItems(kind: string | null, limit: number): ItemSummary[] {
  listRequests.push({ kind, limit });
  return items.filter((item) => kind === null || item.kind === kind).slice(0, limit);
}

mockWindows('main');
mockIPC(
  (command, args) => {
    calls[command] = (calls[command] ?? 0) + 1;
    const input = (args ?? {}) as Record<string, unknown>;
    switch (command) {
      case 'archive_stats':
        return archiveStats();
      case 'import_paths':
        return importPaths(input.request as ImportRequest);
      case 'cancel_import':
        if (running) running.cancelRequested = true;
        return null;
      case 'list_items':
        return listItems(input.kind as string | null, input.limit as number);
      case 'plugin:dialog|open':
        dialogRequests.push({ ...(input.options as DialogOptions) });
        return dialogAnswer === null ? null : [...dialogAnswer];
    }
    const unknown: WireError = { code: 'internal', message: `the mock host has no "${command}"` };
    return reject(unknown);
  },
  { shouldMockEvents: true },
);

window.__folioMock = {
  scenario,
  calls,
  importRequests,
  listRequests,
  dialogRequests,
  setStats: (changes) => {
    stats = { ...stats, ...changes };
  },
  emitChanged: (kinds) => emit('folio://changed', { kinds } satisfies Changed),
  setDialogAnswer: (paths) => {
    dialogAnswer = paths;
  },
  failNextImport: (error) => {
    nextImportError = error;
  },
  emitProgress: async (changes) => {
    if (!running) throw new Error('no import is running');
    running.done = changes.files_done ?? running.done;
    const snapshot = { ...progressOf(running, running.files[running.done]?.path ?? null), ...changes };
    await emit('folio://progress', snapshot);
  },
  finishImport: async () => {
    if (!running) throw new Error('no import is running');
    // Cancelled: the host stops after the batch it was in (here, the files already done).
    if (!running.cancelRequested) running.done = running.files.length;
    await endImport(running);
  },
};
