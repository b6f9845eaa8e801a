// What clicks, keys and drags do to the rows of the item area, the same in the list and the grid:
// click, Shift+click, Ctrl/Cmd+click, arrows, Home/End, Page Up/Down, Space, Enter, Ctrl/Cmd+A,
// Delete; dragging rows out (to a collection, tag or figure) and, in a collection, between rows.
import { useCallback, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import type { ItemSummary } from '../bindings/ItemSummary';
import { useDrag, useDropTarget } from '../app/drag';
import { useT } from '../i18n/I18nProvider';
import type { Listing, Row } from '../lib/listing';
import {
  isSelected,
  moveCursor,
  rangeBounds,
  selectAll,
  selectOnly,
  selectRange,
  toggle,
  EMPTY_SELECTION,
  type Selection,
} from '../lib/selection';
import type { ListingAccess } from './useListing';
import type { SetSelection } from './useSelectionState';

export type InteractionOptions = {
  listing: Listing;
  access: ListingAccess;
  selection: Selection;
  setSelection: SetSelection;
  onOpen: (item: ItemSummary, index: number) => void;
  /** The Delete key; absent where it means nothing (the Trash). */
  onDelete?: () => void;
  /** Moves `ids` before row `before`; only in a collection shown in its own order. */
  onReorder?: (ids: number[], before: number) => void;
  /** Escape in the list: true when it closed something (the reader), else the selection clears. */
  onEscape?: () => boolean;
};

/** What a view tells the keyboard handler about its layout. */
export type KeyContext = {
  total: number;
  rowAt: (index: number) => Row | undefined;
  /** Items per line: 1 in the list, the column count in the grid. */
  columns: number;
  /** Items one Page Up/Down moves over. */
  pageItems: number;
  reveal: (index: number) => void;
};

const isMac = () => /Mac|iPhone|iPad/.test(navigator.userAgent);
/** Ctrl on Windows and Linux, Cmd on macOS. */
export const commandKey = (event: { ctrlKey: boolean; metaKey: boolean }) => (isMac() ? event.metaKey : event.ctrlKey);

export function useItemInteractions(options: InteractionOptions) {
  const { listing, access, selection, setSelection, onOpen, onDelete, onReorder, onEscape } = options;
  const t = useT();
  const drag = useDrag();
  const source = `list:${listing.key.join('/')}`;

  /** Shift: select from the anchor to `index`, loading rows between that are not loaded. */
  const extendTo = useCallback(
    (index: number, additive: boolean) => {
      const [start, end] = rangeBounds(selection, index);
      void access.loadRange(start, end).then((items) => {
        setSelection((current) => selectRange(current, index, items, additive));
      });
    },
    [access, selection, setSelection],
  );

  const onRowClick = useCallback(
    (event: MouseEvent, index: number, item: ItemSummary) => {
      if (event.shiftKey) extendTo(index, commandKey(event));
      else if (commandKey(event)) setSelection((current) => toggle(current, index, item));
      else setSelection(selectOnly(index, item));
    },
    [extendTo, setSelection],
  );

  const onRowDoubleClick = useCallback(
    (index: number, item: ItemSummary) => {
      setSelection(selectOnly(index, item));
      onOpen(item, index);
    },
    [onOpen, setSelection],
  );

  const onRowPointerDown = useCallback(
    (event: PointerEvent, index: number, item: ItemSummary) => {
      if (event.shiftKey || commandKey(event)) return;
      drag.arm(event, () => {
        if (isSelected(selection, item.id)) {
          const count = access.selectedCount(selection);
          const kinds = selection.all ? [] : [...selection.items.values()].map((selected) => selected.kind);
          return { label: t('items.dragLabel', { count }), ids: () => access.selectedIds(selection), kinds, source };
        }
        // Dragging an unselected row drags it alone, and selects it, as file managers do.
        setSelection(selectOnly(index, item));
        return { label: t('items.dragLabel', { count: 1 }), ids: () => Promise.resolve([item.id]), kinds: [item.kind], source };
      });
    },
    [access, drag, selection, setSelection, source, t],
  );

  useDropTarget('row', {
    between: true,
    accepts: (payload) => onReorder !== undefined && payload.source === source,
    drop: ({ payload, id, position }) => {
      const before = Number(id) + (position === 'after' ? 1 : 0);
      void payload.ids().then((ids) => onReorder?.(ids, before));
    },
  });

  const onKeyDown = useCallback(
    (event: KeyboardEvent, context: KeyContext) => {
      // Keys typed into controls inside the view (sort buttons) are theirs.
      if (event.target !== event.currentTarget) return;
      const { total, rowAt, columns, pageItems, reveal } = context;
      if (total === 0) return;
      const cursor = selection.cursor ?? -1;
      const go = (to: number) => {
        event.preventDefault();
        const index = Math.max(0, Math.min(total - 1, to));
        reveal(index);
        if (event.shiftKey) {
          extendTo(index, commandKey(event));
          return;
        }
        if (commandKey(event)) {
          setSelection((current) => moveCursor(current, index));
          return;
        }
        const row = rowAt(index);
        if (row) {
          setSelection(selectOnly(index, row.item));
        } else {
          // Not loaded yet (End on a long list): select it once it has come.
          setSelection((current) => moveCursor(current, index));
          void access.loadRange(index, index + 1).then(([item]) => {
            if (item) setSelection(selectOnly(index, item));
          });
        }
      };
      const key = event.key;
      if (key === 'ArrowDown') go(cursor < 0 ? 0 : cursor + columns);
      else if (key === 'ArrowUp') go(cursor < 0 ? 0 : cursor - columns);
      else if (key === 'ArrowRight' && columns > 1) go(cursor + 1);
      else if (key === 'ArrowLeft' && columns > 1) go(cursor - 1);
      else if (key === 'Home') go(0);
      else if (key === 'End') go(total - 1);
      else if (key === 'PageDown') go(cursor + pageItems);
      else if (key === 'PageUp') go(cursor - pageItems);
      else if (key === ' ' && cursor >= 0) {
        event.preventDefault();
        const row = rowAt(cursor);
        if (row) setSelection((current) => (commandKey(event) ? toggle(current, cursor, row.item) : selectOnly(cursor, row.item)));
      } else if (key === 'Enter' && cursor >= 0) {
        event.preventDefault();
        const row = rowAt(cursor);
        if (row) onOpen(row.item, cursor);
      } else if ((key === 'a' || key === 'A') && commandKey(event) && !event.altKey) {
        event.preventDefault();
        setSelection(selectAll);
      } else if ((key === 'Delete' || (key === 'Backspace' && commandKey(event))) && onDelete) {
        event.preventDefault();
        onDelete();
      } else if (key === 'Escape') {
        if (onEscape?.()) {
          event.preventDefault();
        } else if (selection.all || selection.items.size > 0) {
          event.preventDefault();
          setSelection({ ...EMPTY_SELECTION, cursor: selection.cursor, anchor: selection.anchor });
        }
      }
    },
    [access, extendTo, onDelete, onEscape, onOpen, selection, setSelection],
  );

  return { onRowClick, onRowDoubleClick, onRowPointerDown, onKeyDown, reorderable: onReorder !== undefined };
}

export type ItemInteractions = ReturnType<typeof useItemInteractions>;
