// Runs one import at a time: from dropped paths, the pickers or web addresses, following the
// host's progress.
import { useCallback, useRef, useState } from 'react';
import type { ImportReport } from '../bindings/ImportReport';
import type { Progress } from '../bindings/Progress';
import type { TemplateMode } from '../bindings/TemplateMode';
import type { WireError } from '../bindings/WireError';
import { toWireError } from '../lib/wireError';
import { pickFiles, pickFolders } from '../platform/dialog';
import { cancelImport, onProgress, onWatchImport } from '../platform/host';
import { useHostActions } from './useHostActions';
import { useSubscription, type ListenState } from './useSubscription';

export type ImportState =
  | { phase: 'idle' }
  | {
      phase: 'running';
      /** The host's latest snapshot; null until the first one arrives. */
      progress: Progress | null;
      cancelling: boolean;
      cancelError: WireError | null;
    }
  /** `folder`: the watch folder the files came from, when the host imported them by itself. */
  | { phase: 'finished'; report: ImportReport; folder?: string }
  | { phase: 'failed'; error: WireError; during: 'import' | 'pick' };

/** The ingest template files and folders are imported with (from the menu, a drop, or opened). */
export type TemplateChoice = { name: string; mode: TemplateMode } | null;

export type Importer = {
  state: ImportState;
  /** The template the next imports of files and folders apply; none by default. */
  template: TemplateChoice;
  chooseTemplate: (choice: TemplateChoice) => void;
  /** Whether progress events would be heard: an import started before this misses them. */
  listening: ListenState;
  /** Imports `paths`; does nothing while another import runs. */
  start: (paths: string[]) => void;
  /** Fetches and imports web addresses; does nothing while another import runs. */
  startLinks: (links: string[]) => void;
  /** Opens the file or folder picker, then imports what was chosen. */
  pick: (what: 'files' | 'folders') => void;
  cancel: () => void;
  /** Closes the report or the error. */
  dismiss: () => void;
};

const RUNNING: ImportState = { phase: 'running', progress: null, cancelling: false, cancelError: null };

export function useImport(): Importer {
  const { importPaths, importLinks } = useHostActions();
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const [template, chooseTemplate] = useState<TemplateChoice>(null);
  // Set at once, not at the next render: two drops in quick succession start one import.
  const busy = useRef(false);

  const subscribe = useCallback(
    () =>
      onProgress((progress) => {
        if (progress.job !== 'import') return;
        setState((current) => (current.phase === 'running' ? { ...current, progress } : current));
      }),
    [],
  );
  const listening = useSubscription(subscribe, 'import progress');

  // A watch folder's import runs through the same writer: followed and reported the same way.
  const subscribeWatch = useCallback(
    () =>
      onWatchImport(({ folder, report }) => {
        if (report === null) {
          setState((current) => (current.phase === 'running' ? current : RUNNING));
        } else {
          setState({ phase: 'finished', report, folder });
        }
      }),
    [],
  );
  useSubscription(subscribeWatch, 'watch folder imports');

  const run = useCallback(
    async (choose: () => Promise<string[]>, send: (inputs: string[]) => Promise<ImportReport>) => {
      if (busy.current) return;
      busy.current = true;
      try {
        let paths: string[];
        try {
          paths = await choose();
        } catch (error) {
          setState({ phase: 'failed', error: toWireError(error), during: 'pick' });
          return;
        }
        if (paths.length === 0) return;
        setState(RUNNING);
        // Refreshes what the import changed; after a failure, everything (batches written before
        // it are in the archive, and the host may not have said so).
        try {
          const report = await send(paths);
          setState({ phase: 'finished', report });
        } catch (error) {
          setState({ phase: 'failed', error: toWireError(error), during: 'import' });
        }
      } finally {
        busy.current = false;
      }
    },
    [],
  );

  const sendPaths = useCallback(
    (paths: string[]) =>
      importPaths({
        paths,
        tags: [],
        collection: null,
        template: template?.name ?? null,
        template_mode: template?.mode ?? null,
      }),
    [importPaths, template],
  );

  const start = useCallback(
    (paths: string[]) => {
      void run(() => Promise.resolve(paths), sendPaths);
    },
    [run, sendPaths],
  );

  const startLinks = useCallback(
    (links: string[]) => {
      void run(() => Promise.resolve(links), importLinks);
    },
    [run, importLinks],
  );

  const pick = useCallback(
    (what: 'files' | 'folders') => {
      void run(what === 'files' ? pickFiles : pickFolders, sendPaths);
    },
    [run, sendPaths],
  );

  const cancel = useCallback(() => {
    setState((current) =>
      current.phase === 'running' ? { ...current, cancelling: true, cancelError: null } : current,
    );
    cancelImport().catch((error: unknown) => {
      setState((current) =>
        current.phase === 'running'
          ? { ...current, cancelling: false, cancelError: toWireError(error) }
          : current,
      );
    });
  }, []);

  const dismiss = useCallback(() => {
    setState((current) => (current.phase === 'running' ? current : { phase: 'idle' }));
  }, []);

  return { state, template, chooseTemplate, listening, start, startLinks, pick, cancel, dismiss };
}
