// Reads an article's sanitised HTML into a small tree of allowed elements and text, which React
// renders as ordinary elements. Nothing of the HTML is ever inserted as markup: the parser's
// document is inert (no scripts run, no images load), and only the structure below survives —
// no attributes at all, so no event handlers, styles or links that could navigate the window.

export type ArticleNode = string | { tag: AllowedTag; children: ArticleNode[] };

const BLOCKS = {
  P: 'p',
  H1: 'h2',
  H2: 'h2',
  H3: 'h3',
  H4: 'h4',
  H5: 'h4',
  H6: 'h4',
  UL: 'ul',
  OL: 'ol',
  LI: 'li',
  BLOCKQUOTE: 'blockquote',
  PRE: 'pre',
  TABLE: 'table',
  TBODY: 'tbody',
  THEAD: 'thead',
  TR: 'tr',
  TD: 'td',
  TH: 'th',
} as const;
const INLINE = { EM: 'em', I: 'em', STRONG: 'strong', B: 'strong', BR: 'br', SUB: 'sub', SUP: 'sup', CODE: 'code', A: 'u' } as const;
export type AllowedTag = (typeof BLOCKS)[keyof typeof BLOCKS] | (typeof INLINE)[keyof typeof INLINE];

/** Dropped with everything inside: code, embeds, and figures (the reader shows figures itself). */
const DROPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'IMG', 'VIDEO', 'AUDIO', 'CANVAS', 'FORM', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'FIGURE', 'PICTURE', 'HEAD', 'TITLE', 'META', 'LINK']);

function convert(node: Node): ArticleNode[] {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ? [node.textContent] : [];
  if (!(node instanceof Element)) return [];
  const name = node.tagName.toUpperCase();
  if (DROPPED.has(name)) return [];
  const children = [...node.childNodes].flatMap(convert);
  const tag = (BLOCKS as Record<string, AllowedTag | undefined>)[name] ?? (INLINE as Record<string, AllowedTag | undefined>)[name];
  if (tag === 'br') return [{ tag, children: [] }];
  // Unknown wrappers (div, section, span…) give up their children.
  if (tag === undefined) return children;
  return [{ tag, children }];
}

/** The article's structure, or null when the HTML holds no text (then show `body_text`). */
export function parseArticleHtml(html: string): ArticleNode[] | null {
  if (html.trim() === '') return null;
  const document = new DOMParser().parseFromString(html, 'text/html');
  const nodes = [...document.body.childNodes].flatMap(convert);
  const hasText = (list: ArticleNode[]): boolean =>
    list.some((node) => (typeof node === 'string' ? node.trim() !== '' : hasText(node.children)));
  return hasText(nodes) ? nodes : null;
}

/** Plain text as paragraphs, one per line. */
export function textParagraphs(text: string): string[] {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
