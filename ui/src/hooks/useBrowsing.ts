// What the item area is listing: a scope in an order, or — while the search box has text — the
// results of its query, searched as the person types.
import { useCallback, useMemo, useState } from 'react';
import type { Scope } from '../bindings/Scope';
import type { SortKey } from '../bindings/SortKey';
import { scopeListing, searchListing, type Listing } from '../lib/listing';
import { defaultOrder, nextOrder, orderFor, scopeKey, type SortOrder } from '../lib/scope';
import { useDebouncedValue } from './useDebouncedValue';

/** Search as you type, once typing pauses this long. */
const SEARCH_DELAY_MS = 150;

export type Browsing = {
  scope: Scope;
  order: SortOrder;
  /** What the search box holds. */
  searchText: string;
  setSearchText: (text: string) => void;
  /** The query being searched (the box's text once typing paused); '' lists the scope. */
  query: string;
  searching: boolean;
  listing: Listing;
  /** Names which items are listed, and in which order (the selection follows them). */
  itemsKey: string;
  orderKey: string;
  /** A collection in its own order can be reordered by dragging rows. */
  reorderable: boolean;
  selectScope: (scope: Scope) => void;
  sortBy: (key: SortKey) => void;
};

export function useBrowsing(): Browsing {
  const [scope, setScope] = useState<Scope>({ kind: 'all' });
  const [order, setOrder] = useState<SortOrder>(defaultOrder({ kind: 'all' }));
  const [searchText, setSearchText] = useState('');
  const query = useDebouncedValue(searchText.trim(), SEARCH_DELAY_MS);
  const searching = query !== '';
  const listing = useMemo(
    () => (searching ? searchListing(query) : scopeListing(scope, order.sort, order.descending)),
    [searching, query, scope, order],
  );

  const selectScope = useCallback((next: Scope) => {
    setScope(next);
    setOrder((current) => orderFor(next, current));
    // Choosing a view leaves the search.
    setSearchText('');
  }, []);

  const sortBy = useCallback((key: SortKey) => {
    setOrder((current) => nextOrder(current, key));
  }, []);

  return {
    scope,
    order,
    searchText,
    setSearchText,
    query,
    searching,
    listing,
    itemsKey: searching ? `query:${query}` : `scope:${scopeKey(scope)}`,
    orderKey: searching ? 'relevance' : `${order.sort}:${String(order.descending)}`,
    reorderable: !searching && scope.kind === 'collection' && order.sort === 'position' && !order.descending,
    selectScope,
    sortBy,
  };
}
