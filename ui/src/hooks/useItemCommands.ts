// The item area's commands that report back in a notice: move to Trash (with Undo), restore,
// empty the Trash, undo, reorder a collection.
import { useCallback } from 'react';
import { useNotify, useReportError } from '../app/notices';
import { useT } from '../i18n/I18nProvider';
import { moveItems, orderChanged } from '../lib/reorder';
import { EMPTY_SELECTION, type Selection } from '../lib/selection';
import { useHostActions } from './useHostActions';
import type { ListingAccess } from './useListing';
import type { SetSelection } from './useSelectionState';

export function useItemCommands(access: ListingAccess, selection: Selection, setSelection: SetSelection) {
  const t = useT();
  const actions = useHostActions();
  const notify = useNotify();
  const reportError = useReportError();

  const undo = useCallback(() => {
    actions
      .undo()
      .then((undone) => {
        notify({ text: undone ? t('undo.done', { what: undone.description }) : t('undo.nothing') });
      })
      .catch(reportError);
  }, [actions, notify, reportError, t]);

  const trash = useCallback(
    (ids: number[]) => {
      if (ids.length === 0) return;
      actions
        .trashItems(ids)
        .then(() => {
          setSelection(EMPTY_SELECTION);
          notify({ text: t('trash.moved', { count: ids.length }), action: { label: t('undo.action'), run: undo } });
        })
        .catch(reportError);
    },
    [actions, notify, reportError, setSelection, t, undo],
  );

  const restore = useCallback(
    (ids: number[]) => {
      if (ids.length === 0) return;
      actions
        .restoreItems(ids)
        .then(() => {
          setSelection(EMPTY_SELECTION);
          notify({ text: t('trash.restored', { count: ids.length }), action: { label: t('undo.action'), run: undo } });
        })
        .catch(reportError);
    },
    [actions, notify, reportError, setSelection, t, undo],
  );

  const trashSelection = useCallback(() => {
    void access.selectedIds(selection).then(trash, reportError);
  }, [access, reportError, selection, trash]);

  const restoreSelection = useCallback(() => {
    void access.selectedIds(selection).then(restore, reportError);
  }, [access, reportError, restore, selection]);

  /** Resolves when the Trash is empty; a failure rejects, for the confirmation to show. */
  const emptyTrash = useCallback(async () => {
    const removed = await actions.emptyTrash();
    setSelection(EMPTY_SELECTION);
    notify({ text: t('trash.emptied', { count: removed }) });
  }, [actions, notify, setSelection, t]);

  /** Moves `moving` before row `before` of a collection, sending the host the complete order. */
  const reorder = useCallback(
    (collectionId: number, moving: number[], before: number) => {
      void access
        .loadRange(0, access.total ?? 0)
        .then((items) => {
          const order = items.map((item) => item.id);
          const next = moveItems(order, moving, before);
          return orderChanged(order, next) ? actions.reorderCollection(collectionId, next) : undefined;
        })
        .catch(reportError);
    },
    [access, actions, reportError],
  );

  return { undo, trash, restore, trashSelection, restoreSelection, emptyTrash, reorder };
}
