// Scopes (what a listing shows) as keys, and the order each one opens in.
import type { Scope } from '../bindings/Scope';
import type { SortKey } from '../bindings/SortKey';

export type SortOrder = { sort: SortKey; descending: boolean };

/** A stable string for a scope, for query keys and comparisons. */
export function scopeKey(scope: Scope): string {
  switch (scope.kind) {
    case 'collection':
      return `collection:${String(scope.id)}`;
    case 'tag':
      return `tag:${scope.name}`;
    default:
      return scope.kind;
  }
}

export function sameScope(a: Scope, b: Scope): boolean {
  return scopeKey(a) === scopeKey(b);
}

/** A collection opens in its own order, the Trash latest deletion first, the rest newest import first. */
export function defaultOrder(scope: Scope): SortOrder {
  if (scope.kind === 'collection') return { sort: 'position', descending: false };
  if (scope.kind === 'trash') return { sort: 'deleted', descending: true };
  return { sort: 'imported', descending: true };
}

/**
 * The order to keep when moving to `scope`: a collection's own order and the Trash's deletion
 * order mean nothing elsewhere, and the Trash and collections open in their own order.
 */
export function orderFor(scope: Scope, current: SortOrder): SortOrder {
  if (scope.kind === 'collection' || scope.kind === 'trash') return defaultOrder(scope);
  return current.sort === 'position' || current.sort === 'deleted' ? defaultOrder(scope) : current;
}

/** Clicking a column: sort by it, or flip the direction if it already sorts the list. */
export function nextOrder(current: SortOrder, clicked: SortKey): SortOrder {
  if (current.sort === clicked) return { sort: clicked, descending: !current.descending };
  // Dates and imports read newest first, ratings most stars first; text A to Z.
  return { sort: clicked, descending: clicked === 'date' || clicked === 'imported' || clicked === 'rating' };
}
