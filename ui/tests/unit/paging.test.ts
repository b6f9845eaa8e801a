// The list draws only the rows on screen (plus a margin) and asks the host only for their pages.
import { describe, expect, it } from 'vitest';
import { gridColumns, gridItems, pagesFor, scrollToReveal, visibleRows } from '../../src/lib/paging';

describe('visibleRows', () => {
  it('draws the rows in the viewport and the overscan on each side', () => {
    expect(visibleRows({ scrollTop: 3200, viewportHeight: 640, rowHeight: 32, rowCount: 200_000, overscan: 5 })).toEqual({
      start: 95,
      end: 125,
    });
  });

  it('stops at the top and at the end of the list', () => {
    expect(visibleRows({ scrollTop: 0, viewportHeight: 320, rowHeight: 32, rowCount: 1000, overscan: 8 })).toEqual({ start: 0, end: 18 });
    const atEnd = visibleRows({ scrollTop: 32 * 199_990, viewportHeight: 320, rowHeight: 32, rowCount: 200_000, overscan: 8 });
    expect(atEnd).toEqual({ start: 199_982, end: 200_000 });
  });

  it('draws a window of the same size wherever the list is scrolled', () => {
    const size = (scrollTop: number) => {
      const { start, end } = visibleRows({ scrollTop, viewportHeight: 800, rowHeight: 32, rowCount: 200_000 });
      return end - start;
    };
    expect(new Set([size(0 + 32 * 8), size(32 * 50_000), size(32 * 150_000)]).size).toBe(1);
  });

  it('draws nothing for an empty list or a list that is not laid out yet', () => {
    expect(visibleRows({ scrollTop: 0, viewportHeight: 500, rowHeight: 32, rowCount: 0 })).toEqual({ start: 0, end: 0 });
    expect(visibleRows({ scrollTop: 0, viewportHeight: 500, rowHeight: 0, rowCount: 10 })).toEqual({ start: 0, end: 0 });
  });

  it('keeps a scroll position past the end (while the list shrinks) inside the list', () => {
    expect(visibleRows({ scrollTop: 32 * 500, viewportHeight: 320, rowHeight: 32, rowCount: 100, overscan: 2 })).toEqual({
      start: 97,
      end: 100,
    });
  });
});

describe('pagesFor', () => {
  it('names each page that holds a drawn row, once', () => {
    expect(pagesFor(95, 125, 100)).toEqual([0, 1]);
    expect(pagesFor(0, 100, 100)).toEqual([0]);
    expect(pagesFor(199_982, 200_000, 100)).toEqual([1999]);
  });

  it('names no page for an empty window', () => {
    expect(pagesFor(10, 10, 100)).toEqual([]);
  });
});

describe('grid layout', () => {
  it('fits as many cells across as the width allows, at least one', () => {
    expect(gridColumns(1000, 180)).toBe(5);
    expect(gridColumns(100, 180)).toBe(1);
    expect(gridColumns(0, 180)).toBe(1);
  });

  it('turns a window of grid rows into the items they show', () => {
    expect(gridItems({ start: 2, end: 5 }, 4, 100)).toEqual({ start: 8, end: 20 });
    expect(gridItems({ start: 24, end: 26 }, 4, 98)).toEqual({ start: 96, end: 98 });
  });
});

describe('scrollToReveal', () => {
  it('scrolls up to a row above the viewport and down to one below it', () => {
    expect(scrollToReveal(2, 32, 320, 320)).toBe(64);
    expect(scrollToReveal(30, 32, 320, 320)).toBe(31 * 32 - 320);
  });

  it('leaves the scroll alone for a row in view', () => {
    expect(scrollToReveal(12, 32, 320, 320)).toBeNull();
  });
});
