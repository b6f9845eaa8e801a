// The article reader, beside the list: title, byline, date, the text, then its figures — each
// with its linked photo, and a way to link (pick, or drop a photo row here) or unlink one.
import { useEffect, useRef, useState } from 'react';
import type { ArticleView } from '../bindings/ArticleView';
import type { FigureView } from '../bindings/FigureView';
import { useDropTarget } from '../app/drag';
import { useNotify, useReportError } from '../app/notices';
import { useHostActions } from '../hooks/useHostActions';
import { useT } from '../i18n/I18nProvider';
import { formatItemDate, langAttribute } from '../lib/items';
import { ArticleBody } from './ArticleBody';
import { FigureCard } from './FigureCard';
import { Icon } from './Icon';
import { PhotoPicker } from './PhotoPicker';
import './Reader.css';

type Props = { article: ArticleView; onClose: () => void };

export function ArticleReader({ article, onClose }: Props) {
  const t = useT();
  const actions = useHostActions();
  const notify = useNotify();
  const reportError = useReportError();
  const root = useRef<HTMLElement>(null);
  const [picking, setPicking] = useState<{ figure: FigureView; number: number } | null>(null);
  const lang = langAttribute(article.language);

  useEffect(() => {
    root.current?.focus();
  }, [article.id]);

  const link = (figure: FigureView, number: number, photoId: number | null) => {
    actions
      .linkFigure(figure.id, photoId)
      .then(() => {
        notify({ text: t(photoId === null ? 'reader.unlinked' : 'reader.linked', { number }) });
      })
      .catch(reportError);
  };

  useDropTarget('figure', {
    // One photo, and only a photo, can be shown in a figure.
    accepts: (payload) => payload.kinds.length === 1 && payload.kinds[0] === 'photo',
    drop: ({ payload, id }) => {
      const index = article.figures.findIndex((figure) => String(figure.id) === id);
      const figure = article.figures[index];
      if (!figure) return;
      void payload.ids().then(([photoId]) => {
        if (photoId !== undefined) link(figure, index + 1, photoId);
      });
    },
  });

  return (
    <article
      ref={root}
      className="reader"
      tabIndex={-1}
      aria-labelledby="reader-title"
      onKeyDown={(event) => {
        // Escape in the photo picker closes the picker, not the reader.
        const inDialog = event.target instanceof Element && event.target.closest('dialog') !== null;
        if (event.key === 'Escape' && !event.defaultPrevented && !inDialog) {
          event.preventDefault();
          onClose();
        }
      }}
      data-testid="article-reader"
      data-item-id={article.id}
    >
      <header className="reader__bar">
        <button
          type="button"
          className="icon-button"
          aria-label={t('reader.close')}
          title={t('reader.close')}
          onClick={onClose}
          data-testid="reader-close"
        >
          <Icon name="close" />
        </button>
      </header>
      <div className="reader__scroll">
        <div className="reader__page">
          <h1 id="reader-title" className="reader__title" lang={lang}>
            {article.title.trim() || t('items.untitled')}
          </h1>
          <p className="reader__meta">
            {[
              article.byline !== '' ? t('reader.by', { byline: article.byline }) : '',
              article.published === null ? '' : formatItemDate(article.published, t.locale),
              article.site,
            ]
              .filter((part) => part !== '')
              .join(' · ')}
          </p>
          {article.url !== '' && (
            <p className="reader__url">
              {t('reader.openOriginal')}: <span className="reader__url-text">{article.url}</span>
            </p>
          )}
          <ArticleBody html={article.body_html} text={article.body_text} lang={lang} emptyText={t('reader.empty')} />
          <section className="reader__figures" aria-label={t('reader.figures')}>
            <h2 className="reader__section-title">{t('reader.figures')}</h2>
            {article.figures.length === 0 && <p className="panel__note">{t('reader.noFigures')}</p>}
            {article.figures.map((figure, index) => (
              <FigureCard
                key={figure.id}
                figure={figure}
                number={index + 1}
                lang={lang}
                onPick={() => {
                  setPicking({ figure, number: index + 1 });
                }}
                onUnlink={() => {
                  link(figure, index + 1, null);
                }}
              />
            ))}
          </section>
        </div>
      </div>
      {picking && (
        <PhotoPicker
          number={picking.number}
          onPick={(photo) => {
            link(picking.figure, picking.number, photo.id);
            setPicking(null);
          }}
          onClose={() => {
            setPicking(null);
          }}
        />
      )}
    </article>
  );
}
