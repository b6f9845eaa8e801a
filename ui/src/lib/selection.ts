// The selection model of the item list: plain click, Ctrl/Cmd toggle, Shift range, select all.
//
// Rows are addressed by index in the current listing (for ranges and the keyboard cursor) and
// items by id (what is selected). "Select all" is kept symbolic, so selecting 200,000 items
// costs nothing until an action needs their ids.
import type { ItemSummary } from '../bindings/ItemSummary';

export type Selection = {
  /** Every item of the listing is selected, except `except`. */
  readonly all: boolean;
  readonly except: ReadonlySet<number>;
  /** The selected items, with the summary each was selected from (when not `all`). */
  readonly items: ReadonlyMap<number, ItemSummary>;
  /** Where a Shift range starts. */
  readonly anchor: number | null;
  /** The row the keyboard is on. */
  readonly cursor: number | null;
};

export const EMPTY_SELECTION: Selection = { all: false, except: new Set(), items: new Map(), anchor: null, cursor: null };

export function isSelected(selection: Selection, id: number): boolean {
  return selection.all ? !selection.except.has(id) : selection.items.has(id);
}

export function selectedCount(selection: Selection, total: number): number {
  return selection.all ? Math.max(0, total - selection.except.size) : selection.items.size;
}

/** A plain click: this item alone. */
export function selectOnly(index: number, item: ItemSummary): Selection {
  return { all: false, except: new Set(), items: new Map([[item.id, item]]), anchor: index, cursor: index };
}

/** Ctrl/Cmd+click: this item in or out, the rest as they were. */
export function toggle(selection: Selection, index: number, item: ItemSummary): Selection {
  if (selection.all) {
    const except = new Set(selection.except);
    if (except.has(item.id)) except.delete(item.id);
    else except.add(item.id);
    return { ...selection, except, anchor: index, cursor: index };
  }
  const items = new Map(selection.items);
  if (items.has(item.id)) items.delete(item.id);
  else items.set(item.id, item);
  return { ...selection, items, anchor: index, cursor: index };
}

/**
 * Shift+click or Shift+arrow: the rows from the anchor to `index` (`rows`, in order). With
 * `additive` (Ctrl/Cmd+Shift) they join what was selected; otherwise they replace it.
 */
export function selectRange(selection: Selection, index: number, rows: readonly ItemSummary[], additive: boolean): Selection {
  const items = new Map(additive && !selection.all ? selection.items : []);
  for (const row of rows) items.set(row.id, row);
  return { all: false, except: new Set(), items, anchor: selection.anchor ?? index, cursor: index };
}

/** The rows a Shift range covers, as `[start, end)`, from the anchor (or `index` alone) to `index`. */
export function rangeBounds(selection: Selection, index: number): [number, number] {
  const anchor = selection.anchor ?? index;
  return [Math.min(anchor, index), Math.max(anchor, index) + 1];
}

export function selectAll(selection: Selection): Selection {
  return { ...selection, all: true, except: new Set(), items: new Map() };
}

/** Moves the keyboard cursor without changing what is selected (Ctrl/Cmd+arrow). */
export function moveCursor(selection: Selection, index: number): Selection {
  return { ...selection, cursor: index };
}

/** The ids selected among `rows` (for "all", the ones not excepted). */
export function selectedAmong(selection: Selection, rows: readonly ItemSummary[]): number[] {
  return rows.filter((row) => isSelected(selection, row.id)).map((row) => row.id);
}
