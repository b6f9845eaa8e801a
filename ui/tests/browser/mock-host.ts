// A mock Tauri host so the UI runs in a plain browser: fixture data, scenario chosen by `?mock=`.
//
// Scenarios: `empty` (default; an archive with nothing in it yet), `library` (a small archive in
// three languages with tags, collections, figures and a Trash), `press` (that archive and a season
// more of a press office's work, enough to fill a window), `large` (200,000 generated items;
// `&count=N` for another size), `in-use` (archive_stats rejects with `archive_in_use`),
// `malformed` (archive_stats rejects with a bare string). `&templates=1` gives the archive two
// ingest templates (saved from the command line, as the window cannot save them).
// Imports run by themselves on a timer, unless `&import=manual`: then a test steps them through
// `window.__folioMock` (emitProgress, finishImport), as it sets stats and emits `folio://changed`.
// Exports and verification (`mock-jobs.ts`) likewise, unless `&jobs=manual` (stepJob, finishJob);
// `&verify=damaged` makes verify_archive find missing, changed and orphaned files.
// `&team=1` starts the archive as a member of a team ("Desk"); tests set how its sync goes and
// play another member's edits through `window.__folioMock` (setTeamSync, remoteEdit, chooseTeamInMenu).
// Every write answers `Written<T>` and, when it changed something, emits one `folio://changed`
// carrying the same change set, as the host does after its transaction.
import { emit } from '@tauri-apps/api/event';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import type { FacetRequest } from '../../src/bindings/FacetRequest';
import type { ChangeSet } from '../../src/bindings/ChangeSet';
import type { CopyReport } from '../../src/bindings/CopyReport';
import type { EditRequest } from '../../src/bindings/EditRequest';
import type { ExportItemsRequest } from '../../src/bindings/ExportItemsRequest';
import type { ImportReport } from '../../src/bindings/ImportReport';
import type { ImportRequest } from '../../src/bindings/ImportRequest';
import type { LabelRequest } from '../../src/bindings/LabelRequest';
import type { ListRequest } from '../../src/bindings/ListRequest';
import type { MergeRequest } from '../../src/bindings/MergeRequest';
import type { Progress } from '../../src/bindings/Progress';
import type { RateRequest } from '../../src/bindings/RateRequest';
import type { SearchRequest } from '../../src/bindings/SearchRequest';
import type { Stats } from '../../src/bindings/Stats';
import type { TagRequest } from '../../src/bindings/TagRequest';
import type { SyncState } from '../../src/bindings/SyncState';
import type { TeamView } from '../../src/bindings/TeamView';
import type { Template } from '../../src/bindings/Template';
import type { Thresholds } from '../../src/bindings/Thresholds';
import type { WatchFolder } from '../../src/bindings/WatchFolder';
import type { WatchImport } from '../../src/bindings/WatchImport';
import type { WatchStatus } from '../../src/bindings/WatchStatus';
import type { WireError } from '../../src/bindings/WireError';
import type { Written } from '../../src/bindings/Written';
import { changeSet } from './mock-changes';
import {
  DEV_PICKED_PATHS,
  EMPTY_ARCHIVE,
  filesFor,
  filesForLinks,
  reportFor,
  startImportIdsAt,
  type MockFile,
} from './mock-fixtures';
import { MockJobs } from './mock-jobs';
import { HostError, MockLibrary } from './mock-library';
import { largeItems, libraryCollections, libraryItems, librarySavedSearches } from './mock-library-data';
import { pressCollections, pressItems, pressSavedSearches } from './mock-press-data';
import { duplicates, similarTo } from './mock-similar';
import { sceneThumbnail } from './mock-thumbs';

/** The other member whose writes `remoteWrite` plays: their author name and team database role. */
const REMOTE_MEMBER = { author: 'boris', role: 'desk_boris' };

const IN_USE: WireError = {
  code: 'archive_in_use',
  message: 'another process holds the archive lock (/home/ana/Folio Archive/folio.lock)',
};

