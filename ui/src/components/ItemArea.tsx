// The middle column: the view's title and toolbar, notices (errors, imports), then its content.
import type { ReactNode } from 'react';
import './ItemArea.css';

type Props = {
  title: string;
  /** Toolbar controls, right of the title. */
  actions: ReactNode;
  /** Banners and panels between the toolbar and the content. */
  notices: ReactNode;
  children: ReactNode;
};

export function ItemArea({ title, actions, notices, children }: Props) {
  return (
    <main className="item-area" aria-label="Items">
      <header className="item-area__header">
        <h1 className="item-area__title">{title}</h1>
        <div className="item-area__actions">{actions}</div>
      </header>
      {notices}
      {children}
    </main>
  );
}
