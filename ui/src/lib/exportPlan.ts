// What an export can cover from where the person is, which of it comes first, and the file name
// a title suggests.
import type { ExportFormat } from '../bindings/ExportFormat';
import type { Paper } from '../bindings/Paper';

/** What the window shows when Export is chosen. */
export type ExportContext = {
  /** How many items are selected (0: none). */
  selected: number;
  /** The collection listed, when a collection view is open and no search runs. */
  collection: { id: number; name: string } | null;
  /** The query being searched, '' when none. */
  query: string;
  /** The saved search whose query that is, if any. */
  savedSearch: string | null;
};

/** One thing the export can cover; `items` resolves its ids only when the export starts. */
export type ExportChoice =
  | { kind: 'items'; count: number }
  | { kind: 'collection'; id: number; name: string }
  | { kind: 'query'; query: string; savedSearch: string | null };

/**
 * The choices, most specific first: the selection, then the collection or search it was made
 * in. The first is the one preselected; none when there is nothing to export.
 */
export function exportChoices(context: ExportContext): ExportChoice[] {
  const choices: ExportChoice[] = [];
  if (context.selected > 0) choices.push({ kind: 'items', count: context.selected });
  const query = context.query.trim();
  if (query !== '') choices.push({ kind: 'query', query, savedSearch: context.savedSearch });
  else if (context.collection) choices.push({ kind: 'collection', ...context.collection });
  return choices;
}

/** The collection's or saved search's name; `fallback` ("Folio dossier") otherwise. */
export function defaultTitle(context: ExportContext, fallback: string): string {
  if (context.query.trim() !== '') return context.savedSearch?.trim() || fallback;
  return context.collection?.name.trim() || fallback;
}

/** Characters no file system takes in a name (Windows is the strictest), and control characters. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
/** Code points kept of a title, leaving room for the extension and a " (2)" the system may add. */
const MAX_NAME = 100;

/**
 * The file name a title suggests: "Kyiv: March 2024" → "Kyiv March 2024.pdf". Characters file
 * systems refuse go, spaces collapse, leading and trailing dots and spaces go (Windows drops
 * them), long titles are cut on a code point; `fallback` when nothing is left.
 */
export function exportFileName(title: string, format: ExportFormat, fallback = 'Folio dossier'): string {
  const cleaned = (text: string) =>
    Array.from(text.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim())
      .slice(0, MAX_NAME)
      .join('')
      .replace(/^[\s.]+|[\s.]+$/g, '');
  let base = cleaned(title);
  if (base === '') base = cleaned(fallback);
  if (RESERVED.test(base)) base = `${base}_`;
  return `${base}.${format}`;
}

/** Regions that print on US Letter; the rest of the world uses A4. */
const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'CR', 'PR', 'SV', 'DO', 'PA', 'NI']);

/** The paper of the first system language that names a region, e.g. "en-US" → letter; else A4. */
export function defaultPaper(languages: readonly string[]): Paper {
  for (const language of languages) {
    const region = /^[a-z]{2,3}(?:[-_][A-Za-z]{4})?[-_]([A-Za-z]{2})\b/i.exec(language)?.[1];
    if (region) return LETTER_REGIONS.has(region.toUpperCase()) ? 'letter' : 'a4';
  }
  return 'a4';
}
