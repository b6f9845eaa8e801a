// Query keys for host data, and which of them a `folio://changed` event makes stale.
import type { EntityKind } from '../bindings/EntityKind';
import type { ItemKindFilter } from './items';

export const queryKeys = {
  stats: ['stats'] as const,
  /** Every item list: the prefix of `itemList`. */
  items: ['items'] as const,
  itemList: (kind: ItemKindFilter, limit: number) => ['items', kind ?? 'all', String(limit)] as const,
};

export type HostQueryKey = readonly string[];

/**
 * The query keys to invalidate for the kinds a write changed. Keys are prefixes, so later
 * queries such as `['items', view]` go stale with their kind. Stats count every kind, so any
 * change makes them stale too.
 */
export function keysToInvalidate(kinds: readonly EntityKind[]): HostQueryKey[] {
  if (kinds.length === 0) return [];
  const keys = new Map<string, HostQueryKey>();
  for (const kind of kinds) {
    const key = kind === 'stats' ? queryKeys.stats : [kind];
    keys.set(key.join('/'), key);
  }
  keys.set(queryKeys.stats.join('/'), queryKeys.stats);
  return [...keys.values()];
}
