// Tags as removable chips: an item's own tags, or the tags across a selection.
import { useT } from '../i18n/I18nProvider';
import { Icon } from './Icon';

type Props = {
  tags: readonly string[];
  onRemove: (tag: string) => void;
  /** How to name the remove button ("Remove the tag …" or "… from the selected items"). */
  removeLabel: 'tags.remove' | 'tags.removeFromAll';
};

export function TagList({ tags, onRemove, removeLabel }: Props) {
  const t = useT();
  if (tags.length === 0) return <p className="panel__note">{t('tags.none')}</p>;
  return (
    <ul className="tag-list" data-testid="tag-list">
      {tags.map((tag) => (
        <li key={tag} className="tag-chip" data-testid="tag-chip">
          <span className="tag-chip__name">{tag}</span>
          <button
            type="button"
            className="tag-chip__remove"
            aria-label={t(removeLabel, { name: tag })}
            title={t(removeLabel, { name: tag })}
            onClick={() => {
              onRemove(tag);
            }}
            data-testid="tag-remove"
          >
            <Icon name="close" />
          </button>
        </li>
      ))}
    </ul>
  );
}
