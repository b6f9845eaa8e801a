// A strip of bars: how many of the listed items fall in each year, or in each month of one year
// (click a year to see its months). Clicking a bar, or dragging across several, keeps only that
// period: the search gets a date filter (`date:2018-03..2018-07`).
import { useState } from 'react';
import type { MonthCount } from '../bindings/MonthCount';
import { useT } from '../i18n/I18nProvider';
import { monthBars, monthRange, yearBars, type Bar } from '../lib/facetQuery';
import './Facets.css';

type Props = {
  months: readonly MonthCount[];
  undated: number;
  /** Keeps only items dated `range` (`2018`, `2018-03` or `2018-03..2018-07`). */
  onSelect: (range: string) => void;
};

export function Timeline({ months, undated, onSelect }: Props) {
  const t = useT();
  // The year whose months are shown; null shows the years. A span of a few years opens on its months.
  const [year, setYear] = useState<string | null>(null);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dragTo, setDragTo] = useState<number | null>(null);
  const years = yearBars(months);
  const zoomed = year !== null && years.some((bar) => bar.key === year) ? year : years.length === 1 ? (years[0]?.key ?? null) : null;
  const bars: Bar[] = zoomed === null ? years : monthBars(months, zoomed);
  if (bars.length === 0) return null;
  const highest = Math.max(1, ...bars.map((bar) => bar.count));
  const dragging = dragFrom !== null && dragTo !== null;
  const low = dragging ? Math.min(dragFrom, dragTo) : -1;
  const high = dragging ? Math.max(dragFrom, dragTo) : -1;

  const finish = (at: number) => {
    const from = dragFrom ?? at;
    setDragFrom(null);
    setDragTo(null);
    const [first, last] = [bars[Math.min(from, at)], bars[Math.max(from, at)]];
    if (!first || !last) return;
    if (zoomed === null && from === at) {
      // A year clicked: its months.
      setYear(first.key);
      return;
    }
    onSelect(zoomed === null ? (first.key === last.key ? first.key : `${first.key}..${last.key}`) : monthRange(first.first, last.last));
  };

  return (
    <div className="timeline" role="group" aria-label={t('timeline.label')} data-testid="timeline" title={t('timeline.hint')}>
      <div className="timeline__controls">
        {zoomed !== null && years.length > 1 && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setYear(null);
            }}
            data-testid="timeline-years"
          >
            {t('timeline.allYears')}
          </button>
        )}
        {zoomed !== null && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              onSelect(zoomed);
            }}
            data-testid="timeline-whole-year"
          >
            {t('timeline.whole', { year: zoomed })}
          </button>
        )}
        {undated > 0 && <span className="timeline__note">{t('timeline.undated', { count: undated })}</span>}
      </div>
      <div
        className="timeline__bars"
        onPointerLeave={() => {
          setDragFrom(null);
          setDragTo(null);
        }}
      >
        {bars.map((bar, at) => (
          <button
            key={bar.key}
            type="button"
            className={at >= low && at <= high ? 'timeline__bar timeline__bar--selected' : 'timeline__bar'}
            title={t('timeline.bar', { period: bar.key, count: bar.count })}
            aria-label={zoomed === null ? `${t('timeline.bar', { period: bar.key, count: bar.count })} — ${t('timeline.zoom', { year: bar.key })}` : t('timeline.bar', { period: bar.key, count: bar.count })}
            onPointerDown={(event) => {
              event.preventDefault();
              setDragFrom(at);
              setDragTo(at);
            }}
            onPointerEnter={() => {
              if (dragFrom !== null) setDragTo(at);
            }}
            onPointerUp={() => {
              finish(at);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                finish(at);
              }
            }}
            data-testid="timeline-bar"
            data-period={bar.key}
          >
            <span className="timeline__fill" style={{ height: `${String(Math.round((bar.count / highest) * 100))}%` }} />
            <span className="timeline__label">{bar.label}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
