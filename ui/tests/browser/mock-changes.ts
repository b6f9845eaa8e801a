// What a mock write changed, built where the write happens, as the core builds its `ChangeSet`:
// the items touched (sorted, each once, left out when none), then the lists that show or count them.
import type { Change } from '../../src/bindings/Change';
import type { ChangeSet } from '../../src/bindings/ChangeSet';
import type { Written } from '../../src/bindings/Written';

/** The kinds of change that name no items. */
export type ListKind = Exclude<Change['kind'], 'items'>;

/** What a write that changed nothing reports. */
export const NOTHING_CHANGED: ChangeSet = { changes: [] };

/** These items changed, and with them these lists. */
export function changeSet(itemIds: Iterable<number>, ...lists: ListKind[]): ChangeSet {
  const ids = [...new Set(itemIds)].sort((a, b) => a - b);
  const changes: Change[] = ids.length > 0 ? [{ kind: 'items', ids }] : [];
  for (const kind of new Set(lists)) changes.push({ kind });
  return { changes };
}

/** Items changed, and the lists with them; nothing at all when no item changed. */
export function itemsChanged(itemIds: readonly number[], ...lists: ListKind[]): ChangeSet {
  return itemIds.length === 0 ? NOTHING_CHANGED : changeSet(itemIds, ...lists);
}

export function written<T>(value: T, changes: ChangeSet): Written<T> {
  return { value, changes };
}
