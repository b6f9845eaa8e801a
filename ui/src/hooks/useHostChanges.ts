// Listens for `folio://changed` and invalidates the queries showing the kinds that changed.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { describeError } from '../lib/describeError';
import { keysToInvalidate } from '../lib/queryKeys';
import { onChanged, type Unsubscribe } from '../platform/host';

export type ListenState = 'subscribing' | 'listening' | 'failed';

export function useHostChanges(): ListenState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ListenState>('subscribing');

  useEffect(() => {
    let active = true;
    let unsubscribe: Unsubscribe | undefined;
    onChanged((changed) => {
      for (const queryKey of keysToInvalidate(changed.kinds)) {
        void queryClient.invalidateQueries({ queryKey });
      }
    }).then(
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
        // Without this the window never refreshes after a write: a bug worth seeing in the console.
        const { summary, detail } = describeError(error);
        console.error('Folio could not listen for archive changes:', summary, detail ?? '');
        setState('failed');
      },
    );
    return () => {
      active = false;
      unsubscribe?.();
    };
  }, [queryClient]);

  return state;
}
