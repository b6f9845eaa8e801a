// The middle column: the view's title and toolbar, the search filters, notices (errors, imports,
// the Trash's actions), then its content.
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import './ItemArea.css';

type Props = {
  title: string;
  /** "1,204 items" beside the title, once known. */
  subtitle: string | null;
  /** A hint after the count, the first thing cut when the header is short of room. */
  note: string | null;
  /** Toolbar controls, right of the title. */
  actions: ReactNode;
  /** A second toolbar line: the search filters. */
  filters: ReactNode;
  /** Banners and panels between the toolbar and the content. */
  notices: ReactNode;
  children: ReactNode;
};

export function ItemArea({ title, subtitle, note, actions, filters, notices, children }: Props) {
  const t = useT();
  return (
    <main className="item-area" aria-label={t('items.label')}>
      <header className="item-area__header">
        <div className="item-area__heading">
          <h1 className="item-area__title" data-testid="view-title">
            {title}
          </h1>
          {subtitle !== null && (
            <p className="item-area__count" data-testid="view-count">
              {subtitle}
            </p>
          )}
          {note !== null && (
            <p className="item-area__note" title={note}>
              {note}
            </p>
          )}
        </div>
        <div className="item-area__actions">{actions}</div>
      </header>
      {filters}
      {notices}
      {children}
    </main>
  );
}
