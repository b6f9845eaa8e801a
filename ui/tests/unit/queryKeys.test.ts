// A `folio://changed` event makes stale the queries of the kinds it names, what shows them, and the stats.
import { describe, expect, it } from 'vitest';
import { keysToInvalidate, queryKeys } from '../../src/lib/queryKeys';

describe('keysToInvalidate', () => {
  it('refreshes stats when stats changed', () => {
    expect(keysToInvalidate(['stats'])).toEqual([queryKeys.stats]);
  });

  it('refreshes the kind that changed and the stats that count it', () => {
    expect(keysToInvalidate(['items'])).toEqual([['items'], queryKeys.stats]);
    expect(keysToInvalidate(['saved_searches'])).toEqual([['saved_searches'], queryKeys.stats]);
  });

  it('refreshes items when tags or collections change, as rows and item views show them', () => {
    expect(keysToInvalidate(['tags'])).toEqual([['tags'], ['items'], queryKeys.stats]);
    expect(keysToInvalidate(['collections'])).toEqual([['collections'], ['items'], queryKeys.stats]);
  });

  it('names each key once for a batch of kinds', () => {
    expect(keysToInvalidate(['tags', 'stats', 'collections', 'tags', 'items'])).toEqual([
      ['tags'],
      ['items'],
      queryKeys.stats,
      ['collections'],
    ]);
  });

  it('refreshes nothing for an empty batch', () => {
    expect(keysToInvalidate([])).toEqual([]);
  });
});

describe('item keys', () => {
  it('start with the items kind, so a change to items makes every listing, search and item stale', () => {
    const [itemsKey] = keysToInvalidate(['items']);
    const keys = [
      queryKeys.listing({ kind: 'all' }, 'imported', true),
      queryKeys.page(queryKeys.listing({ kind: 'tag', name: 'Places' }, 'title', false), 3),
      queryKeys.search('kind:photo'),
      queryKeys.item(7),
    ];
    for (const key of keys) expect(key.slice(0, itemsKey?.length)).toEqual(itemsKey);
  });

  it('differ by scope, order, query and page', () => {
    const all = queryKeys.listing({ kind: 'all' }, 'imported', true);
    expect(all).not.toEqual(queryKeys.listing({ kind: 'photos' }, 'imported', true));
    expect(all).not.toEqual(queryKeys.listing({ kind: 'all' }, 'imported', false));
    expect(queryKeys.listing({ kind: 'collection', id: 1 }, 'position', false)).not.toEqual(
      queryKeys.listing({ kind: 'collection', id: 2 }, 'position', false),
    );
    expect(queryKeys.page(all, 0)).not.toEqual(queryKeys.page(all, 1));
    expect(queryKeys.search('a')).not.toEqual(queryKeys.search('b'));
  });
});
