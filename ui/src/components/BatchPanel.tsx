// The inspector for several items at once: tag them all, take a tag off them all, add them to a
// collection, move them to the Trash (or, in the Trash, restore them).
import type { ItemSummary } from '../bindings/ItemSummary';
import type { Label } from '../bindings/Label';
import { useNotify, useReportError } from '../app/notices';
import { useHostActions } from '../hooks/useHostActions';
import { useT } from '../i18n/I18nProvider';
import { CollectionPicker } from './CollectionPicker';
import { Icon } from './Icon';
import { LabelSwatches, StarRating } from './Marks';
import { TagInput } from './TagInput';
import { TagList } from './TagList';

type Props = {
  count: number;
  /** The selected items whose summaries are at hand (none for "select all" of a long list). */
  known: readonly ItemSummary[];
  ids: () => Promise<number[]>;
  inTrash: boolean;
  onTrash: () => void;
  onRestore: () => void;
};

export function BatchPanel({ count, known, ids, inTrash, onTrash, onRestore }: Props) {
  const t = useT();
  const actions = useHostActions();
  const notify = useNotify();
  const reportError = useReportError();
  const union = [...new Set(known.flatMap((item) => item.tags))].sort((a, b) => a.localeCompare(b));

  const tagAll = async (add: string[], remove: string[]) => {
    try {
      const selected = await ids();
      await actions.tagItems({ ids: selected, add, remove });
      if (add[0] !== undefined) notify({ text: t('tags.added', { count: selected.length, tag: add[0] }) });
    } catch (error) {
      reportError(error);
      throw error;
    }
  };

  // What the items known share: their rating and label, when they all have the same.
  const ratings = new Set(known.map((item) => item.rating));
  const labels = new Set(known.map((item) => item.label));
  const sharedRating = ratings.size === 1 ? [...ratings][0] ?? null : null;
  const sharedLabel = labels.size === 1 ? [...labels][0] : undefined;
  const rateAll = (rating: number) => {
    void ids()
      .then((selected) => actions.rateItems({ ids: selected, rating }))
      .catch(reportError);
  };
  const labelAll = (label: Label | null) => {
    void ids()
      .then((selected) => actions.labelItems({ ids: selected, label }))
      .catch(reportError);
  };

  return (
    <div className="details" data-testid="batch-panel">
      <p className="details__count" data-testid="selection-count">
        {t('inspector.selected', { count })}
      </p>
      {!inTrash && (
        <section className="details__section" aria-label={t('marks.title')}>
          <h3 className="details__title">{t('marks.title')}</h3>
          <div className="marks__row">
            <StarRating rating={sharedRating} onRate={rateAll} testId="batch-rating" />
            <LabelSwatches label={sharedLabel} onLabel={labelAll} testId="batch-label" />
          </div>
        </section>
      )}
      {!inTrash && (
        <section className="details__section" aria-label={t('inspector.tagAll')}>
          <h3 className="details__title">{t('inspector.tagAll')}</h3>
          <TagInput exclude={[]} label={t('inspector.tagAll')} testId="batch-tag-input" onAdd={(tag) => tagAll([tag], [])} />
          {union.length > 0 && (
            <>
              <h3 className="details__title">{t('inspector.commonTags')}</h3>
              <TagList tags={union} removeLabel="tags.removeFromAll" onRemove={(tag) => void tagAll([], [tag]).catch(() => undefined)} />
            </>
          )}
        </section>
      )}
      {!inTrash && (
        <section className="details__section" aria-label={t('inspector.collections')}>
          <CollectionPicker
            testId="batch-add-collection"
            onPick={(collectionId, name) => {
              void ids()
                .then((selected) => actions.addToCollection(collectionId, selected).then(() => selected.length))
                .then((added) => {
                  notify({ text: t('collections.added', { count: added, name }) });
                }, reportError);
            }}
          />
        </section>
      )}
      <div className="details__actions">
        {inTrash ? (
          <button type="button" className="button" onClick={onRestore} data-testid="batch-restore">
            <Icon name="restore" /> {t('trash.restoreSelected', { count })}
          </button>
        ) : (
          <button type="button" className="button button--danger" onClick={onTrash} data-testid="batch-trash">
            <Icon name="trash" /> {t('trash.moveSelected')}
          </button>
        )}
      </div>
    </div>
  );
}
