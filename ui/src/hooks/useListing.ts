// A listing as the window around the item area sees it: its total, and items loaded by range —
// what selection ranges, "select all" and a collection's reordering need beyond the visible rows.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { ItemSummary } from '../bindings/ItemSummary';
import type { WireError } from '../bindings/WireError';
import type { Listing, ListingPage } from '../lib/listing';
import { PAGE_SIZE, pagesFor } from '../lib/paging';
import { queryKeys } from '../lib/queryKeys';
import { selectedCount, type Selection } from '../lib/selection';

/** Ranges longer than this are read in big direct chunks instead of page by page. */
const DIRECT_CHUNK = 2000;

export type ListingAccess = {
  total: number | null;
  error: WireError | null;
  /** The items from `start` to `end - 1`, from the cache where loaded. */
  loadRange: (start: number, end: number) => Promise<ItemSummary[]>;
  /** The ids a selection stands for, loading them for "select all". */
  selectedIds: (selection: Selection) => Promise<number[]>;
  selectedCount: (selection: Selection) => number;
  /** Asks the host again for every loaded page of the listing. */
  refetch: () => Promise<void>;
};

export function useListing(listing: Listing, enabled = true): ListingAccess {
  const queryClient = useQueryClient();
  // The first page is always watched: it tells the total, and stays fresh after each change.
  const first = useQuery<ListingPage>({
    queryKey: queryKeys.page(listing.key, 0),
    queryFn: () => listing.fetch(0, PAGE_SIZE),
    enabled,
  });
  const total = first.data?.total ?? null;

  const loadRange = useCallback(
    async (start: number, end: number): Promise<ItemSummary[]> => {
      if (end <= start) return [];
      if (end - start > DIRECT_CHUNK) {
        const items: ItemSummary[] = [];
        for (let offset = start; offset < end; offset += DIRECT_CHUNK) {
          const page = await listing.fetch(offset, Math.min(DIRECT_CHUNK, end - offset));
          items.push(...page.rows.map((row) => row.item));
          if (page.rows.length === 0) break;
        }
        return items;
      }
      const loaded = await Promise.all(
        pagesFor(start, end).map(async (page) => ({
          page,
          // Cached pages are reused unless a change made them stale.
          data: await queryClient.query({
            queryKey: queryKeys.page(listing.key, page),
            queryFn: () => listing.fetch(page * PAGE_SIZE, PAGE_SIZE),
          }),
        })),
      );
      return loaded.flatMap(({ page, data }) =>
        data.rows
          .map((row, offset) => ({ item: row.item, index: page * PAGE_SIZE + offset }))
          .filter(({ index }) => index >= start && index < end)
          .map(({ item }) => item),
      );
    },
    [queryClient, listing],
  );

  const selectedIds = useCallback(
    async (selection: Selection): Promise<number[]> => {
      if (!selection.all) return [...selection.items.keys()];
      const items = await loadRange(0, total ?? 0);
      return items.filter((item) => !selection.except.has(item.id)).map((item) => item.id);
    },
    [loadRange, total],
  );

  const count = useCallback((selection: Selection) => selectedCount(selection, total ?? 0), [total]);

  const refetch = useCallback(() => queryClient.invalidateQueries({ queryKey: listing.key }), [queryClient, listing.key]);

  return { total, error: first.error, loadRange, selectedIds, selectedCount: count, refetch };
}

/**
 * The freshest summary of each item among the loaded pages of a listing, following the cache as
 * pages are refetched after a change (so the inspector's view of a selection stays current).
 */
export function useLoadedSummaries(listing: Listing): (id: number) => ItemSummary | undefined {
  const queryClient = useQueryClient();
  const cache = queryClient.getQueryCache();
  // A number that changes whenever any page of the listing gets new data.
  const version = useSyncExternalStore(
    (onChange) => cache.subscribe(onChange),
    () => cache.findAll({ queryKey: listing.key }).reduce((sum, query) => sum + query.state.dataUpdatedAt, 0),
  );
  const byId = useMemo(() => {
    const map = new Map<number, ItemSummary>();
    // `version` is what makes this recompute; the pages are read from the cache.
    if (version < 0) return map;
    for (const [, page] of queryClient.getQueriesData<ListingPage>({ queryKey: listing.key })) {
      for (const row of page?.rows ?? []) map.set(row.item.id, row.item);
    }
    return map;
  }, [queryClient, listing.key, version]);
  return useCallback((id: number) => byId.get(id), [byId]);
}
