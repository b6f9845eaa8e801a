// The item area's selection, cleared when the listing changes to other items (another scope or
// query) and kept, without its anchor and cursor, when only the order changes.
import { useCallback, useState } from 'react';
import { EMPTY_SELECTION, type Selection } from '../lib/selection';

type Stored = { itemsKey: string; orderKey: string; selection: Selection };
export type SetSelection = (update: Selection | ((current: Selection) => Selection)) => void;

function current(stored: Stored, itemsKey: string, orderKey: string): Selection {
  if (stored.itemsKey !== itemsKey) return EMPTY_SELECTION;
  if (stored.orderKey !== orderKey) return { ...stored.selection, anchor: null, cursor: null };
  return stored.selection;
}

/** `itemsKey` names which items are listed, `orderKey` their order. */
export function useSelectionState(itemsKey: string, orderKey: string): [Selection, SetSelection] {
  const [stored, setStored] = useState<Stored>({ itemsKey, orderKey, selection: EMPTY_SELECTION });
  const selection = current(stored, itemsKey, orderKey);
  const setSelection = useCallback<SetSelection>(
    (update) => {
      setStored((previous) => {
        const base = current(previous, itemsKey, orderKey);
        return { itemsKey, orderKey, selection: typeof update === 'function' ? update(base) : update };
      });
    },
    [itemsKey, orderKey],
  );
  return [selection, setSelection];
}
