// Loads the newest items of a kind from the host through TanStack Query.
import { useQuery } from '@tanstack/react-query';
import type { ItemSummary } from '../bindings/ItemSummary';
import type { WireError } from '../bindings/WireError';
import { ITEM_LIMIT, type ItemKindFilter } from '../lib/items';
import { queryKeys } from '../lib/queryKeys';
import { listItems } from '../platform/host';

export function useItems(kind: ItemKindFilter, enabled: boolean) {
  return useQuery<ItemSummary[], WireError>({
    queryKey: queryKeys.itemList(kind, ITEM_LIMIT),
    queryFn: () => listItems(kind, ITEM_LIMIT),
    enabled,
  });
}
