// The mock host's long jobs besides importing: `export_items` (writes nothing, reports what it
// would have written), `cancel_export`, `reveal_path` and `verify_archive`, each emitting
// `folio://progress` as the host does.
//
// A job runs by itself (a step every 0.3 s) unless `manual`: then a test steps it with
// `stepJob(n)` and ends it with `finishJob()`. A cancelled export stops at its next step.
import type { ExportItemsRequest } from '../../src/bindings/ExportItemsRequest';
import type { ExportReport } from '../../src/bindings/ExportReport';
import type { Progress } from '../../src/bindings/Progress';
import type { VerifyReport } from '../../src/bindings/VerifyReport';
import type { WireError } from '../../src/bindings/WireError';
import { HostError, type MockLibrary } from './mock-library';

const ARCHIVE = '/home/ana/Folio Archive';
const FORMATS = ['pdf', 'zip'] as const;
const PAPERS = ['a4', 'letter'] as const;
/** What the mock pretends an exported item weighs. */
const BYTES_PER_ITEM = { pdf: 180_000, zip: 1_200_000 } as const;

type Running = {
  job: 'export' | 'verify';
  done: number;
  total: number;
  cancelRequested: boolean;
  current: (index: number) => string | null;
  end: (done: number, cancelled: boolean) => void;
};

const invalid = (message: string) => new HostError({ code: 'invalid_input', message } satisfies WireError);

export class MockJobs {
  private running: Running | null = null;
  /** Each path `reveal_path` was asked to show. */
  readonly revealed: string[] = [];

  constructor(
    private readonly library: MockLibrary,
    private readonly options: { manual: boolean; damaged: boolean; emit: (progress: Progress) => Promise<void> },
  ) {}

  exportItems(request: ExportItemsRequest): Promise<ExportReport> {
    this.ensureIdle();
    const total = this.countExported(request);
    return new Promise((resolve) => {
      this.start({
        job: 'export',
        done: 0,
        total,
        cancelRequested: false,
        current: (index) => (index < total ? `${request.title} — item ${String(index + 1)}` : null),
        end: (done, cancelled) => {
          resolve({
            output: request.output,
            items: done,
            // A cancelled export leaves no file behind.
            bytes: cancelled ? 0 : 20_000 + done * BYTES_PER_ITEM[request.format],
            cancelled,
          });
        },
      });
    });
  }

  cancelExport(): null {
    if (this.running?.job === 'export') this.running.cancelRequested = true;
    return null;
  }

  revealPath(path: string): null {
    if (path.trim() === '') throw invalid('There is no file to show.');
    this.revealed.push(path);
    return null;
  }

  verifyArchive(objects: number): Promise<VerifyReport> {
    this.ensureIdle();
    return new Promise((resolve) => {
      this.start({
        job: 'verify',
        done: 0,
        total: objects,
        cancelRequested: false,
        current: (index) => (index < objects ? objectPath(`object-${String(index)}`) : null),
        end: (done) => {
          resolve(this.options.damaged ? damagedReport(done) : cleanReport(done));
        },
      });
    });
  }

  /** Moves the running job `count` items on (manual mode), emitting its progress. */
  async step(count = 1): Promise<void> {
    const job = this.required();
    if (job.cancelRequested) {
      this.finishNow(job, true);
      return;
    }
    job.done = Math.min(job.total, job.done + count);
    await this.options.emit(progressOf(job));
  }

  /** Ends the running job: done, or where it was if it was cancelled. */
  async finish(): Promise<void> {
    const job = this.required();
    if (!job.cancelRequested) {
      job.done = job.total;
      await this.options.emit(progressOf(job));
    }
    this.finishNow(job, job.cancelRequested);
  }

  private required(): Running {
    if (!this.running) throw new Error('no export or verification is running');
    return this.running;
  }

  /** The host runs one export and one verification at a time; the mock, one of either. */
  private ensureIdle(): void {
    if (this.running) throw invalid(`An ${this.running.job === 'export' ? 'export' : 'verification'} is already running.`);
  }

  private start(job: Running): void {
    this.running = job;
    void this.options.emit(progressOf(job));
    if (!this.options.manual) void this.runByItself(job);
  }

  private async runByItself(job: Running): Promise<void> {
    for (;;) {
      await new Promise((done) => setTimeout(done, 300));
      // Cancel takes effect at the next step, as the host's does at its next item.
      if (job.cancelRequested || job.done >= job.total) break;
      job.done += 1;
      await this.options.emit(progressOf(job));
    }
    this.finishNow(job, job.cancelRequested);
  }

  private finishNow(job: Running, cancelled: boolean): void {
    if (this.running !== job) return;
    this.running = null;
    job.end(job.done, cancelled);
  }

  /** Checks the request as the host does, and counts what it covers. */
  private countExported(request: ExportItemsRequest): number {
    // The UI is typed, but the wire is not: check as the host's serde would.
    if (!(FORMATS as readonly string[]).includes(request.format)) throw invalid(`“${request.format}” is not an export format.`);
    if (!(PAPERS as readonly string[]).includes(request.paper)) throw invalid(`“${request.paper}” is not a paper size.`);
    if (request.output.trim() === '') throw invalid('The export needs a file to write.');
    if (request.title.trim() === '') throw invalid('The export needs a title.');
    const { scope } = request;
    switch (scope.kind) {
      case 'items':
        if (scope.ids.length === 0) throw invalid('There are no items to export.');
        for (const id of scope.ids) this.library.show(id);
        return new Set(scope.ids).size;
      case 'collection':
        return this.library.list({ scope: { kind: 'collection', id: scope.id }, sort: 'position', descending: false, offset: 0, limit: 0 })
          .total;
      case 'query':
        return this.library.search({ query: scope.query, offset: 0, limit: 0 }).total;
    }
  }
}

function progressOf(job: Running): Progress {
  return {
    job: job.job,
    files_done: job.done,
    files_total: job.total,
    bytes_done: 0,
    bytes_total: 0,
    current: job.current(job.done),
  };
}

function objectPath(name: string): string {
  let hash = 0;
  for (const character of name) hash = (hash * 31 + (character.codePointAt(0) ?? 0)) >>> 0;
  const hex = hash.toString(16).padStart(8, '0').repeat(8);
  return `${ARCHIVE}/objects/${hex.slice(0, 2)}/${hex}`;
}

function cleanReport(checked: number): VerifyReport {
  return { database: 'ok', checked, ok: checked, missing: [], corrupt: [], orphans: [], remote: 0, cancelled: false, repaired: false, fingerprinted: 0 };
}

/** Two originals gone, one changed, two stray files (`?verify=damaged`). */
function damagedReport(checked: number): VerifyReport {
  const sha = (name: string) => objectPath(name).split('/').pop() ?? '';
  const missing = ['missing-a', 'missing-b'].map((name, index) => ({
    sha256: sha(name),
    path: objectPath(name),
    item_ids: index === 0 ? [1] : [2, 3],
  }));
  const corrupt = [{ sha256: sha('corrupt-a'), path: objectPath('corrupt-a'), actual: sha('corrupt-a-now') }];
  const orphans = [{ path: objectPath('orphan-a') }, { path: `${ARCHIVE}/objects/tmp/import-4412.part` }];
  return {
    database: 'ok',
    checked,
    ok: Math.max(0, checked - missing.length - corrupt.length),
    missing,
    corrupt,
    orphans,
    remote: 0,
    cancelled: false,
    repaired: false,
    fingerprinted: 0,
  };
}
