// The facets and timeline of what the item area lists: a view, or (while searching) the query's
// results. They go stale with the items, so a change the host reports refreshes them.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Facets } from '../bindings/Facets';
import type { Scope } from '../bindings/Scope';
import { queryKeys } from '../lib/queryKeys';
import { itemFacets } from '../platform/host';

/** Values of each facet the panel lists. */
export const FACET_TOP = 10;

export function useFacets(scope: Scope, query: string, enabled: boolean) {
  // A search runs over the whole library, as the list of results does.
  const counted: Scope = query === '' ? scope : { kind: 'all' };
  return useQuery<Facets>({
    queryKey: queryKeys.facets(counted, query),
    queryFn: () => itemFacets({ scope: counted, query, top: FACET_TOP }),
    enabled: enabled && (query !== '' || scope.kind !== 'trash'),
    placeholderData: keepPreviousData,
  });
}
