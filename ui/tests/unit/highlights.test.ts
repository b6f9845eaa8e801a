// Search snippets are highlighted by code point ranges, never by HTML from the host.
import { describe, expect, it } from 'vitest';
import { splitHighlights } from '../../src/lib/highlights';

const marked = (snippet: string, ranges: [number, number][]) =>
  splitHighlights(snippet, ranges)
    .map((part) => (part.highlighted ? `[${part.text}]` : part.text))
    .join('');

describe('splitHighlights', () => {
  it('marks the ranges and keeps the text around them', () => {
    expect(marked('The Innovation Dialogue in Moscow', [[4, 14], [27, 33]])).toBe('The [Innovation] Dialogue in [Moscow]');
  });

  it('counts code points, not UTF-16 units, so astral characters do not shift the marks', () => {
    // "𠮷" is one code point but two UTF-16 units.
    expect(marked('𠮷野家 创新 合作', [[4, 6]])).toBe('𠮷野家 [创新] 合作');
    expect(marked('📷 Москва', [[2, 8]])).toBe('📷 [Москва]');
  });

  it('merges overlapping and touching ranges and sorts them', () => {
    expect(marked('abcdefgh', [[4, 6], [1, 3], [2, 4]])).toBe('a[bcdef]gh');
  });

  it('clamps ranges to the snippet and ignores empty or reversed ones', () => {
    expect(marked('short', [[-3, 2], [4, 99], [3, 3], [5, 1]])).toBe('[sh]or[t]');
  });

  it('keeps markup in host text as text', () => {
    const parts = splitHighlights('<b>bold</b> & more', [[3, 7]]);
    expect(parts.map((part) => part.text).join('')).toBe('<b>bold</b> & more');
    expect(parts[1]).toEqual({ text: 'bold', highlighted: true });
  });

  it('gives one plain part when nothing is highlighted, and none for an empty snippet', () => {
    expect(splitHighlights('plain', [])).toEqual([{ text: 'plain', highlighted: false }]);
    expect(splitHighlights('', [[0, 3]])).toEqual([]);
  });
});
