// A `folio://changed` event makes stale the queries of the kinds it names, and the stats.
import { describe, expect, it } from 'vitest';
import { keysToInvalidate, queryKeys } from '../../src/lib/queryKeys';

describe('keysToInvalidate', () => {
  it('refreshes stats when stats changed', () => {
    expect(keysToInvalidate(['stats'])).toEqual([queryKeys.stats]);
  });

  it('refreshes the kind that changed and the stats that count it', () => {
    expect(keysToInvalidate(['items'])).toEqual([['items'], queryKeys.stats]);
  });

  it('names each key once for a batch of kinds', () => {
    expect(keysToInvalidate(['tags', 'stats', 'collections', 'tags'])).toEqual([
      ['tags'],
      queryKeys.stats,
      ['collections'],
    ]);
  });

  it('refreshes nothing for an empty batch', () => {
    expect(keysToInvalidate([])).toEqual([]);
  });
});

describe('item list keys', () => {
  it('start with the items kind, so a change to items makes every list stale', () => {
    const [itemsKey] = keysToInvalidate(['items']);
    for (const kind of [null, 'article', 'photo'] as const) {
      expect(queryKeys.itemList(kind, 500).slice(0, itemsKey?.length)).toEqual(itemsKey);
    }
  });

  it('differ by kind and limit', () => {
    expect(queryKeys.itemList(null, 500)).not.toEqual(queryKeys.itemList('photo', 500));
    expect(queryKeys.itemList('photo', 500)).not.toEqual(queryKeys.itemList('photo', 50));
  });
});
