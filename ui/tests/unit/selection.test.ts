// Selecting items as a file manager does: click, Ctrl/Cmd+click, Shift+click, select all.
import { describe, expect, it } from 'vitest';
import type { ItemSummary } from '../../src/bindings/ItemSummary';
import {
  EMPTY_SELECTION,
  isSelected,
  moveCursor,
  rangeBounds,
  selectAll,
  selectedAmong,
  selectedCount,
  selectOnly,
  selectRange,
  toggle,
} from '../../src/lib/selection';

const row = (id: number): ItemSummary => ({
  id,
  kind: 'article',
  title: `Item ${String(id)}`,
  date: null,
  language: null,
  source_name: '',
  credit: '',
  tags: [],
  sha256: '',
  has_thumbnail: false,
  rating: 0,
  label: null,
  imported_at: '2024-01-01T00:00:00Z',
});
/** Row i holds item 100 + i. */
const rows = Array.from({ length: 10 }, (_, index) => row(100 + index));
const ids = (selection: typeof EMPTY_SELECTION) => [...selection.items.keys()].sort((a, b) => a - b);

describe('selection', () => {
  it('a click selects that item alone and sets the anchor and cursor', () => {
    const selection = selectOnly(3, row(103));
    expect(ids(selection)).toEqual([103]);
    expect([selection.anchor, selection.cursor]).toEqual([3, 3]);
  });

  it('Ctrl/Cmd+click adds an item, and a second one takes it out again', () => {
    let selection = selectOnly(1, row(101));
    selection = toggle(selection, 4, row(104));
    expect(ids(selection)).toEqual([101, 104]);
    selection = toggle(selection, 1, row(101));
    expect(ids(selection)).toEqual([104]);
    expect(selection.anchor).toBe(1);
  });

  it('Shift+click selects from the anchor to the row, either direction, replacing the rest', () => {
    let selection = toggle(selectOnly(5, row(105)), 9, row(109));
    selection = { ...selection, anchor: 5 };
    expect(rangeBounds(selection, 2)).toEqual([2, 6]);
    selection = selectRange(selection, 2, rows.slice(2, 6), false);
    expect(ids(selection)).toEqual([102, 103, 104, 105]);
    expect([selection.anchor, selection.cursor]).toEqual([5, 2]);
  });

  it('Ctrl/Cmd+Shift+click adds the range to what was selected', () => {
    const selection = selectRange({ ...selectOnly(0, row(100)), anchor: 5 }, 7, rows.slice(5, 8), true);
    expect(ids(selection)).toEqual([100, 105, 106, 107]);
  });

  it('a Shift range with no anchor starts at the row itself', () => {
    expect(rangeBounds(EMPTY_SELECTION, 4)).toEqual([4, 5]);
  });

  it('select all covers every item of the listing, even ones never loaded, and counts them', () => {
    const selection = selectAll(selectOnly(0, row(100)));
    expect(isSelected(selection, 100)).toBe(true);
    expect(isSelected(selection, 999_999)).toBe(true);
    expect(selectedCount(selection, 200_000)).toBe(200_000);
  });

  it('Ctrl/Cmd+click after select all leaves that item out', () => {
    const selection = toggle(selectAll(EMPTY_SELECTION), 3, row(103));
    expect(isSelected(selection, 103)).toBe(false);
    expect(selectedCount(selection, 10)).toBe(9);
    expect(selectedAmong(selection, rows.slice(2, 5))).toEqual([102, 104]);
  });

  it('moving the cursor alone keeps the selection', () => {
    const selection = moveCursor(selectOnly(2, row(102)), 6);
    expect(ids(selection)).toEqual([102]);
    expect(selection.cursor).toBe(6);
  });

  it('starts empty', () => {
    expect(selectedCount(EMPTY_SELECTION, 50)).toBe(0);
    expect(isSelected(EMPTY_SELECTION, 100)).toBe(false);
  });
});
