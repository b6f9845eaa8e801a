// The mock host's search: the query language of DESIGN.md §5 over the in-memory library, with
// snippets and highlights in code points, and the host's `invalid_input` for malformed queries.
//
// It matches words case-insensitively (a word matches words that start with it, a crude stand-in
// for stemming; Chinese matches as a substring), which is enough to drive the UI faithfully.
import type { WireError } from '../../src/bindings/WireError';

export type Field = 'tag' | 'kind' | 'lang' | 'credit' | 'byline' | 'in' | 'date' | 'before' | 'after' | 'rating' | 'label';
const FIELDS: readonly Field[] = ['tag', 'kind', 'lang', 'credit', 'byline', 'in', 'date', 'before', 'after', 'rating', 'label'];
const LABELS = ['red', 'yellow', 'green', 'blue', 'purple'];

/** One condition of a query; `alternatives` holds the terms joined by OR. */
export type Term =
  | { type: 'text'; text: string; phrase: boolean; negated: boolean }
  | { type: 'field'; field: Field; value: string; negated: boolean };
export type Clause = { alternatives: Term[] };

/** What a query asks of one item; the library answers these. */
export type Searchable = {
  text: string;
  kind: string;
  language: string | null;
  tags: readonly string[];
  credit: string;
  byline: string;
  collections: readonly string[];
  date: string | null;
  rating: number;
  label: string | null;
};

export class QueryError extends Error {
  readonly wire: WireError;
  constructor(message: string) {
    super(message);
    this.wire = { code: 'invalid_input', message };
  }
}

/** Splits a query into clauses, or throws `QueryError` with a sentence a person understands. */
export function parseQuery(query: string): Clause[] {
  const raw = tokenize(query);
  const clauses: Clause[] = [];
  let joinNext = false;
  raw.forEach((token, index) => {
    if (token === 'OR') {
      if (clauses.length === 0 || index === raw.length - 1 || joinNext) {
        throw new QueryError('"OR" must stand between two words, as in: Moscow OR Москва.');
      }
      joinNext = true;
      return;
    }
    const term = readTerm(token);
    const last = clauses[clauses.length - 1];
    if (joinNext && last) last.alternatives.push(term);
    else clauses.push({ alternatives: [term] });
    joinNext = false;
  });
  return clauses;
}

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quoteStart = -1;
  Array.from(query).forEach((char, index) => {
    if (char === '"') {
      quoteStart = quoteStart === -1 ? index : -1;
      current += char;
    } else if (/\s/u.test(char) && quoteStart === -1) {
      if (current !== '') tokens.push(current);
      current = '';
    } else {
      current += char;
    }
  });
  if (quoteStart !== -1) {
    const after = Array.from(query).slice(quoteStart + 1, quoteStart + 21).join('');
    throw new QueryError(`The quotation mark before "${after}" is never closed.`);
  }
  if (current !== '') tokens.push(current);
  return tokens;
}

function unquote(text: string): { text: string; quoted: boolean } {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return { text: text.slice(1, -1), quoted: true };
  return { text: text.replaceAll('"', ''), quoted: false };
}

function readTerm(token: string): Term {
  const negated = token.startsWith('-') && token.length > 1;
  const body = negated ? token.slice(1) : token;
  const field = /^([A-Za-z]+):(.*)$/su.exec(body);
  if (field && !body.startsWith('"')) {
    const name = (field[1] ?? '').toLowerCase();
    const value = unquote(field[2] ?? '').text.trim();
    if (!(FIELDS as readonly string[]).includes(name)) {
      throw new QueryError(
        `"${name}:" is not something Folio can search by. Use tag:, kind:, lang:, credit:, byline:, in:, date:, before:, after:, rating: or label:.`,
      );
    }
    if (value === '') throw new QueryError(`"${name}:" needs something after it, as in ${name}:${example(name as Field)}.`);
    checkValue(name as Field, value);
    return { type: 'field', field: name as Field, value, negated };
  }
  const { text, quoted } = unquote(body);
  return { type: 'text', text: fold(text.normalize('NFKC')), phrase: quoted, negated };
}

function example(field: Field): string {
  switch (field) {
    case 'kind':
      return 'photo';
    case 'lang':
      return 'ru';
    case 'date':
    case 'before':
    case 'after':
      return '2018-11';
    case 'rating':
      return '>=4';
    case 'label':
      return 'red';
    default:
      return '"Events"';
  }
}

/** `rating:` as a range of stars, both ends included: `4`, `>=4`, `>3`, `<3`, `<=2`. */
function ratingRange(value: string): [number, number] | null {
  const match = /^(>=|<=|>|<|=)?([0-5])$/u.exec(value);
  if (!match) return null;
  const stars = Number(match[2]);
  switch (match[1]) {
    case '>=':
      return [stars, 5];
    case '>':
      return stars < 5 ? [stars + 1, 5] : null;
    case '<=':
      return [0, stars];
    case '<':
      return stars > 0 ? [0, stars - 1] : null;
    default:
      return [stars, stars];
  }
}

