// The Duplicates view: every group of near-duplicate photos and articles, a slider for how
// different two photos may be, and a Merge button per group that keeps the chosen item.
import { useState } from 'react';
import type { DuplicateGroup } from '../bindings/DuplicateGroup';
import { useNotify, useReportError } from '../app/notices';
import { useHostActions } from '../hooks/useHostActions';
import { DEFAULT_THRESHOLDS, MAX_PHOTO_BITS, useDuplicates } from '../hooks/useSimilar';
import { useT } from '../i18n/I18nProvider';
import { Dialog } from './Dialog';
import { SimilarRow } from './SimilarSection';
import './Duplicates.css';

type Props = { onClose: () => void; onOpen: (id: number) => void };

export function DuplicatesDialog({ onClose, onOpen }: Props) {
  const t = useT();
  const [photoBits, setPhotoBits] = useState(DEFAULT_THRESHOLDS.photo_bits);
  const duplicates = useDuplicates({ ...DEFAULT_THRESHOLDS, photo_bits: photoBits });
  const groups = duplicates.data?.groups ?? [];
  const pending = duplicates.data?.pending ?? 0;
  return (
    <Dialog
      title={t('duplicates.title')}
      onClose={onClose}
      testId="duplicates-dialog"
      footer={
        <button type="button" className="button" onClick={onClose} data-testid="duplicates-close">
          {t('duplicates.close')}
        </button>
      }
    >
      <label className="duplicates__threshold">
        <span>{t('duplicates.threshold')}</span>
        <input
          type="range"
          min={0}
          max={MAX_PHOTO_BITS}
          value={photoBits}
          onChange={(event) => {
            setPhotoBits(Number(event.target.value));
          }}
          data-testid="duplicates-threshold"
        />
        <output data-testid="duplicates-threshold-value">{t('duplicates.thresholdValue', { bits: photoBits })}</output>
      </label>
      <p className="panel__note">{t('duplicates.help')}</p>
      {duplicates.data && groups.length === 0 && (
        <p className="panel__note" data-testid="duplicates-none">
          {t('duplicates.none')}
        </p>
      )}
      <div className="duplicates__groups" data-testid="duplicates-groups">
        {groups.map((group) => (
          <GroupCard key={`${group.kind}:${String(group.keep)}:${group.items.map((item) => item.id).join(',')}`} group={group} onOpen={onOpen} />
        ))}
      </div>
      {pending > 0 && <p className="panel__note">{t('duplicates.pending', { count: pending })}</p>}
    </Dialog>
  );
}

/** One group: its items, which one to keep (the best unless the person picks another), Merge. */
function GroupCard({ group, onOpen }: { group: DuplicateGroup; onOpen: (id: number) => void }) {
  const t = useT();
  const actions = useHostActions();
  const notify = useNotify();
  const reportError = useReportError();
  const [keep, setKeep] = useState(group.keep);
  const [merging, setMerging] = useState(false);
  const count = group.items.length;
  return (
    <section className="duplicates__group" data-testid="duplicates-group">
      <h3 className="details__title">
        {group.kind === 'photo' ? t('duplicates.photos', { count }) : t('duplicates.articles', { count })}
      </h3>
      <ul className="similar-list">
        {group.items.map((item) => (
          <li key={item.id} className="duplicates__item">
            <label className="duplicates__keep">
              <input
                type="radio"
                name={`keep-${String(group.keep)}`}
                checked={keep === item.id}
                onChange={() => {
                  setKeep(item.id);
                }}
                data-testid="duplicates-keep"
                data-item-id={item.id}
              />
              {t('duplicates.keep')}
            </label>
            <SimilarRow item={item} onOpen={onOpen} />
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button--small"
        disabled={merging}
        onClick={() => {
          setMerging(true);
          actions
            .mergeItems({ ids: group.items.map((item) => item.id), keep })
            .then((merged) => {
              notify({ text: t('duplicates.merged', { count: merged.trashed.length }) });
            })
            .catch(reportError)
            .finally(() => {
              setMerging(false);
            });
        }}
        data-testid="duplicates-merge"
      >
        {t('duplicates.merge')}
      </button>
    </section>
  );
}
