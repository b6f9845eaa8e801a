// Every change the UI asks of the host, each refreshing what it makes stale as soon as it is done
// (the host's `folio://changed` follows too; refreshing twice costs little and never shows old data).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { EditRequest } from '../bindings/EditRequest';
import type { EntityKind } from '../bindings/EntityKind';
import type { TagRequest } from '../bindings/TagRequest';
import { keysToInvalidate } from '../lib/queryKeys';
import { toWireError } from '../lib/wireError';
import * as host from '../platform/host';

const ALL_KINDS: EntityKind[] = ['items', 'tags', 'collections', 'saved_searches', 'stats'];

export function useHostActions() {
  const queryClient = useQueryClient();

  /** Runs `call`, then marks `kinds` stale; a failure arrives as a `WireError`. */
  const perform = useCallback(
    async <T,>(kinds: EntityKind[], call: () => Promise<T>): Promise<T> => {
      try {
        return await call();
      } catch (error) {
        throw toWireError(error);
      } finally {
        // Even a failed write may have changed something before it stopped.
        for (const queryKey of keysToInvalidate(kinds)) void queryClient.invalidateQueries({ queryKey });
      }
    },
    [queryClient],
  );

  return useMemo(
    () => ({
      tagItems: (request: TagRequest) => perform(['items', 'tags'], () => host.tagItems(request)),
      renameTag: (from: string, to: string) => perform(['items', 'tags'], () => host.renameTag(from, to)),
      createCollection: (name: string) => perform(['collections'], () => host.createCollection(name)),
      renameCollection: (id: number, name: string) => perform(['collections'], () => host.renameCollection(id, name)),
      deleteCollection: (id: number) => perform(['collections'], () => host.deleteCollection(id)),
      addToCollection: (id: number, itemIds: number[]) =>
        perform(['collections', 'items'], () => host.addToCollection(id, itemIds)),
      removeFromCollection: (id: number, itemIds: number[]) =>
        perform(['collections', 'items'], () => host.removeFromCollection(id, itemIds)),
      reorderCollection: (id: number, itemIds: number[]) =>
        perform(['collections', 'items'], () => host.reorderCollection(id, itemIds)),
      saveSearch: (name: string, query: string) => perform(['saved_searches'], () => host.saveSearch(name, query)),
      deleteSavedSearch: (id: number) => perform(['saved_searches'], () => host.deleteSavedSearch(id)),
      trashItems: (ids: number[]) => perform(['items', 'tags', 'collections'], () => host.trashItems(ids)),
      restoreItems: (ids: number[]) => perform(['items', 'tags', 'collections'], () => host.restoreItems(ids)),
      emptyTrash: () => perform(['items', 'tags', 'collections'], () => host.emptyTrash()),
      updateItem: (request: EditRequest) => perform(['items'], () => host.updateItem(request)),
      linkFigure: (figureId: number, photoId: number | null) => perform(['items'], () => host.linkFigure(figureId, photoId)),
      // What an undo touches is the host's to know: refresh everything.
      undo: () => perform(ALL_KINDS, () => host.undo()),
    }),
    [perform],
  );
}

export type HostActions = ReturnType<typeof useHostActions>;
