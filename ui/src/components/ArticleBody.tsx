// An article's text: its sanitised HTML as allowed elements only (see lib/articleHtml.ts), or
// its plain text as paragraphs — never markup from the archive, never a script.
import { createElement, useMemo, type ReactNode } from 'react';
import { parseArticleHtml, textParagraphs, type ArticleNode } from '../lib/articleHtml';

type Props = { html: string; text: string; lang: string | undefined; emptyText: string };

export function ArticleBody({ html, text, lang, emptyText }: Props) {
  const nodes = useMemo(() => parseArticleHtml(html), [html]);
  const paragraphs = useMemo(() => textParagraphs(text), [text]);
  return (
    <div className="article-body" lang={lang} data-testid="article-body">
      {nodes
        ? render(nodes)
        : paragraphs.length > 0
          ? paragraphs.map((paragraph, index) => <p key={index}>{paragraph}</p>)
          : <p className="panel__note">{emptyText}</p>}
    </div>
  );
}

function render(nodes: ArticleNode[]): ReactNode[] {
  // Index keys: the tree is rebuilt whole when the article changes, never reordered.
  return nodes.map((node, index) =>
    typeof node === 'string' ? node : createElement(node.tag, { key: index }, ...(node.tag === 'br' ? [] : render(node.children))),
  );
}
