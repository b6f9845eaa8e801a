// The inspector for one item: its editable fields, tags, collections, who changed it and what
// the file says.
import { useQueryClient } from '@tanstack/react-query';
import type { ItemView } from '../bindings/ItemView';
import type { EditField } from '../bindings/EditField';
import type { Label } from '../bindings/Label';
import { useNotify, useReportError } from '../app/notices';
import { useCollections, useItem } from '../hooks/useHostData';
import { useHostActions } from '../hooks/useHostActions';
import { useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';
import { describeError } from '../lib/describeError';
import { formatCount } from '../lib/format';
import { formatCaptureTime, isArticle, itemDate, kindLabel, langAttribute, languageName } from '../lib/items';
import { queryKeys } from '../lib/queryKeys';
import { thumbnailUrl } from '../platform/thumbnails';
import { CollectionPicker } from './CollectionPicker';
import { EditableField } from './EditableField';
import { HistorySection } from './HistorySection';
import { Icon } from './Icon';
import { LabelSwatches, StarRating } from './Marks';
import { SimilarSection } from './SimilarSection';
import { StatRow } from './StatRow';
import { TagInput } from './TagInput';
import { TagList } from './TagList';
import './Duplicates.css';

type Props = { id: number; onOpen: (id: number) => void; onRestore: (ids: number[]) => void };

export function ItemDetails({ id, onOpen, onRestore }: Props) {
  const t = useT();
  const item = useItem(id);
  if (item.error) {
    return (
      <p className="panel__note" role="alert" data-testid="item-error">
        {t('inspector.loadFailed')} {describeError(item.error, t).summary}
      </p>
    );
  }
  if (!item.data) return <p className="panel__note">{t('items.loading')}</p>;
  return <Details view={item.data} onOpen={onOpen} onRestore={onRestore} />;
}

function Details({ view, onOpen, onRestore }: Omit<Props, 'id'> & { view: ItemView }) {
  const t = useT();
  const queryClient = useQueryClient();
  const actions = useHostActions();
  const notify = useNotify();
  const reportError = useReportError();
  const collections = useCollections();
  const lang = langAttribute(isArticle(view) ? view.language : null);

  const save = (field: EditField) => async (value: string) => {
    const updated = await actions.updateItem({ id: view.id, field, value });
    // Show the saved value at once, before the refetch the change sets off.
    queryClient.setQueryData(queryKeys.item(view.id), updated);
  };
  const changeTags = (add: string[], remove: string[]) => actions.tagItems({ ids: [view.id], add, remove }).catch(reportError);
  const rate = (rating: number) => void actions.rateItems({ ids: [view.id], rating }).catch(reportError);
  const giveLabel = (label: Label | null) => void actions.labelItems({ ids: [view.id], label }).catch(reportError);
  const field = (name: EditField, label: string, value: string, multiline = false) => (
    <EditableField
      key={`${String(view.id)}:${name}`}
      label={label}
      value={value}
      onSave={save(name)}
      multiline={multiline}
      lang={lang}
      testId={`field-${name}`}
      {...(name === 'date' ? { placeholder: t('field.datePlaceholder') } : {})}
    />
  );

  return (
    <div className="details" data-testid="item-details" data-item-id={view.id}>
      {view.deleted && (
        <div className="details__trash">
          <p>{t('trash.inTrash')}</p>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              onRestore([view.id]);
            }}
            data-testid="details-restore"
          >
            {t('trash.restore')}
          </button>
        </div>
      )}
      {!isArticle(view) && (
        <button
          type="button"
          className="details__preview"
          onClick={() => {
            onOpen(view.id);
          }}
          aria-label={t('inspector.open')}
        >
          <img src={thumbnailUrl(view.sha256, 256)} alt="" draggable={false} />
        </button>
      )}
      <div className="details__head">
        <span className="details__kind">
          <Icon name={isArticle(view) ? 'article' : 'photo'} />
          {kindLabel(view.kind, t)}
        </span>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            onOpen(view.id);
          }}
          data-testid="details-open"
        >
          {t('inspector.open')}
        </button>
      </div>
      {field('title', t('field.title'), view.title)}
      {field('date', t('field.date'), itemDate(view) ?? '')}
      {!isArticle(view) && field('caption', t('field.caption'), view.caption, true)}
      {!isArticle(view) && field('credit', t('field.credit'), view.credit)}
      {field('byline', t('field.byline'), view.byline)}
      {field('notes', t('field.notes'), view.notes, true)}

      <section className="details__section" aria-label={t('marks.title')}>
        <h3 className="details__title">{t('marks.title')}</h3>
        <div className="marks__row">
          <StarRating rating={view.rating} onRate={rate} testId="details-rating" />
          <LabelSwatches label={view.label} onLabel={giveLabel} testId="details-label" />
        </div>
        <p className="marks__hint">{t('marks.keysHint')}</p>
      </section>

      <section className="details__section" aria-label={t('sidebar.tags')}>
        <h3 className="details__title">{t('sidebar.tags')}</h3>
        <TagList tags={view.tags} removeLabel="tags.remove" onRemove={(tag) => void changeTags([], [tag])} />
        <TagInput
          exclude={view.tags}
          label={t('tags.add')}
          testId="tag-input"
          onAdd={(tag) => changeTags([tag], [])}
        />
      </section>

      <section className="details__section" aria-label={t('inspector.collections')}>
        <h3 className="details__title">{t('inspector.collections')}</h3>
        {view.collections.length === 0 ? (
          <p className="panel__note">{t('inspector.notInCollections')}</p>
        ) : (
          <ul className="tag-list" data-testid="item-collections">
            {view.collections.map((name) => {
              const collection = collections.data?.find((candidate) => candidate.name === name);
              return (
                <li key={name} className="tag-chip tag-chip--collection">
                  <Icon name="folder" />
                  <span className="tag-chip__name">{name}</span>
                  {collection && (
                    <button
                      type="button"
                      className="tag-chip__remove"
                      aria-label={`${t('collections.remove')}: ${name}`}
                      title={t('collections.remove')}
                      onClick={() => {
                        actions
                          .removeFromCollection(collection.id, [view.id])
                          .then(() => {
                            notify({ text: t('collections.removed', { count: 1, name }) });
                          })
                          .catch(reportError);
                      }}
                    >
                      <Icon name="close" />
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <CollectionPicker
          exclude={view.collections}
          testId="details-add-collection"
          onPick={(collectionId, name) => {
            actions
              .addToCollection(collectionId, [view.id])
              .then(() => {
                notify({ text: t('collections.added', { count: 1, name }) });
              })
              .catch(reportError);
          }}
        />
      </section>

      {!view.deleted && <SimilarSection id={view.id} article={isArticle(view)} onOpen={onOpen} />}

      <HistorySection id={view.id} />

      <section className="details__section" aria-label={t('inspector.details')}>
        <h3 className="details__title">{t('inspector.details')}</h3>
        <dl className="stat-list">
          {isArticle(view) ? (
            <>
              <StatRow label={t('info.language')}>{languageName(view.language, t.locale)}</StatRow>
              {view.site !== '' && <StatRow label={t('info.site')}>{view.site}</StatRow>}
              {view.captured_at !== null && (
                <StatRow label={t('info.captured')}>
                  <span data-testid="details-captured">{formatCaptureTime(view.captured_at, t.locale)}</span>
                </StatRow>
              )}
              <StatRow label={t('info.figures')}>{formatCount(view.figures.length, t)}</StatRow>
            </>
          ) : (
            <>
              {view.width !== null && view.height !== null && (
                <StatRow label={t('info.size')}>
                  {t('info.sizeValue', { width: view.width, height: view.height })}
                </StatRow>
              )}
              {view.camera !== '' && <StatRow label={t('info.camera')}>{view.camera}</StatRow>}
              {view.copyright !== '' && <StatRow label={t('info.copyright')}>{view.copyright}</StatRow>}
              {view.keywords.length > 0 && <StatRow label={t('info.keywords')}>{view.keywords.join(', ')}</StatRow>}
            </>
          )}
          {view.ocr !== undefined && (
            <StatRow label={t('info.ocr')} stacked>
              <span data-testid="details-ocr">{ocrSummary(view, t)}</span>
            </StatRow>
          )}
          <StatRow label={t('info.source')} stacked>
            <span className="archive-path" title={view.source_name}>
              {view.source_name}
            </span>
          </StatRow>
          <StatRow label={t('info.sha256')} stacked>
            <span className="archive-path" title={view.sha256}>
              {view.sha256}
            </span>
          </StatRow>
        </dl>
      </section>
    </div>
  );
}

/** What OCR did for the item: waiting, a photo's text, or an article's pages read and not. */
function ocrSummary(view: ItemView, t: Translate): string {
  const ocr = view.ocr;
  if (ocr === undefined || ocr.queued) return t('info.ocrQueued');
  if (view.kind === 'photo') return ocr.pages.map((page) => page.text.trim()).join(' ');
  const unreadable = ocr.pages.filter((page) => page.problem !== undefined && page.problem !== null).map((page) => String(page.page));
  const read = t('info.ocrPages', { count: ocr.pages.length - unreadable.length });
  return unreadable.length === 0 ? read : `${read}. ${t('info.ocrUnreadable', { pages: unreadable.join(', ') })}`;
}
