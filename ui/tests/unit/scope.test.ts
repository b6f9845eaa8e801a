// Each view opens in a sensible order; clicking a column sorts by it, clicking again reverses.
import { describe, expect, it } from 'vitest';
import { defaultOrder, nextOrder, orderFor, sameScope, scopeKey } from '../../src/lib/scope';

describe('orders', () => {
  it('opens a collection in its own order, the Trash latest deletion first, the rest newest import first', () => {
    expect(defaultOrder({ kind: 'collection', id: 4 })).toEqual({ sort: 'position', descending: false });
    expect(defaultOrder({ kind: 'trash' })).toEqual({ sort: 'deleted', descending: true });
  });

  it('keeps a chosen column order across views, but never a collection order outside one', () => {
    expect(orderFor({ kind: 'photos' }, { sort: 'title', descending: false })).toEqual({ sort: 'title', descending: false });
    expect(orderFor({ kind: 'photos' }, { sort: 'position', descending: false })).toEqual({ sort: 'imported', descending: true });
    expect(orderFor({ kind: 'collection', id: 1 }, { sort: 'title', descending: false })).toEqual({ sort: 'position', descending: false });
  });

  it('opens the Trash in deletion order and drops that order when leaving it', () => {
    expect(orderFor({ kind: 'trash' }, { sort: 'title', descending: false })).toEqual({ sort: 'deleted', descending: true });
    expect(orderFor({ kind: 'all' }, { sort: 'deleted', descending: true })).toEqual({ sort: 'imported', descending: true });
  });

  it('sorts text A to Z and dates newest first, and a second click reverses', () => {
    expect(nextOrder({ sort: 'imported', descending: true }, 'title')).toEqual({ sort: 'title', descending: false });
    expect(nextOrder({ sort: 'title', descending: false }, 'date')).toEqual({ sort: 'date', descending: true });
    expect(nextOrder({ sort: 'date', descending: true }, 'date')).toEqual({ sort: 'date', descending: false });
    expect(nextOrder({ sort: 'title', descending: false }, 'rating')).toEqual({ sort: 'rating', descending: true });
  });
});

describe('scope keys', () => {
  it('tell scopes apart, including collections and tags by id and name', () => {
    expect(scopeKey({ kind: 'collection', id: 3 })).toBe('collection:3');
    expect(scopeKey({ kind: 'tag', name: 'Places/Moscow' })).toBe('tag:Places/Moscow');
    expect(sameScope({ kind: 'all' }, { kind: 'all' })).toBe(true);
    expect(sameScope({ kind: 'collection', id: 1 }, { kind: 'collection', id: 2 })).toBe(false);
  });
});