/** What `pick_import_paths` and `pick_export_path` are asked, as the host receives it. */
type DialogOptions = { folders: boolean };
type SaveOptions = { defaultName: string; format: string };
type Args = Record<string, unknown>;

type FolioMock = {
  scenario: string;
  calls: Record<string, number>;
  /** Every command the UI called, with its arguments, in order (not the event plugin). */
  log: { command: string; args: Args }[];
  /** `asked COMMAND` when the UI called a command, `answered COMMAND` when its answer was sent. */
  sequence: string[];
  importRequests: ImportRequest[];
  /** The addresses of each `import_links` call. */
  linkRequests: string[][];
  listRequests: ListRequest[];
  dialogRequests: DialogOptions[];
  /** Each save picker the UI opened, with its options. */
  saveRequests: SaveOptions[];
  /** Each path reveal_path was asked to show. */
  revealed: string[];
  /** Each thumbnail URL the UI asked for, as `sha256/size`. */
  thumbnails: string[];
  /** How long building the mock library took, in ms (200,000 items take a while). */
  libraryBuiltMs: number;
  setStats: (changes: Partial<Stats>) => void;
  /** Emits `folio://changed` with this change set, as if another window or process had written. */
  emitChanged: (changes: ChangeSet) => Promise<void>;
  /** What the next file or folder picker answers; null is a cancelled picker. */
  setDialogAnswer: (paths: string[] | null) => void;
  /** What the next save picker answers: a path, null (cancelled), or undefined for ~/Documents/<suggested name>. */
  setSaveAnswer: (path: string | null | undefined) => void;
  /** Moves the running export or verification `count` items on (`&jobs=manual`). */
  stepJob: (count?: number) => Promise<void>;
  /** Ends the running export or verification (`&jobs=manual`); a cancelled one stops where it was. */
  finishJob: () => Promise<void>;
  /** The next import_paths rejects with this error. */
  failNextImport: (error: WireError) => void;
  /** The next call of `command` rejects with this error. */
  failNext: (command: string, error: WireError) => void;
  /** Emits a progress snapshot of the running import (manual mode). */
  emitProgress: (changes: Partial<Progress>) => Promise<void>;
  /** Lets the running import reach its end, or its next batch if cancelled (manual mode). */
  finishImport: () => Promise<void>;
  /** The watch folders as the host keeps them, and each `set_watch_folders` it was sent. */
  watch: WatchStatus;
  watchRequests: WatchFolder[][];
  /** Adds a problem the host met while watching. */
  addWatchProblem: (problem: string) => void;
  /** Emits `folio://watch-import`, as the host does when a watch folder's import starts and ends. */
  emitWatchImport: (event: WatchImport) => Promise<void>;
  /** Emits `folio://save-copy`, as the host does when File → Save a Copy… is chosen in its menu. */
  chooseSaveCopyInMenu: () => Promise<void>;
  /** Emits `folio://team-dialog`, as the host does when Archive → Team… is chosen in its menu. */
  chooseTeamInMenu: () => Promise<void>;
  /** The team as the host keeps it (null: in no team). */
  team: () => TeamView | null;
  /** Sets how the team's sync goes (and what waits) and emits `folio://team`, as the sync thread does. */
  setTeamSync: (sync: SyncState, waiting?: number) => Promise<void>;
  /** Another member's write arriving (`update_item`, `tag_items`, …, with its arguments): the
   * archive changes without the window asking, then `folio://changed` names what changed, as a
   * sync round that received it does. Not in `log`: the window did not call it. Its history
   * names the member's author and the team role that sent it (`REMOTE_MEMBER`). */
  remoteWrite: (command: string, input: Args) => Promise<void>;
  /** What the next `join_team` picker answers: a folder, or null (cancelled). */
  setJoinFolder: (folder: string | null) => void;
};

declare global {
  interface Window {
    __folioMock?: FolioMock;
  }
}

