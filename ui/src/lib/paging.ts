// Window math for virtualised lists and grids: which rows are on screen, which pages hold them.

/** Rows asked of the host at once; a page is also the unit the query cache keeps. */
export const PAGE_SIZE = 100;

/** Rows drawn above and below the visible ones, so a quick scroll shows no gap. */
export const OVERSCAN = 8;

export type RowWindow = {
  /** First row to draw. */
  start: number;
  /** One past the last row to draw. */
  end: number;
};

export type ScrollMetrics = {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  rowCount: number;
  overscan?: number;
};

/** The rows to draw for a scroll position: the visible ones and `overscan` on each side. */
export function visibleRows({ scrollTop, viewportHeight, rowHeight, rowCount, overscan = OVERSCAN }: ScrollMetrics): RowWindow {
  if (rowCount <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.min(rowCount - 1, Math.floor(top / rowHeight));
  const last = Math.min(rowCount, Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight));
  return { start: Math.max(0, first - overscan), end: Math.min(rowCount, Math.max(last, first + 1) + overscan) };
}

/** The page numbers that hold items `start` to `end - 1`. */
export function pagesFor(start: number, end: number, pageSize = PAGE_SIZE): number[] {
  if (end <= start) return [];
  const pages: number[] = [];
  for (let page = Math.floor(start / pageSize); page <= Math.floor((end - 1) / pageSize); page += 1) pages.push(page);
  return pages;
}

/** How many cells of at least `minCellWidth` fit across `width`. */
export function gridColumns(width: number, minCellWidth: number): number {
  if (!Number.isFinite(width) || width <= 0 || minCellWidth <= 0) return 1;
  return Math.max(1, Math.floor(width / minCellWidth));
}

/** The items a window of grid rows shows. */
export function gridItems(rows: RowWindow, columns: number, itemCount: number): RowWindow {
  return { start: Math.min(itemCount, rows.start * columns), end: Math.min(itemCount, rows.end * columns) };
}

/**
 * The scroll position that brings `row` fully into view, moving as little as possible; null when
 * it is in view already.
 */
export function scrollToReveal(row: number, rowHeight: number, scrollTop: number, viewportHeight: number): number | null {
  const top = row * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return null;
}
