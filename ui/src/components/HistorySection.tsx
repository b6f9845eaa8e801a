// The inspector's record of who changed an item: the latest change in one line, and every change
// (field, old → new, who, when) in a section that opens on demand. Undone changes stay listed,
// marked as such.
import { useItemHistory } from '../hooks/useHostData';
import { useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';
import { fieldName, shortValue, whoChanged } from '../lib/history';
import { formatCaptureTime } from '../lib/items';

export function HistorySection({ id }: { id: number }) {
  const t = useT();
  const history = useItemHistory(id);
  const entries = history.data ?? [];
  if (entries.length === 0) return null;
  const latest = entries.find((entry) => !entry.undone);
  return (
    <section className="details__section" aria-label={t('history.title')} data-testid="history-section">
      {latest && (
        <p className="history__latest" data-testid="history-latest">
          {t('history.lastChanged', { name: whoChanged(latest, t), date: formatCaptureTime(latest.changed_at, t.locale) })}
        </p>
      )}
      <details className="history" data-testid="history">
        <summary className="details__title history__summary">
          {t('history.title')} · {t('history.count', { count: entries.length })}
        </summary>
        <ol className="history__list" data-testid="history-list">
          {entries.map((entry, index) => (
            <li
              key={index}
              className={entry.undone ? 'history__entry history__entry--undone' : 'history__entry'}
              data-testid="history-entry"
              data-field={entry.field}
              data-undone={entry.undone}
            >
              <span className="history__field">{fieldName(entry.field, t)}</span>
              <span className="history__change">
                <Value value={entry.old_value} t={t} /> → <Value value={entry.new_value} t={t} />
              </span>
              <span className="history__meta">
                {t('history.by', { name: whoChanged(entry, t), date: formatCaptureTime(entry.changed_at, t.locale) })}
                {entry.undone && <span className="history__undone"> · {t('history.undone')}</span>}
              </span>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

function Value({ value, t }: { value: string | null; t: Translate }) {
  if (value === null || value.trim() === '') return <span className="history__value history__value--empty">{t('history.emptyValue')}</span>;
  return (
    <span className="history__value" title={value}>
      {shortValue(value)}
    </span>
  );
}
