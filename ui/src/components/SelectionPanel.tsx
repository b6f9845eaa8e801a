// The inspector's top panel for what is selected: one item's details, or what can be done to
// several at once; nothing when nothing is selected.
import type { ListingAccess } from '../hooks/useListing';
import type { ItemSummary } from '../bindings/ItemSummary';
import type { Selection } from '../lib/selection';
import { BatchPanel } from './BatchPanel';
import { ItemDetails } from './ItemDetails';

type Props = {
  selection: Selection;
  access: ListingAccess;
  /** The freshest summary of a loaded row, so tags shown follow edits. */
  loadedSummary: (id: number) => ItemSummary | undefined;
  inTrash: boolean;
  onOpen: (id: number) => void;
  onTrash: () => void;
  onRestoreSelection: () => void;
  onRestore: (ids: number[]) => void;
};

/** Null when nothing is selected, so the inspector can show its hint. */
export function selectionPanel(props: Props) {
  const { selection, access, loadedSummary, inTrash, onOpen, onTrash, onRestoreSelection, onRestore } = props;
  const count = access.selectedCount(selection);
  if (selection.all || count > 1) {
    return (
      <BatchPanel
        count={count}
        known={[...selection.items.values()].map((item) => loadedSummary(item.id) ?? item)}
        ids={() => access.selectedIds(selection)}
        inTrash={inTrash}
        onTrash={onTrash}
        onRestore={onRestoreSelection}
      />
    );
  }
  const [id] = [...selection.items.keys()];
  if (id === undefined) return null;
  return <ItemDetails key={id} id={id} onOpen={onOpen} onRestore={onRestore} />;
}
