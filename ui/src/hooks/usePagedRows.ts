// Loads the pages of a listing that the visible rows need, and finds rows anywhere in it.
//
// Each page is its own query (`[...listing.key, page]`), so scrolling asks the host only for
// the pages coming into view and pages already seen come from the cache.
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { WireError } from '../bindings/WireError';
import type { Listing, ListingPage, Row } from '../lib/listing';
import { PAGE_SIZE, pagesFor, type RowWindow } from '../lib/paging';
import { queryKeys } from '../lib/queryKeys';

export type PagedRows = {
  /** Items in the listing; null until the first page has come. */
  total: number | null;
  /** The row at `index`, if its page has been loaded. */
  rowAt: (index: number) => Row | undefined;
  error: WireError | null;
  refetch: () => void;
  retrying: boolean;
};

export function usePagedRows(listing: Listing, window: RowWindow): PagedRows {
  const queryClient = useQueryClient();
  // Any page of this listing already in the cache knows the total, so scrolling into pages not
  // loaded yet keeps the list's height.
  const cached = queryClient.getQueriesData<ListingPage>({ queryKey: listing.key }).find(([, data]) => data !== undefined);
  const knownTotal = cached?.[1]?.total ?? null;

  // Until the total is known, ask for the page at the top of the window to learn it.
  const pages = knownTotal === null ? [Math.floor(window.start / PAGE_SIZE)] : pagesFor(window.start, window.end);
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: queryKeys.page(listing.key, page),
      queryFn: () => listing.fetch(page * PAGE_SIZE, PAGE_SIZE),
    })),
  });

  const loaded = results.find((result) => result.data !== undefined)?.data;
  const total = loaded?.total ?? knownTotal;

  const pageData = useCallback(
    (page: number) => queryClient.getQueryData<ListingPage>(queryKeys.page(listing.key, page)),
    [queryClient, listing.key],
  );

  const rowAt = useCallback(
    (index: number) => pageData(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE],
    [pageData],
  );

  const failed = results.find((result) => result.error !== null);
  return {
    total,
    rowAt,
    error: failed?.error ?? null,
    refetch: () => {
      for (const result of results) void result.refetch();
    },
    retrying: results.some((result) => result.isFetching),
  };
}
