import { describe, expect, it } from 'vitest';
import { addTerm, monthBars, monthRange, scopeTerm, withDateRange, yearBars } from '../../src/lib/facetQuery';

describe('facet terms', () => {
  it('adds a term once, after what is typed', () => {
    expect(addTerm('', 'kind:photo')).toBe('kind:photo');
    expect(addTerm('energy ', 'lang:ru')).toBe('energy lang:ru');
    expect(addTerm('energy lang:ru', 'lang:ru')).toBe('energy lang:ru');
    expect(addTerm('energy', 'credit:"Li Wei"')).toBe('energy credit:"Li Wei"');
    expect(addTerm('energy credit:"Li Wei"', 'credit:"Li Wei"')).toBe('energy credit:"Li Wei"');
  });

  it('keeps a view in the query by its own filter', () => {
    const collections = [{ id: 3, name: 'Пресс-кит 2018', count: 0 }];
    expect(scopeTerm({ kind: 'photos' }, undefined)).toBe('kind:photo');
    expect(scopeTerm({ kind: 'tag', name: 'Places/Moscow' }, undefined)).toBe('tag:Places/Moscow');
    expect(scopeTerm({ kind: 'tag', name: '新闻 稿' }, undefined)).toBe('tag:"新闻 稿"');
    expect(scopeTerm({ kind: 'collection', id: 3 }, collections)).toBe('in:"Пресс-кит 2018"');
    expect(scopeTerm({ kind: 'all' }, undefined)).toBe('');
  });

  it('writes a range of months, in either order, and replaces the date filter', () => {
    expect(monthRange('2018-07', '2018-03')).toBe('2018-03..2018-07');
    expect(monthRange('2018-03', '2018-03')).toBe('2018-03');
    expect(withDateRange('moscow date:2017', '2018-03..2018-07')).toBe('moscow date:2018-03..2018-07');
  });

  it('sums months into years and picks one year’s months', () => {
    const months = [
      { month: '2017-11', count: 2 },
      { month: '2017-12', count: 0 },
      { month: '2018-01', count: 5 },
    ];
    expect(yearBars(months).map((bar) => [bar.key, bar.count, bar.first, bar.last])).toEqual([
      ['2017', 2, '2017-11', '2017-12'],
      ['2018', 5, '2018-01', '2018-01'],
    ]);
    expect(monthBars(months, '2017').map((bar) => bar.label)).toEqual(['11', '12']);
  });
});
