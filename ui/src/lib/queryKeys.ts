// Query keys for host data, and which of them a write's change set makes stale.
import type { ChangeSet } from '../bindings/ChangeSet';
import type { EntityKind } from '../bindings/EntityKind';
import type { Scope } from '../bindings/Scope';
import type { SortKey } from '../bindings/SortKey';
import { scopeKey } from './scope';

export type HostQueryKey = readonly string[];

export const queryKeys = {
  stats: ['stats'] as const,
  /** Everything read about items: listings, search results, single items. */
  items: ['items'] as const,
  /** A listing of a scope in an order; its pages are keyed under it. */
  listing: (scope: Scope, sort: SortKey, descending: boolean): HostQueryKey => [
    'items',
    'list',
    scopeKey(scope),
    sort,
    descending ? 'desc' : 'asc',
  ],
  /** The results of a query; its pages are keyed under it. */
  search: (query: string): HostQueryKey => ['items', 'search', query],
  /** The facets of a view, or of a search (`scope` is then all items). */
  facets: (scope: Scope, query: string): HostQueryKey => ['items', 'facets', scopeKey(scope), query],
  page: (listing: HostQueryKey, page: number): HostQueryKey => [...listing, String(page)],
  item: (id: number): HostQueryKey => ['items', 'item', String(id)],
  /** Every recorded change to one item; stale whenever items change, as the item itself. */
  history: (id: number): HostQueryKey => ['items', 'history', String(id)],
  /** The items alike one item, at a photo threshold; stale whenever items change. */
  similar: (id: number, photoBits: number): HostQueryKey => ['items', 'similar', String(id), String(photoBits)],
  /** Every group of near-duplicates at a photo threshold; stale whenever items change. */
  duplicates: (photoBits: number): HostQueryKey => ['items', 'duplicates', String(photoBits)],
  tags: ['tags'] as const,
  collections: ['collections'] as const,
  savedSearches: ['saved_searches'] as const,
  templates: ['templates'] as const,
  /** The team and how its sync goes: set by the host's `folio://team`, not by change sets. */
  team: ['team'] as const,
};

/** What else shows each kind: rows carry their tags, and lists and items name their collections. */
const ALSO_SHOWN_IN: Record<EntityKind, readonly EntityKind[]> = {
  items: [],
  tags: ['items'],
  collections: ['items'],
  saved_searches: [],
  templates: [],
  stats: [],
};

/** Every kind of host data: what to refresh when the host cannot say what changed. */
export const EVERY_KIND = Object.keys(ALSO_SHOWN_IN) as EntityKind[];

/** The kinds of data a change set names, each once, in the order they first appear. */
export function kindsOf(changeSet: ChangeSet): EntityKind[] {
  return [...new Set(changeSet.changes.map((change) => change.kind))];
}

/**
 * The query keys to invalidate for the kinds a write changed. Keys are prefixes, so every
 * listing, search and item goes stale with `items`. Stats count every kind, so any change makes
 * them stale too.
 */
export function keysToInvalidate(kinds: readonly EntityKind[]): HostQueryKey[] {
  if (kinds.length === 0) return [];
  const keys = new Map<string, HostQueryKey>();
  for (const kind of kinds) {
    for (const shown of [kind, ...ALSO_SHOWN_IN[kind]]) {
      const key = shown === 'stats' ? queryKeys.stats : [shown];
      keys.set(key.join('/'), key);
    }
  }
  keys.set(queryKeys.stats.join('/'), queryKeys.stats);
  return [...keys.values()];
}
