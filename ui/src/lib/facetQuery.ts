// What clicking a facet or selecting a stretch of the timeline does to the query: the facet's
// term (made by the host, quoted as the query language reads it) is added to the search; a
// view's own filter comes first when there is no search yet, so the result stays within it.
import type { CollectionSummary } from '../bindings/CollectionSummary';
import type { MonthCount } from '../bindings/MonthCount';
import type { Scope } from '../bindings/Scope';
import { setField } from './queryText';

/** `value` quoted as the host's query language reads it back (ASCII quotes unless it holds one). */
function quoted(field: string, value: string): string {
  if (value !== '' && !/[\s"“«]/u.test(value)) return `${field}:${value}`;
  if (!value.includes('"')) return `${field}:"${value}"`;
  if (!value.includes('”')) return `${field}:“${value}”`;
  return `${field}:«${value}»`;
}

/**
 * The query term that keeps a view's items: `kind:photo` for Photos, the tag or collection; '' for
 * views the query language cannot name (all items, untagged, recent).
 */
export function scopeTerm(scope: Scope, collections: readonly CollectionSummary[] | undefined): string {
  switch (scope.kind) {
    case 'articles':
      return 'kind:article';
    case 'photos':
      return 'kind:photo';
    case 'tag':
      return quoted('tag', scope.name);
    case 'collection': {
      const name = collections?.find((collection) => collection.id === scope.id)?.name;
      return name === undefined ? '' : quoted('in', name);
    }
    default:
      return '';
  }
}

/** `query` with `term` added at the end, unless it is already there. */
export function addTerm(query: string, term: string): string {
  const text = query.trim();
  if (text === '') return term;
  if (text.split(/\s+/u).includes(term) || text === term || text.endsWith(` ${term}`)) return text;
  return `${text} ${term}`;
}

/** The date filter for months `from` to `to` (`YYYY-MM`, either order): one month, or a range. */
export function monthRange(from: string, to: string): string {
  const [first, last] = from <= to ? [from, to] : [to, from];
  return first === last ? first : `${first}..${last}`;
}

/** `query` with its date filter replaced by the range (other date: filters are taken out). */
export function withDateRange(query: string, range: string): string {
  return setField(query, 'date', range);
}

/** The months of one year, or the years, from `months` (which run without gaps). */
export type Bar = { key: string; label: string; count: number; first: string; last: string };

export function yearBars(months: readonly MonthCount[]): Bar[] {
  const years = new Map<string, Bar>();
  for (const month of months) {
    const year = month.month.slice(0, 4);
    const bar = years.get(year);
    if (bar) {
      bar.count += month.count;
      bar.last = month.month;
    } else {
      years.set(year, { key: year, label: year, count: month.count, first: month.month, last: month.month });
    }
  }
  return [...years.values()];
}

export function monthBars(months: readonly MonthCount[], year: string): Bar[] {
  return months
    .filter((month) => month.month.startsWith(`${year}-`))
    .map((month) => ({ key: month.month, label: month.month.slice(5), count: month.count, first: month.month, last: month.month }));
}
