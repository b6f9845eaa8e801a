// Chooses the photo for a figure: the archive's photos, narrowed by what is typed.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ItemSummary } from '../bindings/ItemSummary';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { useT } from '../i18n/I18nProvider';
import { inputErrorText } from '../lib/describeError';
import { formatItemDate } from '../lib/items';
import { setField } from '../lib/queryText';
import { listItems, searchItems } from '../platform/host';
import { thumbnailUrl } from '../platform/thumbnails';
import { Dialog } from './Dialog';

const SHOWN = 60;

type Props = { number: number; onPick: (photo: ItemSummary) => void; onClose: () => void };

export function PhotoPicker({ number, onPick, onClose }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), 150);
  const photos = useQuery<ItemSummary[]>({
    queryKey: ['items', 'photo-picker', query],
    queryFn: async () => {
      if (query === '') {
        const page = await listItems({ scope: { kind: 'photos' }, sort: 'imported', descending: true, offset: 0, limit: SHOWN });
        return page.items;
      }
      const page = await searchItems({ query: setField(query, 'kind', 'photo'), offset: 0, limit: SHOWN });
      return page.hits.map((hit) => hit.item);
    },
  });
  return (
    <Dialog
      title={t('reader.pickTitle', { number })}
      onClose={onClose}
      testId="photo-picker"
      footer={
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      }
    >
      <input
        className="text-input"
        type="search"
        aria-label={t('reader.pickSearch')}
        placeholder={t('reader.pickSearch')}
        value={text}
        autoFocus
        onChange={(event) => {
          setText(event.target.value);
        }}
        data-testid="photo-picker-search"
      />
      {photos.error && <p className="dialog__error">{inputErrorText(photos.error, t)}</p>}
      <ul className="photo-picker" aria-label={t('reader.pickTitle', { number })}>
        {(photos.data ?? []).map((photo) => (
          <li key={photo.id}>
            <button
              type="button"
              className="photo-picker__choice"
              onClick={() => {
                onPick(photo);
              }}
              data-testid="photo-choice"
              data-item-id={photo.id}
            >
              <img src={thumbnailUrl(photo.sha256, 256)} alt="" draggable={false} />
              <span className="photo-picker__title">{photo.title}</span>
              <span className="photo-picker__meta">{formatItemDate(photo.date, t.locale)}</span>
            </button>
          </li>
        ))}
      </ul>
      {photos.data?.length === 0 && <p className="panel__note">{t('reader.pickNone')}</p>}
    </Dialog>
  );
}
