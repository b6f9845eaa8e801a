// One figure of an article: its linked photo (thumbnail), caption and credit, with a way to link
// a photo — pick one, or drop a photo row from the list onto it — and to unlink it.
import type { FigureView } from '../bindings/FigureView';
import { useItem } from '../hooks/useHostData';
import { useT } from '../i18n/I18nProvider';
import { isPhoto } from '../lib/items';
import { thumbnailUrl } from '../platform/thumbnails';
import { Icon } from './Icon';

type Props = {
  figure: FigureView;
  number: number;
  lang: string | undefined;
  onPick: () => void;
  onUnlink: () => void;
};

export function FigureCard({ figure, number, lang, onPick, onUnlink }: Props) {
  const t = useT();
  const photo = useItem(figure.photo_id);
  const view = photo.data && isPhoto(photo.data) ? photo.data : null;
  return (
    <figure className="figure-card" data-drop={`figure:${String(figure.id)}`} data-testid="figure" data-figure-id={figure.id}>
      <div className="figure-card__image">
        {figure.photo_id !== null && view ? (
          <img src={thumbnailUrl(view.sha256, 256)} alt={view.title} draggable={false} data-testid="figure-photo" data-photo-id={view.id} />
        ) : (
          <p className="figure-card__empty">
            <Icon name="photo" />
            {t('reader.noPhoto')}
          </p>
        )}
      </div>
      <figcaption className="figure-card__caption">
        <span className="figure-card__number">{t('reader.figure', { number })}</span>
        <span lang={lang} data-testid="figure-caption">
          {figure.caption}
        </span>
        {figure.credit !== '' && (
          <span className="figure-card__credit" data-testid="figure-credit">
            {figure.credit}
          </span>
        )}
        <span className="figure-card__actions">
          <button type="button" className="button button--small" onClick={onPick} data-testid="figure-pick">
            <Icon name="link" /> {figure.photo_id === null ? t('reader.linkPhoto') : t('reader.changePhoto')}
          </button>
          {figure.photo_id !== null && (
            <button type="button" className="button button--small" onClick={onUnlink} data-testid="figure-unlink">
              {t('reader.unlink')}
            </button>
          )}
        </span>
      </figcaption>
    </figure>
  );
}
