// Reads and edits the field filters of a search query as text, for the filter chips:
// `kind:photo`, `lang:ru`, `tag:"Places/Moscow"`, `date:2018`. The host parses the query; the UI
// only needs to find, replace and remove these tokens without disturbing the rest of the text.

/** The filters the chips edit. */
export type ChipField = 'kind' | 'lang' | 'tag' | 'date';

type Token = { start: number; end: number; text: string };

/** Splits on whitespace outside double quotes; an unclosed quote runs to the end. */
function tokens(query: string): Token[] {
  const found: Token[] = [];
  let start = -1;
  let quoted = false;
  for (let at = 0; at <= query.length; at += 1) {
    const char = at < query.length ? query[at] : ' ';
    if (char === '"') quoted = !quoted;
    const space = char !== undefined && /\s/.test(char) && (!quoted || at === query.length);
    if (space) {
      if (start !== -1) found.push({ start, end: at, text: query.slice(start, at) });
      start = -1;
    } else if (start === -1) {
      start = at;
    }
  }
  return found;
}

/** A positive `field:value` token's value (quotes removed), or null when it is not one. */
function valueOf(token: string, field: ChipField): string | null {
  const prefix = `${field}:`;
  if (token.slice(0, prefix.length).toLowerCase() !== prefix) return null;
  const raw = token.slice(prefix.length);
  return raw.startsWith('"') ? raw.slice(1, raw.endsWith('"') && raw.length > 1 ? -1 : undefined) : raw;
}

/** The value the query gives `field`, e.g. "photo" for `kind:photo`; null when it gives none. */
export function fieldValue(query: string, field: ChipField): string | null {
  for (const token of tokens(query)) {
    const value = valueOf(token.text, field);
    if (value !== null) return value;
  }
  return null;
}

/** `field:value`, quoted when the value needs it (tags always, as they often hold spaces). */
export function formatField(field: ChipField, value: string): string {
  const clean = value.replaceAll('"', '');
  const quote = field === 'tag' || /\s/.test(clean);
  return quote ? `${field}:"${clean}"` : `${field}:${clean}`;
}

/**
 * The query with every `field:` filter removed and, unless `value` is null or blank, one
 * `field:value` put at the end. The rest of the text is kept as typed.
 */
export function setField(query: string, field: ChipField, value: string | null): string {
  let text = query;
  // Remove from the end so earlier offsets stay right.
  for (const token of tokens(query).reverse()) {
    if (valueOf(token.text, field) !== null) text = `${text.slice(0, token.start)}${text.slice(token.end)}`;
  }
  text = text.replace(/\s{2,}/g, ' ').trim();
  if (value === null || value.trim() === '') return text;
  const filter = formatField(field, value.trim());
  return text === '' ? filter : `${text} ${filter}`;
}
