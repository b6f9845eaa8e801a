// Listens for `folio://changed` and invalidates the queries showing the kinds its change set names.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { keysToInvalidate, kindsOf } from '../lib/queryKeys';
import { onChanged } from '../platform/host';
import { useSubscription, type ListenState } from './useSubscription';

export function useHostChanges(): ListenState {
  const queryClient = useQueryClient();
  const subscribe = useCallback(
    () =>
      onChanged((changes) => {
        for (const queryKey of keysToInvalidate(kindsOf(changes))) {
          void queryClient.invalidateQueries({ queryKey });
        }
      }),
    [queryClient],
  );
  return useSubscription(subscribe, 'archive changes');
}
