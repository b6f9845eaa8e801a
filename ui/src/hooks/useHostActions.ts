// Every change the UI asks of the host, each refreshing exactly what the host says it changed as
// soon as it is done (the host's `folio://changed` follows too; refreshing twice costs little and
// never shows old data).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { EditRequest } from '../bindings/EditRequest';
import type { EntityKind } from '../bindings/EntityKind';
import type { ImportRequest } from '../bindings/ImportRequest';
import type { LabelRequest } from '../bindings/LabelRequest';
import type { MergeRequest } from '../bindings/MergeRequest';
import type { RateRequest } from '../bindings/RateRequest';
import type { TagRequest } from '../bindings/TagRequest';
import type { Written } from '../bindings/Written';
import { EVERY_KIND, keysToInvalidate, kindsOf } from '../lib/queryKeys';
import { toWireError } from '../lib/wireError';
import * as host from '../platform/host';

/** What a failed write may have changed: nothing (it rolled back), or anything (an import may
 * have committed batches before it stopped, and says nothing of them). */
type OnFailure = 'changed-nothing' | 'may-have-changed-anything';

export function useHostActions() {
  const queryClient = useQueryClient();

  const refresh = useCallback(
    (kinds: readonly EntityKind[]) => {
      for (const queryKey of keysToInvalidate(kinds)) void queryClient.invalidateQueries({ queryKey });
    },
    [queryClient],
  );

  /** Runs `call`, marks stale what it changed and resolves with its value; a failure arrives as a `WireError`. */
  const perform = useCallback(
    async <T,>(call: () => Promise<Written<T>>, onFailure: OnFailure = 'changed-nothing'): Promise<T> => {
      let written: Written<T>;
      try {
        written = await call();
      } catch (error) {
        if (onFailure === 'may-have-changed-anything') refresh(EVERY_KIND);
        throw toWireError(error);
      }
      refresh(kindsOf(written.changes));
      return written.value;
    },
    [refresh],
  );

  return useMemo(
    () => ({
      importPaths: (request: ImportRequest) => perform(() => host.importPaths(request), 'may-have-changed-anything'),
      importLinks: (links: string[]) => perform(() => host.importLinks(links), 'may-have-changed-anything'),
      tagItems: (request: TagRequest) => perform(() => host.tagItems(request)),
      rateItems: (request: RateRequest) => perform(() => host.rateItems(request)),
      labelItems: (request: LabelRequest) => perform(() => host.labelItems(request)),
      renameTag: (from: string, to: string) => perform(() => host.renameTag(from, to)),
      createCollection: (name: string) => perform(() => host.createCollection(name)),
      renameCollection: (id: number, name: string) => perform(() => host.renameCollection(id, name)),
      deleteCollection: (id: number) => perform(() => host.deleteCollection(id)),
      addToCollection: (id: number, itemIds: number[]) => perform(() => host.addToCollection(id, itemIds)),
      removeFromCollection: (id: number, itemIds: number[]) => perform(() => host.removeFromCollection(id, itemIds)),
      reorderCollection: (id: number, itemIds: number[]) => perform(() => host.reorderCollection(id, itemIds)),
      saveSearch: (name: string, query: string) => perform(() => host.saveSearch(name, query)),
      deleteSavedSearch: (id: number) => perform(() => host.deleteSavedSearch(id)),
      trashItems: (ids: number[]) => perform(() => host.trashItems(ids)),
      restoreItems: (ids: number[]) => perform(() => host.restoreItems(ids)),
      emptyTrash: () => perform(() => host.emptyTrash()),
      updateItem: (request: EditRequest) => perform(() => host.updateItem(request)),
      linkFigure: (figureId: number, photoId: number | null) => perform(() => host.linkFigure(figureId, photoId)),
      undo: () => perform(() => host.undo()),
      mergeItems: (request: MergeRequest) => perform(() => host.mergeItems(request)),
    }),
    [perform],
  );
}

export type HostActions = ReturnType<typeof useHostActions>;
