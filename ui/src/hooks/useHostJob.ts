// One long-running host job at a time (an export, a verification): its progress snapshots while
// it runs, then its report or its error, until dismissed.
import { useCallback, useRef, useState } from 'react';
import type { JobKind } from '../bindings/JobKind';
import type { Progress } from '../bindings/Progress';
import type { WireError } from '../bindings/WireError';
import { toWireError } from '../lib/wireError';
import { onProgress } from '../platform/host';
import { useSubscription, type ListenState } from './useSubscription';

export type JobState<R> =
  | { phase: 'idle' }
  | {
      phase: 'running';
      /** The host's latest snapshot; null until the first one arrives. */
      progress: Progress | null;
      cancelling: boolean;
      cancelError: WireError | null;
    }
  | { phase: 'finished'; report: R }
  | { phase: 'failed'; error: WireError };

export type HostJob<R> = {
  state: JobState<R>;
  /** Whether progress events would be heard. */
  listening: ListenState;
  /** Runs the job unless one is running; resolves false if it did not start. */
  run: (body: () => Promise<R>) => Promise<boolean>;
  /** Marks the running job as cancelling and calls `request`; its failure is shown. */
  cancel: (request: () => Promise<void>) => void;
  /** Shows an error from before the job could start (e.g. the save picker failed). */
  fail: (error: unknown) => void;
  /** Closes the report or the error. */
  dismiss: () => void;
  /** Set at once, not at the next render: two quick clicks start one job. */
  busy: () => boolean;
};

const RUNNING = { phase: 'running', progress: null, cancelling: false, cancelError: null } as const;

/** `job` is the kind of job the host reports progress for, e.g. `export`. */
export function useHostJob<R>(job: JobKind): HostJob<R> {
  const [state, setState] = useState<JobState<R>>({ phase: 'idle' });
  const busy = useRef(false);

  const subscribe = useCallback(
    () =>
      onProgress((progress) => {
        if (progress.job !== job) return;
        setState((current) => (current.phase === 'running' ? { ...current, progress } : current));
      }),
    [job],
  );
  const listening = useSubscription(subscribe, `${job} progress`);

  const run = useCallback(async (body: () => Promise<R>) => {
    if (busy.current) return false;
    busy.current = true;
    setState(RUNNING);
    try {
      const report = await body();
      setState({ phase: 'finished', report });
    } catch (error) {
      setState({ phase: 'failed', error: toWireError(error) });
    } finally {
      busy.current = false;
    }
    return true;
  }, []);

  const cancel = useCallback((request: () => Promise<void>) => {
    setState((current) => (current.phase === 'running' ? { ...current, cancelling: true, cancelError: null } : current));
    request().catch((error: unknown) => {
      setState((current) =>
        current.phase === 'running' ? { ...current, cancelling: false, cancelError: toWireError(error) } : current,
      );
    });
  }, []);

  const fail = useCallback((error: unknown) => {
    if (!busy.current) setState({ phase: 'failed', error: toWireError(error) });
  }, []);

  const dismiss = useCallback(() => {
    setState((current) => (current.phase === 'running' ? current : { phase: 'idle' }));
  }, []);

  const isBusy = useCallback(() => busy.current, []);

  return { state, listening, run, cancel, fail, dismiss, busy: isBusy };
}
