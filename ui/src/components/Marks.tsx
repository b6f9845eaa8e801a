// Ratings and colour labels: clickable stars and five label swatches for the inspector, and a
// compact badge for list rows and grid tiles.
import type { Label } from '../bindings/Label';
import { useT } from '../i18n/I18nProvider';
import { LABELS, MAX_RATING, labelName } from '../lib/marks';
import './Marks.css';

const STARS = Array.from({ length: MAX_RATING }, (_, index) => index + 1);

type StarProps = {
  /** The stars now; null when the selected items differ. */
  rating: number | null;
  onRate: (rating: number) => void;
  testId: string;
};

/** Five stars: clicking one gives that many, clicking the current rating takes it away. */
export function StarRating({ rating, onRate, testId }: StarProps) {
  const t = useT();
  return (
    <div className="marks__stars" role="group" aria-label={t('marks.rating')} data-testid={testId} data-rating={rating ?? ''}>
      {STARS.map((stars) => {
        const lit = rating !== null && stars <= rating;
        return (
          <button
            key={stars}
            type="button"
            className={`marks__star${lit ? ' is-lit' : ''}`}
            aria-label={t('marks.stars', { count: stars })}
            aria-pressed={rating === stars}
            title={rating === stars ? t('marks.clearRating') : t('marks.stars', { count: stars })}
            onClick={() => {
              onRate(rating === stars ? 0 : stars);
            }}
            data-testid={`${testId}-${String(stars)}`}
          >
            <span aria-hidden="true">{lit ? '★' : '☆'}</span>
          </button>
        );
      })}
    </div>
  );
}

type LabelProps = {
  /** The label now (null: none); undefined when the selected items differ. */
  label: Label | null | undefined;
  onLabel: (label: Label | null) => void;
  testId: string;
};

/** The five colour labels as swatches: clicking one gives it, clicking the current one takes it away. */
export function LabelSwatches({ label, onLabel, testId }: LabelProps) {
  const t = useT();
  return (
    <div className="marks__labels" role="group" aria-label={t('marks.label')} data-testid={testId} data-label={label ?? ''}>
      {LABELS.map((colour) => (
        <button
          key={colour}
          type="button"
          className={`marks__swatch marks__swatch--${colour}${label === colour ? ' is-chosen' : ''}`}
          aria-label={t(labelName(colour))}
          aria-pressed={label === colour}
          title={t(labelName(colour))}
          onClick={() => {
            onLabel(label === colour ? null : colour);
          }}
          data-testid={`${testId}-${colour}`}
        />
      ))}
    </div>
  );
}

/** The stars and label of a row or tile, compact; nothing for an item with neither. */
export function MarksBadge({ rating, label }: { rating: number; label: Label | null }) {
  const t = useT();
  if (rating === 0 && label === null) return null;
  const said = [rating > 0 ? t('marks.stars', { count: rating }) : null, label ? t(labelName(label)) : null].filter(Boolean).join(', ');
  return (
    <span className="marks-badge" title={said} data-testid="item-marks" data-rating={rating} data-label={label ?? ''}>
      {label && <span className={`marks-badge__dot marks__swatch--${label}`} aria-hidden="true" />}
      {rating > 0 && <span aria-hidden="true">{'★'.repeat(rating)}</span>}
      <span className="visually-hidden">{said}</span>
    </span>
  );
}