const params = new URLSearchParams(window.location.search);
const scenario = params.get('mock') ?? 'empty';
const manualImports = params.get('import') === 'manual';
const latency = Number(params.get('latency') ?? 0);
// Files the app was started with ("Open with Folio"), separated by `|`; handed out once.
let openedFiles = (params.get('opened') ?? '').split('|').filter((path) => path !== '');
const calls: Record<string, number> = {};
const log: FolioMock['log'] = [];
const sequence: string[] = [];
const importRequests: ImportRequest[] = [];
const linkRequests: string[][] = [];
const listRequests: ListRequest[] = [];
const dialogRequests: DialogOptions[] = [];
const saveRequests: SaveOptions[] = [];
let saveAnswer: string | null | undefined;
const thumbnails: string[] = [];
const failures = new Map<string, WireError>();
let statsOverride: Partial<Stats> = {};
let dialogAnswer: string[] | null = DEV_PICKED_PATHS;
let nextImportError: WireError | null = null;
const watch: WatchStatus = { folders: [], problems: [] };
const templates: Template[] =
  params.get('templates') === '1'
    ? [
        {
          name: 'Kyiv desk',
          caption: '',
          credit: 'Folio Daily / Kyiv',
          byline: '',
          copyright: '© Folio Daily',
          keywords: ['Kyiv'],
          tags: ['Assignments/Kyiv'],
          mode: 'fill_empty',
        },
        {
          name: 'Wire',
          caption: '{caption}',
          credit: 'AP',
          byline: '',
          copyright: '',
          keywords: [],
          tags: ['Wire'],
          mode: 'replace',
        },
      ]
    : [];
const watchRequests: WatchFolder[][] = [];
/** The team the archive is a member of, as the host keeps it. */
function deskTeam(database: string, objects: string, name: string): TeamView {
  return {
    team: name,
    database,
    objects,
    joined_at: '2026-12-01T08:30:00.000Z',
    last_sync: '2026-12-06T09:41:00.000Z',
    last_error: null,
    waiting_actions: 0,
    waiting_uploads: 0,
    reader: params.get('reader') === '1',
    sync: { state: 'up_to_date' },
  };
}
let team: TeamView | null =
  params.get('team') === '1' ? deskTeam('postgres://folio@db.press.local/desk', '/Volumes/Press/Folio', 'Desk') : null;
let joinFolder: string | null = '/home/ana/Desk archive';
/** The archive's photo OCR setting, as `set_ocr_photos` left it. */
let ocrPhotos = false;

function createLibrary(): MockLibrary {
  switch (scenario) {
    case 'library':
      return new MockLibrary(libraryItems(), libraryCollections(), librarySavedSearches());
    case 'press':
      return new MockLibrary(pressItems(), pressCollections(), pressSavedSearches());
    case 'large':
      return new MockLibrary(largeItems(Number(params.get('count') ?? 200_000)));
    default:
      return new MockLibrary([]);
  }
}
const buildStart = performance.now();
const library = createLibrary();
const libraryBuiltMs = performance.now() - buildStart;
const jobs = new MockJobs(library, {
  manual: params.get('jobs') === 'manual',
  damaged: params.get('verify') === 'damaged',
  emit: (progress) => emit('folio://progress', progress),
});
startImportIdsAt(scenario === 'large' ? Number(params.get('count') ?? 200_000) + 1 : 101);

type RunningImport = {
  files: MockFile[];
  done: number;
  cancelRequested: boolean;
  resolve: (written: Written<ImportReport>) => void;
};
let running: RunningImport | null = null;

/** The real host rejects with plain `{ code, message }` objects, not `Error`s: so does the mock. */
function reject(reason: unknown): Promise<never> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
  return Promise.reject(reason);
}

function changed(changes: ChangeSet): Promise<void> {
  return emit('folio://changed', changes);
}

