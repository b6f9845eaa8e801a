// The inspector's "Similar photos" (or articles): copies of the same photo, the same text in
// another file. Each opens like any item.
import type { SimilarItem } from '../bindings/SimilarItem';
import { useSimilar } from '../hooks/useSimilar';
import { useT } from '../i18n/I18nProvider';
import { thumbnailUrl } from '../platform/thumbnails';
import { Icon } from './Icon';

type Props = { id: number; article: boolean; onOpen: (id: number) => void };

export function SimilarSection({ id, article, onOpen }: Props) {
  const t = useT();
  const similar = useSimilar(id);
  const title = article ? t('similar.articles') : t('similar.photos');
  let body;
  if (!similar.data) {
    body = <p className="panel__note">{t('items.loading')}</p>;
  } else if (!similar.data.fingerprinted) {
    body = <p className="panel__note">{t('similar.pending')}</p>;
  } else if (similar.data.similar.length === 0) {
    body = (
      <p className="panel__note" data-testid="similar-none">
        {t('similar.none')}
      </p>
    );
  } else {
    body = (
      <ul className="similar-list" data-testid="similar-list">
        {similar.data.similar.map((item) => (
          <li key={item.id}>
            <SimilarRow item={item} onOpen={onOpen} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <section className="details__section" aria-label={title} data-testid="similar-section">
      <h3 className="details__title">{title}</h3>
      {body}
    </section>
  );
}

/** One alike item: its thumbnail (a photo) or icon (an article), title and how alike it is. */
export function SimilarRow({ item, onOpen }: { item: SimilarItem; onOpen: (id: number) => void }) {
  const t = useT();
  return (
    <button
      type="button"
      className="similar-row"
      onClick={() => {
        onOpen(item.id);
      }}
      data-testid="similar-item"
      data-item-id={item.id}
    >
      {item.kind === 'photo' ? (
        <img className="similar-row__thumb" src={thumbnailUrl(item.sha256, 256)} alt="" draggable={false} />
      ) : (
        <Icon name="article" className="similar-row__thumb" />
      )}
      <span className="similar-row__text">
        <span className="similar-row__title">{item.title}</span>
        <span className="similar-row__meta">
          {t('similar.alike', { percent: item.similarity })}
          {item.width !== null && item.height !== null && ` · ${t('info.sizeValue', { width: item.width, height: item.height })}`}
        </span>
      </span>
    </button>
  );
}
