// Host data the sidebar, inspector and toolbar show: tags, collections, saved searches, ingest
// templates, one item and its history.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CollectionSummary } from '../bindings/CollectionSummary';
import type { HistoryEntry } from '../bindings/HistoryEntry';
import type { ItemView } from '../bindings/ItemView';
import type { SavedSearch } from '../bindings/SavedSearch';
import type { TagCount } from '../bindings/TagCount';
import type { Template } from '../bindings/Template';
import { queryKeys } from '../lib/queryKeys';
import { itemHistory, listCollections, listSavedSearches, listTags, listTemplates, showItem } from '../platform/host';

export function useTags(enabled = true) {
  return useQuery<TagCount[]>({ queryKey: queryKeys.tags, queryFn: listTags, enabled });
}

export function useCollections(enabled = true) {
  return useQuery<CollectionSummary[]>({ queryKey: queryKeys.collections, queryFn: listCollections, enabled });
}

export function useSavedSearches(enabled = true) {
  return useQuery<SavedSearch[]>({ queryKey: queryKeys.savedSearches, queryFn: listSavedSearches, enabled });
}

/** Templates are saved from the command line, which the window does not hear: asked again often. */
export function useTemplates(enabled = true) {
  return useQuery<Template[]>({ queryKey: queryKeys.templates, queryFn: listTemplates, enabled, staleTime: 0 });
}

/**
 * Everything about one item; nothing is asked while `id` is null. With `keepPrevious`, the last
 * item stays until the next has come (stepping through photos without a blank in between).
 */
export function useItem(id: number | null, keepPrevious = false) {
  return useQuery<ItemView>({
    queryKey: queryKeys.item(id ?? -1),
    queryFn: () => showItem(id ?? -1),
    enabled: id !== null,
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}

/** Every recorded change to one item, newest first. */
export function useItemHistory(id: number) {
  return useQuery<HistoryEntry[]>({
    queryKey: queryKeys.history(id),
    queryFn: async () => (await itemHistory(id)).reverse(),
  });
}
