// Keeps a host subscription (an event listener) open while the component is mounted.
import { useEffect, useState } from 'react';
import { describeError } from '../lib/describeError';
import type { Unsubscribe } from '../platform/host';

export type ListenState = 'subscribing' | 'listening' | 'failed';

/**
 * Subscribes with `subscribe` (keep it stable, e.g. with `useCallback`) and says whether the
 * listener is registered yet. `what` names the events in the console message if it fails.
 */
export function useSubscription(subscribe: () => Promise<Unsubscribe>, what: string): ListenState {
  const [state, setState] = useState<ListenState>('subscribing');

  useEffect(() => {
    let active = true;
    let unsubscribe: Unsubscribe | undefined;
    subscribe().then(
      (stop) => {
        if (active) {
          unsubscribe = stop;
          setState('listening');
        } else {
          stop();
        }
      },
      (error: unknown) => {
        if (!active) return;
        // Without the listener part of the window silently stops updating: worth seeing in the console.
        const { summary, detail } = describeError(error);
        console.error(`Folio could not listen for ${what}:`, summary, detail ?? '');
        setState('failed');
      },
    );
    return () => {
      active = false;
      unsubscribe?.();
    };
  }, [subscribe, what]);

  return state;
}
