// The mock host's facet counts: what the host's `item_facets` answers, counted over the mock's
// items (a view's, or a search's), each value with the query term that filters by it.
import type { Facet } from '../../src/bindings/Facet';
import type { FacetValue } from '../../src/bindings/FacetValue';
import type { Facets } from '../../src/bindings/Facets';
import type { MockItem } from './mock-item';

/** `field:value`, quoted as the host quotes it. */
function term(field: string, value: string): string {
  if (value !== '' && !/[\s"“«]/u.test(value)) return `${field}:${value}`;
  if (!value.includes('"')) return `${field}:"${value}"`;
  return `${field}:“${value}”`;
}

function top(counts: Map<string, number>, field: string, limit: number): Facet {
  const values: FacetValue[] = [...counts.entries()]
    .map(([value, count]) => ({ value, count, term: term(field, value) }))
    .sort((a, b) => b.count - a.count || a.value.toLowerCase().localeCompare(b.value.toLowerCase()));
  return { values: values.slice(0, limit), distinct: values.length };
}

function bump(counts: Map<string, number>, values: Iterable<string>): void {
  for (const value of new Set(values)) {
    if (value.trim() !== '') counts.set(value.trim(), (counts.get(value.trim()) ?? 0) + 1);
  }
}

/** A tag and each tag above it: `tag:Places` finds `Places/Moscow`. */
function tagPaths(tags: readonly string[]): string[] {
  return tags.flatMap((tag) => {
    const parts = tag.split('/');
    return parts.map((_, depth) => parts.slice(0, depth + 1).join('/'));
  });
}

export function facetsOf(items: readonly MockItem[], limit: number): Facets {
  const kinds = new Map<string, number>();
  const languages = new Map<string, number>();
  const years = new Map<string, number>();
  const credits = new Map<string, number>();
  const bylines = new Map<string, number>();
  const tags = new Map<string, number>();
  const months = new Map<string, number>();
  let undated = 0;
  let monthUnknown = 0;
  for (const item of items) {
    bump(kinds, [item.kind]);
    bump(languages, item.language ? [item.language.split('-')[0]?.toLowerCase() ?? ''] : []);
    const date = item.date;
    if (date === null || date === '') {
      undated += 1;
    } else {
      bump(years, [date.slice(0, 4)]);
      if (/^\d{4}-\d{2}/.test(date)) bump(months, [date.slice(0, 7)]);
      else monthUnknown += 1;
    }
    bump(credits, item.kind === 'photo' ? [item.credit] : item.figures.map((figure) => figure.credit));
    bump(bylines, [item.byline]);
    bump(tags, tagPaths(item.tags));
  }
  const known = [...months.keys()].sort();
  const timeline: { month: string; count: number }[] = [];
  if (known.length > 0) {
    let [year, month] = (known[0] ?? '').split('-').map(Number) as [number, number];
    const last = known[known.length - 1] ?? '';
    for (;;) {
      const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
      timeline.push({ month: key, count: months.get(key) ?? 0 });
      if (key >= last) break;
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
  }
  return {
    total: items.length,
    kinds: top(kinds, 'kind', limit),
    languages: top(languages, 'lang', limit),
    years: top(years, 'date', limit),
    credits: top(credits, 'credit', limit),
    bylines: top(bylines, 'byline', limit),
    tags: top(tags, 'tag', limit),
    months: timeline,
    undated,
    month_unknown: monthUnknown,
  };
}
