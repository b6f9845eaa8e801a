// The team this archive is a member of, and how its sync goes: asked once, then kept as the
// host's `folio://team` says (after each round, when it goes offline, when something waits).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { TeamView } from '../bindings/TeamView';
import { queryKeys } from '../lib/queryKeys';
import { onTeamChanged, teamStatus } from '../platform/host';
import { useSubscription, type ListenState } from './useSubscription';

export function useTeam(enabled: boolean) {
  const queryClient = useQueryClient();
  const subscribe = useCallback(
    () =>
      onTeamChanged((team) => {
        queryClient.setQueryData<TeamView | null>(queryKeys.team, team);
      }),
    [queryClient],
  );
  const listening: ListenState = useSubscription(subscribe, 'the team’s sync');
  const query = useQuery<TeamView | null>({ queryKey: queryKeys.team, queryFn: teamStatus, enabled });
  return { query, listening };
}