function archiveStats(): Promise<Stats> {
  switch (scenario) {
    case 'in-use':
      return reject(IN_USE);
    case 'malformed':
      return reject('the host said something this UI does not understand');
    default:
      return Promise.resolve({ ...library.stats(EMPTY_ARCHIVE), ...statsOverride });
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

function importPaths(request: ImportRequest): Promise<Written<ImportReport>> {
  importRequests.push(request);
  return startImport(filesFor(request));
}

/** Links are "fetched" at once: see `filesForLinks`. */
function importLinks(links: string[]): Promise<Written<ImportReport>> {
  linkRequests.push(links);
  return startImport(filesForLinks(links));
}

function startImport(files: MockFile[]): Promise<Written<ImportReport>> {
  if (nextImportError) {
    const error = nextImportError;
    nextImportError = null;
    return reject(error);
  }
  if (running) return reject({ code: 'invalid_input', message: 'an import is already running' } satisfies WireError);
  return new Promise((resolve) => {
    const job: RunningImport = { files, done: 0, cancelRequested: false, resolve };
    running = job;
    void emit('folio://progress', progressOf(job, job.files[0]?.path ?? null));
    if (!manualImports) void runByItself(job);
  });
}

/** What an import changed, as the host reports it: the items imported or found again and, when
 * any is new, the lists that count them. */
function importChanges(report: ImportReport): ChangeSet {
  const ids = [...report.imported, ...report.duplicates].map((item) => item.id);
  return report.imported.length === 0 ? changeSet(ids) : changeSet(ids, 'stats', 'tags', 'collections');
}

/** Ends the running import as the host does: the report, then one batched change event. */
async function endImport(job: RunningImport): Promise<void> {
  running = null;
  const report = reportFor(job.files, job.done, job.cancelRequested);
  library.add(job.files.slice(0, job.done).flatMap((file) => (file.outcome === 'imported' ? [file.item] : [])));
  const changes = importChanges(report);
  job.resolve({ value: report, changes });
  if (changes.changes.length > 0) await changed(changes);
}

async function runByItself(job: RunningImport): Promise<void> {
  while (job.done < job.files.length && !job.cancelRequested) {
    await new Promise((done) => setTimeout(done, 400));
    job.done += 1;
    await emit('folio://progress', progressOf(job, job.files[job.done]?.path ?? null));
  }
  await endImport(job);
}

/** Answers a write, then tells the UI what it changed, after the answer, as the host does. */
function write<T>(result: Written<T>): Written<T> {
  if (result.changes.changes.length > 0) setTimeout(() => void changed(result.changes), 0);
  return result;
}

/** Answers a library command; undefined when `command` is not one. */
function answer(command: string, input: Args): unknown {
  const ids = () => input.ids as number[];
  switch (command) {
    case 'list_items': {
      const request = input.request as ListRequest;
      listRequests.push(request);
      return library.list(request);
    }
    case 'search_items':
      return library.search(input.request as SearchRequest);
    case 'item_facets':
      return library.facets(input.request as FacetRequest);
    case 'show_item':
      return library.show(input.id as number);
    case 'item_history':
      return library.itemHistory(input.id as number);
    case 'list_tags':
      return library.listTags();
    case 'tag_items':
      return write(library.tagItems(input.request as TagRequest));
    case 'rate_items':
      return write(library.rateItems(input.request as RateRequest));
    case 'label_items':
      return write(library.labelItems(input.request as LabelRequest));
    case 'rename_tag':
      return write(library.renameTag(input.from as string, input.to as string));
    case 'list_collections':
      return library.listCollections();
    case 'create_collection':
      return write(library.createCollection(input.name as string));
    case 'rename_collection':
      return write(library.renameCollection(input.id as number, input.name as string));
    case 'delete_collection':
      return write(library.deleteCollection(input.id as number));
    case 'add_to_collection':
      return write(library.addToCollection(input.id as number, input.itemIds as number[]));
    case 'remove_from_collection':
      return write(library.removeFromCollection(input.id as number, input.itemIds as number[]));
    case 'reorder_collection':
      return write(library.reorderCollection(input.id as number, input.itemIds as number[]));
    case 'list_saved_searches':
      return library.listSavedSearches();
    case 'save_search':
      return write(library.saveSearch(input.name as string, input.query as string));
    case 'delete_saved_search':
      return write(library.deleteSavedSearch(input.id as number));
    case 'trash_items':
      return write(library.trash(ids()));
    case 'restore_items':
      return write(library.restore(ids()));
    case 'empty_trash':
      return write(library.emptyTrash());
    case 'update_item':
      return write(library.update(input.request as EditRequest));
    case 'link_figure':
      return write(library.linkFigure(input.figureId as number, input.photoId as number | null));
    case 'export_items':
      return jobs.exportItems(input.request as ExportItemsRequest);
    case 'cancel_export':
      return jobs.cancelExport();
    case 'reveal_path':
      return jobs.revealPath(input.path as string);
    case 'verify_archive':
      return jobs.verifyArchive(library.stats(EMPTY_ARCHIVE).objects);
    case 'undo':
      return write(library.undo());
    case 'similar_items':
      return similarTo(library, input.id as number, input.thresholds as Thresholds);
    case 'find_duplicates':
      return duplicates(library, input.thresholds as Thresholds);
    case 'merge_items':
      return write(library.merge(input.request as MergeRequest));
  }
  return undefined;
}

/** Answers one command as the host does. */
function handle(command: string, args: unknown): unknown {
    calls[command] = (calls[command] ?? 0) + 1;
    const input = (args ?? {}) as Args;
    if (!command.startsWith('plugin:')) {
      log.push({ command, args: JSON.parse(JSON.stringify(input)) as Args });
      sequence.push(`asked ${command}`);
    }
    const failure = failures.get(command);
    if (failure) {
      failures.delete(command);
      return reject(failure);
    }
    switch (command) {
      case 'archive_stats':
        return archiveStats();
      case 'import_paths':
        return importPaths(input.request as ImportRequest);
      case 'import_links':
        return importLinks(input.links as string[]);
      case 'cancel_import':
        if (running) running.cancelRequested = true;
        return null;
      case 'take_opened_files': {
        const taken = openedFiles;
        openedFiles = [];
        return taken;
      }
      case 'pick_import_paths':
        dialogRequests.push({ folders: input.folders as boolean });
        return dialogAnswer === null ? [] : [...dialogAnswer];
      case 'list_templates':
        return structuredClone(templates);
      case 'watch_folders':
        return structuredClone(watch);
      case 'ocr_photos':
        return ocrPhotos;
      case 'set_ocr_photos':
        ocrPhotos = input.enabled as boolean;
        return ocrPhotos;
      case 'cancel_ocr':
        return null;
      case 'set_watch_folders': {
        const folders = input.folders as WatchFolder[];
        watchRequests.push(folders);
        watch.folders = structuredClone(folders);
        watch.problems = [];
        return structuredClone(watch);
      }
      case 'save_copies': {
        // The folder picker answers ~/Pictures/Desk; each item's copy is written there.
        const ids = input.ids as number[];
        const copies = ids.map((id) => ({
          id,
          title: `Item ${String(id)}`,
          path: `/home/ana/Pictures/Desk/item-${String(id)}.jpg`,
          metadata: ['XMP', 'IPTC', 'EXIF'],
          note: null,
          error: null,
        }));
        return { copies, failed: 0 } satisfies CopyReport;
      }
      case 'drag_copies':
        // The host writes the copies and starts the system's drag; nothing to see here.
        return null;
      case 'team_status':
        return structuredClone(team);
      case 'create_team':
        team = deskTeam(input.database as string, input.objects as string, input.name as string);
        return structuredClone(team);
      case 'join_team':
        // The real host then restarts on the new archive; the mock stays where it is.
        return joinFolder;
      case 'leave_team':
        team = null;
        return null;
      case 'sync_team':
        if (team) {
          team = { ...team, sync: { state: 'up_to_date' }, waiting_actions: 0, waiting_uploads: 0 };
          setTimeout(() => void emit('folio://team', team), 0);
        }
        return null;
      case 'pick_export_path': {
        const options = { defaultName: input.defaultName as string, format: input.format as string };
        saveRequests.push(options);
        return saveAnswer === undefined ? `/home/ana/Documents/${options.defaultName}` : saveAnswer;
      }
    }
    try {
      const result = answer(command, input);
      if (result !== undefined) return result;
    } catch (error) {
      if (error instanceof HostError) return reject(error.wire);
      return reject({ code: 'internal', message: String(error) } satisfies WireError);
    }
    const unknown: WireError = { code: 'internal', message: `the mock host has no "${command}"` };
    return reject(unknown);
}

mockWindows('main');
mockIPC(
  (command, args) => {
    const handled = handle(command, args);
    // `&latency=MS`: every answer takes that long to come back, as a real host's do.
    const result =
      latency > 0 && !command.startsWith('plugin:')
        ? new Promise((resolve) => {
            setTimeout(() => {
              resolve(handled);
            }, latency);
          })
        : handled;
    if (!command.startsWith('plugin:')) {
      const answered = () => {
        sequence.push(`answered ${command}`);
      };
      void Promise.resolve(result).then(answered, answered);
    }
    return result;
  },
  { shouldMockEvents: true },
);

// The host serves thumbnails through its `folio-thumb` protocol; here they are drawn as SVGs.
const internals = (window as unknown as { __TAURI_INTERNALS__: Record<string, unknown> }).__TAURI_INTERNALS__;
internals.convertFileSrc = (path: string, protocol: string) => {
  if (protocol !== 'folio-thumb') return `${protocol}://localhost/${encodeURIComponent(path)}`;
  thumbnails.push(path);
  const [sha256 = '', size = '256'] = path.split('/');
  const { aspect, scene } = library.thumbnailOf(sha256);
  return sceneThumbnail(sha256, Number(size), aspect, scene);
};

window.__folioMock = {
  scenario,
  calls,
  log,
  sequence,
  importRequests,
  linkRequests,
  listRequests,
  dialogRequests,
  saveRequests,
  revealed: jobs.revealed,
  thumbnails,
  libraryBuiltMs,
  setStats: (changes) => {
    statsOverride = { ...statsOverride, ...changes };
  },
  emitChanged: (changes) => changed(changes),
  chooseSaveCopyInMenu: () => emit('folio://save-copy', null),
  chooseTeamInMenu: () => emit('folio://team-dialog', null),
  team: () => structuredClone(team),
  setTeamSync: async (sync, waiting = 0) => {
    if (!team) throw new Error('the archive is in no team');
    team = { ...team, sync, waiting_actions: waiting, waiting_uploads: 0 };
    await emit('folio://team', team);
  },
  remoteWrite: async (command, input) => {
    if (library.actingAs(REMOTE_MEMBER.author, REMOTE_MEMBER.role, () => answer(command, input)) === undefined) {
      throw new Error(`the mock host has no "${command}"`);
    }
    // `write` sends its change set on the next turn.
    await new Promise((resolve) => setTimeout(resolve, 10));
  },
  setJoinFolder: (folder) => {
    joinFolder = folder;
  },
  setDialogAnswer: (paths) => {
    dialogAnswer = paths;
  },
  setSaveAnswer: (path) => {
    saveAnswer = path;
  },
  stepJob: (count) => jobs.step(count),
  finishJob: () => jobs.finish(),
  failNextImport: (error) => {
    nextImportError = error;
  },
  failNext: (command, error) => {
    failures.set(command, error);
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
  watch,
  watchRequests,
  addWatchProblem: (problem) => {
    watch.problems.push(problem);
  },
  emitWatchImport: (event) => emit('folio://watch-import', event),
};
