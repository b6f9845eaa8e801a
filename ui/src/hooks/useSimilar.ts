// Near-duplicates from the host: the items alike one item, and every group of alike items.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DuplicatesReport } from '../bindings/DuplicatesReport';
import type { SimilarReport } from '../bindings/SimilarReport';
import type { Thresholds } from '../bindings/Thresholds';
import { queryKeys } from '../lib/queryKeys';
import { findDuplicates, similarItems } from '../platform/host';

/** The thresholds the host uses unless told otherwise (folio-core's defaults). */
export const DEFAULT_THRESHOLDS: Thresholds = { photo_bits: 10, text_percent: 50 };
/** The slider's range: beyond it unrelated photos start to match. */
export const MAX_PHOTO_BITS = 20;

export function useSimilar(id: number, thresholds: Thresholds = DEFAULT_THRESHOLDS) {
  return useQuery<SimilarReport>({
    queryKey: queryKeys.similar(id, thresholds.photo_bits),
    queryFn: () => similarItems(id, thresholds),
  });
}

/** Keeps the last groups on screen while the slider asks for the next. */
export function useDuplicates(thresholds: Thresholds) {
  return useQuery<DuplicatesReport>({
    queryKey: queryKeys.duplicates(thresholds.photo_bits),
    queryFn: () => findDuplicates(thresholds),
    placeholderData: keepPreviousData,
  });
}