function checkValue(field: Field, value: string): void {
  if (field === 'rating' && ratingRange(value) === null) {
    throw new QueryError(`rating:${value}: a rating is 0 to 5 stars, alone or after >, >=, < or <=; for example rating:5 or rating:>=4`);
  }
  if (field === 'label' && !LABELS.includes(value.toLowerCase())) {
    throw new QueryError(`label:${value}: a label is red, yellow, green, blue or purple`);
  }
  if (field === 'kind' && value !== 'article' && value !== 'photo') {
    throw new QueryError(`"kind:${value}" is not a kind of item. Use kind:article or kind:photo.`);
  }
  if (field === 'date' && /^\d{4}(-\d{2}(-\d{2})?)?\.\.\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return;
  if ((field === 'date' || field === 'before' || field === 'after') && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) {
    throw new QueryError(`"${value}" is not a date. Write dates as 2018, 2018-11 or 2018-11-02.`);
  }
}

/** Lower-cases code point by code point, so positions in the folded text are positions in the original. */
export function fold(text: string): string {
  return Array.from(text, (char) => {
    const lower = char.toLowerCase();
    return Array.from(lower).length === 1 ? lower : char;
  }).join('');
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Code point ranges where `term` occurs in `folded` (already folded), as a word prefix or a phrase. */
export function occurrences(folded: readonly string[], term: Term & { type: 'text' }): [number, number][] {
  const needle = Array.from(term.text);
  if (needle.length === 0) return [];
  const found: [number, number][] = [];
  const wordLike = !term.phrase && !CJK.test(term.text);
  for (let at = 0; at + needle.length <= folded.length; at += 1) {
    if (!needle.every((char, offset) => folded[at + offset] === char)) continue;
    if (wordLike && at > 0 && WORD_CHAR.test(folded[at - 1] ?? '')) continue;
    let end = at + needle.length;
    // A word matches the rest of the word it starts, e.g. "innovat" highlights "innovation".
    if (wordLike) while (end < folded.length && WORD_CHAR.test(folded[end] ?? '')) end += 1;
    found.push([at, end]);
    at = end - 1;
  }
  return found;
}

function fieldMatches(item: Searchable, field: Field, value: string): boolean {
  const wanted = fold(value);
  switch (field) {
    case 'kind':
      return item.kind === wanted;
    case 'lang':
      return item.language !== null && fold(item.language).startsWith(wanted);
    case 'tag':
      return item.tags.some((tag) => fold(tag) === wanted || fold(tag).startsWith(`${wanted}/`));
    case 'credit':
      return fold(item.credit).includes(wanted);
    case 'byline':
      return fold(item.byline).includes(wanted);
    case 'in':
      return item.collections.some((name) => fold(name) === wanted);
    case 'date': {
      // `2018-03..2018-07`: from the first period to the end of the last.
      const [from, to] = value.split('..');
      if (to !== undefined && from !== undefined) {
        return item.date !== null && item.date.slice(0, from.length) >= from && item.date.slice(0, to.length) <= to && item.date.length >= from.length;
      }
      return item.date !== null && item.date.startsWith(value);
    }
    case 'before':
      return item.date !== null && item.date.slice(0, value.length) < value;
    case 'after':
      return item.date !== null && item.date.slice(0, value.length) > value;
    case 'rating': {
      const [least, most] = ratingRange(value) ?? [1, 0];
      return item.rating >= least && item.rating <= most;
    }
    case 'label':
      return item.label === wanted;
  }
}

/** How well an item answers the query; null when it does not. */
export function score(item: Searchable, folded: readonly string[], clauses: readonly Clause[]): number | null {
  let total = 0;
  for (const clause of clauses) {
    let best: number | null = null;
    for (const term of clause.alternatives) {
      const hits = term.type === 'text' ? occurrences(folded, term).length : fieldMatches(item, term.field, term.value) ? 1 : 0;
      const ok = term.negated ? hits === 0 : hits > 0;
      if (ok) best = Math.max(best ?? 0, term.negated ? 0 : hits);
    }
    if (best === null) return null;
    total += best;
  }
  return total;
}

/** The positive word and phrase terms, whose occurrences a snippet highlights. */
export function highlightTerms(clauses: readonly Clause[]): (Term & { type: 'text' })[] {
  return clauses.flatMap((clause) =>
    clause.alternatives.flatMap((term) => (term.type === 'text' && !term.negated ? [term] : [])),
  );
}

const BEFORE = 40;
const LENGTH = 180;

/** A window of `text` around the first highlighted term, with the ranges to highlight inside it. */
export function snippetOf(text: string, terms: readonly (Term & { type: 'text' })[]): { snippet: string; highlights: [number, number][] } {
  const chars = Array.from(text.replace(/\s+/gu, ' ').trim());
  const folded = Array.from(fold(chars.join('')));
  const all = terms.flatMap((term) => occurrences(folded, term)).sort((a, b) => a[0] - b[0]);
  const first = all[0]?.[0] ?? 0;
  let start = Math.max(0, first - BEFORE);
  // Start at a word boundary, not in the middle of one.
  while (start > 0 && start < first && chars[start - 1] !== ' ') start += 1;
  const end = Math.min(chars.length, start + LENGTH);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < chars.length ? '…' : '';
  const shift = prefix.length - start;
  const highlights = all
    .filter(([from, to]) => from >= start && to <= end)
    .map(([from, to]): [number, number] => [from + shift, to + shift]);
  return { snippet: `${prefix}${chars.slice(start, end).join('')}${suffix}`, highlights };
}
