// Follows a scrolling element's position and size, giving the rows a virtualised view must draw.
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { scrollToReveal, visibleRows, type RowWindow } from '../lib/paging';

export type ScrollWindow = {
  window: RowWindow;
  /** The element's inner width, for grids. */
  width: number;
  viewportHeight: number;
  /** Scrolls just enough to show `row` whole. */
  reveal: (row: number) => void;
};

/**
 * `headerHeight` is the height of a sticky header above the rows inside the scrolling element:
 * rows hidden under it are not in view.
 */
export function useScrollWindow(
  ref: RefObject<HTMLElement | null>,
  rowHeight: number,
  /** Rows in the view; for a grid, a function of the width (the columns depend on it). */
  rowCount: number | ((width: number) => number),
  headerHeight = 0,
): ScrollWindow {
  const [metrics, setMetrics] = useState({ scrollTop: 0, viewportHeight: 0, width: 0 });
  const frame = useRef(0);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      frame.current = 0;
      setMetrics((current) => {
        const next = { scrollTop: element.scrollTop, viewportHeight: element.clientHeight, width: element.clientWidth };
        const same =
          next.scrollTop === current.scrollTop && next.viewportHeight === current.viewportHeight && next.width === current.width;
        return same ? current : next;
      });
    };
    // One measurement per frame, however fast the scroll events come.
    const onScroll = () => {
      if (frame.current === 0) frame.current = requestAnimationFrame(measure);
    };
    measure();
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(onScroll);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [ref]);

  const reveal = useCallback(
    (row: number) => {
      const element = ref.current;
      if (!element) return;
      const top = scrollToReveal(row, rowHeight, element.scrollTop, element.clientHeight - headerHeight);
      if (top !== null) element.scrollTop = top;
    },
    [ref, rowHeight, headerHeight],
  );

  const window = visibleRows({
    scrollTop: metrics.scrollTop,
    viewportHeight: metrics.viewportHeight - headerHeight,
    rowHeight,
    rowCount: typeof rowCount === 'function' ? rowCount(metrics.width) : rowCount,
  });
  return { window, width: metrics.width, viewportHeight: metrics.viewportHeight, reveal };
}
