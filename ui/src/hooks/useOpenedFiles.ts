// Imports the files the system opened with Folio ("Open with Folio", a double-click on a file
// type Folio is registered for), as if they had been dropped on the window.
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../lib/describeError';
import { onOpenedFiles, takeOpenedFiles } from '../platform/host';
import { useSubscription } from './useSubscription';

/**
 * Takes the waiting files whenever an import could start (`canImport`) and again each time the
 * host says more arrived; the host hands each file out once.
 */
export function useOpenedFiles(start: (paths: string[]) => void, canImport: boolean): void {
  const [arrivals, setArrivals] = useState(0);
  const subscribe = useCallback(
    () =>
      onOpenedFiles(() => {
        setArrivals((count) => count + 1);
      }),
    [],
  );
  useSubscription(subscribe, 'files opened with Folio');

  useEffect(() => {
    if (!canImport) return;
    takeOpenedFiles().then(
      (paths) => {
        if (paths.length > 0) start(paths);
      },
      (error: unknown) => {
        const { summary, detail } = describeError(error);
        console.error('Folio could not take the files it was opened with:', summary, detail ?? '');
      },
    );
  }, [arrivals, canImport, start]);
}
