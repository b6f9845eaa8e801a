// Web addresses in what a person pastes, drops or types: the links Folio fetches and imports.

const SCHEME = /^[a-z][a-z0-9+.-]+:\/\//i;

/** An http(s) address (what the import report names a fetched page or image by). */
export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The http(s) addresses in pasted or dropped text: one or more, separated by line breaks or
 * spaces (a `text/uri-list` may also hold `#` comment lines). Only text that is nothing but
 * addresses counts: pasting a sentence that mentions one imports nothing. */
export function linksIn(text: string): string[] {
  const words = text
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('#'))
    .flatMap((line) => line.split(/\s+/))
    .filter((word) => word !== '');
  if (words.length === 0 || !words.every(isWebAddress)) return [];
  return [...new Set(words)];
}

/** A drop's file paths apart from the web addresses in it: on Linux a link dragged from a browser
 * reaches the window among a drop's paths, as its address. */
export function splitDropped(paths: readonly string[]): { files: string[]; links: string[] } {
  return {
    files: paths.filter((path) => !isWebAddress(path)),
    links: paths.filter(isWebAddress),
  };
}

/** What a person typed as an address: `example.org/news` means `https://example.org/news`. Any
 * other scheme is passed on, so that the import report can say why it is not fetched; null when
 * the text is no address at all. */
export function typedLink(text: string): string | null {
  const typed = text.trim();
  if (typed === '' || /\s/.test(typed)) return null;
  if (SCHEME.test(typed)) return typed;
  const guess = `https://${typed}`;
  return isWebAddress(guess) && new URL(guess).hostname.includes('.') ? guess : null;
}
