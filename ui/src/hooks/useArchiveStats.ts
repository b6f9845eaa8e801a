// Loads the archive's stats from the host through TanStack Query.
import { useQuery } from '@tanstack/react-query';
import type { Stats } from '../bindings/Stats';
import { queryKeys } from '../lib/queryKeys';
import { getStats } from '../platform/host';

export function useArchiveStats() {
  return useQuery<Stats>({ queryKey: queryKeys.stats, queryFn: getStats });
}
