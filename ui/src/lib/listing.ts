// A listing is what the item area pages through: a scope in an order, or a query's results.
import type { ItemSummary } from '../bindings/ItemSummary';
import type { Scope } from '../bindings/Scope';
import type { SortKey } from '../bindings/SortKey';
import { listItems, searchItems } from '../platform/host';
import { queryKeys, type HostQueryKey } from './queryKeys';

/** Where a search found its words, to show under the title. */
export type SearchHit = { snippet: string; highlights: readonly (readonly [number, number])[] };

export type Row = { item: ItemSummary; hit: SearchHit | null };

export type ListingPage = { total: number; rows: Row[] };

export type Listing = {
  /** The query key its pages are cached under. */
  key: HostQueryKey;
  fetch: (offset: number, limit: number) => Promise<ListingPage>;
  /** Search results have snippets and their own order (best first). */
  isSearch: boolean;
};

export function scopeListing(scope: Scope, sort: SortKey, descending: boolean): Listing {
  return {
    key: queryKeys.listing(scope, sort, descending),
    isSearch: false,
    fetch: async (offset, limit) => {
      const page = await listItems({ scope, sort, descending, offset, limit });
      return { total: page.total, rows: page.items.map((item) => ({ item, hit: null })) };
    },
  };
}

export function searchListing(query: string): Listing {
  return {
    key: queryKeys.search(query),
    isSearch: true,
    fetch: async (offset, limit) => {
      const page = await searchItems({ query, offset, limit });
      return {
        total: page.total,
        rows: page.hits.map((hit) => ({ item: hit.item, hit: { snippet: hit.snippet, highlights: hit.highlights } })),
      };
    },
  };
}
