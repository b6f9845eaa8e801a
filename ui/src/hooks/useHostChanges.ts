// Listens for `folio://changed` and invalidates the queries showing the kinds that changed.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { keysToInvalidate } from '../lib/queryKeys';
import { onChanged } from '../platform/host';
import { useSubscription, type ListenState } from './useSubscription';

export function useHostChanges(): ListenState {
  const queryClient = useQueryClient();
  const subscribe = useCallback(
    () =>
      onChanged((changed) => {
        for (const queryKey of keysToInvalidate(changed.kinds)) {
          void queryClient.invalidateQueries({ queryKey });
        }
      }),
    [queryClient],
  );
  return useSubscription(subscribe, 'archive changes');
}
