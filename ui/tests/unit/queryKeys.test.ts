// A write's change set makes stale the queries of the kinds it names, what shows them, and the stats.
import { describe, expect, it } from 'vitest';
import { EVERY_KIND, keysToInvalidate, kindsOf, queryKeys } from '../../src/lib/queryKeys';

describe('kindsOf', () => {
  it('names the kind of each change, items whatever their ids', () => {
    expect(kindsOf({ changes: [{ kind: 'items', ids: [4, 9] }, { kind: 'tags' }, { kind: 'stats' }] })).toEqual([
      'items',
      'tags',
      'stats',
    ]);
  });

  it('names each kind once, in the order it first appears', () => {
    expect(
      kindsOf({
        changes: [{ kind: 'collections' }, { kind: 'items', ids: [1] }, { kind: 'collections' }, { kind: 'items', ids: [2] }],
      }),
    ).toEqual(['collections', 'items']);
  });

  it('names nothing for a write that changed nothing, so it refreshes nothing', () => {
    expect(kindsOf({ changes: [] })).toEqual([]);
    expect(keysToInvalidate(kindsOf({ changes: [] }))).toEqual([]);
  });

  it('leads from a change set to the keys to refresh', () => {
    const tagged = { changes: [{ kind: 'items' as const, ids: [3] }, { kind: 'tags' as const }, { kind: 'stats' as const }] };
    expect(keysToInvalidate(kindsOf(tagged))).toEqual([['items'], ['tags'], queryKeys.stats]);
  });
});

describe('EVERY_KIND', () => {
  it('refreshes every host query when the host cannot say what changed', () => {
    expect([...EVERY_KIND].sort()).toEqual(['collections', 'items', 'saved_searches', 'stats', 'tags', 'templates']);
    const keys = keysToInvalidate(EVERY_KIND).map((key) => key.join('/'));
    expect(keys.sort()).toEqual(['collections', 'items', 'saved_searches', 'stats', 'tags', 'templates']);
  });
});

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
