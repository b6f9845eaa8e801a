// The mock host's orders for listings: ascending by a sort key, missing values last, ties by import.
import type { SortKey } from '../../src/bindings/SortKey';
import { summaryOf, type MockItem } from './mock-item';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

type Compare = (a: MockItem, b: MockItem) => number;

/** Ascending order by a sort key; ties keep the newest first, so pages never shuffle. */
export function comparator(sort: Exclude<SortKey, 'position'>): Compare {
  const tie: Compare = (a, b) => a.imported_at.localeCompare(b.imported_at) || a.id - b.id;
  const text = (read: (item: MockItem) => string | null): Compare => (a, b) => {
    const x = read(a);
    const y = read(b);
    // Missing values go last in an ascending order.
    if (x === null || x === '') return y === null || y === '' ? tie(a, b) : 1;
    if (y === null || y === '') return -1;
    return collator.compare(x, y) || tie(a, b);
  };
  switch (sort) {
    case 'title':
      return text((item) => item.title);
    case 'date':
      return (a, b) => {
        if (a.date === null) return b.date === null ? tie(a, b) : 1;
        if (b.date === null) return -1;
        return a.date.localeCompare(b.date) || tie(a, b);
      };
    case 'kind':
      return text((item) => item.kind);
    case 'language':
      return text((item) => item.language);
    case 'credit':
      return text((item) => summaryOf(item).credit);
    case 'imported':
      return tie;
    case 'rating':
      return (a, b) => a.rating - b.rating || tie(a, b);
    case 'deleted':
      return (a, b) => a.deletedAt - b.deletedAt || tie(a, b);
  }
}
