// The mock host's search over its items: which match a query, ranked, with snippets and highlights.
import type { SearchPage } from '../../src/bindings/SearchPage';
import type { SearchRequest } from '../../src/bindings/SearchRequest';
import { searchTextOf, summaryOf, type MockItem } from './mock-item';
import { fold, highlightTerms, occurrences, parseQuery, score, snippetOf } from './mock-search';

/** Each item's text folded once: searching 200,000 items should not fold them all every time. */
const folded = new WeakMap<MockItem, string[]>();

function foldedText(item: MockItem): string[] {
  let text = folded.get(item);
  if (!text) {
    text = Array.from(fold(searchTextOf(item).normalize('NFKC')));
    folded.set(item, text);
  }
  return text;
}

/** The items of `items` a query finds, unranked (for facet counts); throws `QueryError` for a malformed query. */
export function matchingItems(items: readonly MockItem[], query: string, collectionsOf: (id: number) => string[]): MockItem[] {
  const clauses = parseQuery(query);
  if (clauses.length === 0) return [];
  return items.filter((item) => score(searchableOf(item, collectionsOf), foldedText(item), clauses) !== null);
}

function searchableOf(item: MockItem, collectionsOf: (id: number) => string[]) {
  return {
    text: '',
    kind: item.kind,
    language: item.language,
    tags: item.tags,
    credit: item.kind === 'photo' ? item.credit : item.figures.map((f) => f.credit).join(' '),
    byline: item.byline,
    collections: collectionsOf(item.id),
    date: item.date,
    rating: item.rating,
    label: item.label,
  };
}

/** Searches `items` (those not in the Trash); throws `QueryError` for a malformed query. */
export function searchItems(items: readonly MockItem[], request: SearchRequest, collectionsOf: (id: number) => string[]): SearchPage {
  const clauses = parseQuery(request.query);
  if (clauses.length === 0) return { total: 0, hits: [] };
  const terms = highlightTerms(clauses);
  const found: { item: MockItem; score: number }[] = [];
  for (const item of items) {
    const points = score(searchableOf(item, collectionsOf), foldedText(item), clauses);
    if (points === null) continue;
    // Words in the title count more, as a real ranking would.
    const titleHits = terms.reduce((sum, term) => sum + occurrences(Array.from(fold(item.title)), term).length, 0);
    found.push({ item, score: points + titleHits * 3 });
  }
  found.sort((a, b) => b.score - a.score || b.item.imported_at.localeCompare(a.item.imported_at) || b.item.id - a.item.id);
  return {
    total: found.length,
    hits: found.slice(request.offset, request.offset + request.limit).map(({ item, score: points }) => {
      // The snippet comes from the body (or caption) when the words are there, else the title.
      const body = item.kind === 'photo' ? item.caption : item.body_text;
      const bodyMatches = terms.some((term) => occurrences(Array.from(fold(body)), term).length > 0);
      const source = bodyMatches || terms.length === 0 ? body || item.title : item.title;
      return { item: summaryOf(item), score: points, ...snippetOf(source, terms) };
    }),
  };
}
