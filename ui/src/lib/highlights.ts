// Splits a search snippet into plain and highlighted parts from the host's code point ranges.
//
// Ranges count Unicode code points (what `Array.from` yields), not UTF-16 units, so a snippet
// with emoji or rare CJK characters still highlights the right characters.

export type SnippetPart = { text: string; highlighted: boolean };

/** Parts in order; ranges may be unsorted, overlapping or out of bounds — they are tidied first. */
export function splitHighlights(snippet: string, ranges: readonly (readonly [number, number])[]): SnippetPart[] {
  const chars = Array.from(snippet);
  const merged: [number, number][] = [];
  const clamped = ranges
    .map(([start, end]): [number, number] => [Math.max(0, Math.floor(start)), Math.min(chars.length, Math.floor(end))])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  for (const [start, end] of clamped) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) parts.push({ text: chars.slice(at, start).join(''), highlighted: false });
    parts.push({ text: chars.slice(start, end).join(''), highlighted: true });
    at = end;
  }
  if (at < chars.length) parts.push({ text: chars.slice(at).join(''), highlighted: false });
  return parts;
}
