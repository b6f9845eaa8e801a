// Words for an item's kind, language and date as the item list shows them.
import type { IconName } from '../components/Icon';

/** The kinds the item list can be narrowed to; null lists every kind. */
export type ItemKindFilter = 'article' | 'photo' | null;

/** The most rows the item list asks for (and renders) at once. */
export const ITEM_LIMIT = 500;

const KINDS: Record<string, { label: string; icon: IconName }> = {
  article: { label: 'Article', icon: 'article' },
  photo: { label: 'Photo', icon: 'photo' },
};

export function kindLabel(kind: string): string {
  const known = KINDS[kind];
  if (known) return known.label;
  return kind === '' ? 'Item' : kind.charAt(0).toUpperCase() + kind.slice(1);
}

export function kindIcon(kind: string): IconName {
  return KINDS[kind]?.icon ?? 'file';
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** "en" → "English", "zh-Hans" → "Simplified Chinese"; the code itself if it is not a language tag. */
export function languageName(code: string | null): string {
  if (code === null || code.trim() === '') return '—';
  try {
    return languageNames.of(code.trim()) ?? code;
  } catch {
    return code;
  }
}

/** A BCP 47 tag for the `lang` attribute (so CJK text gets the right glyphs), or undefined. */
export function langAttribute(code: string | null): string | undefined {
  if (code === null) return undefined;
  try {
    return Intl.getCanonicalLocales(code.trim())[0];
  } catch {
    return undefined;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "2024-03-05" (or a timestamp starting so) → "5 Mar 2024", "2024-03" → "Mar 2024", "2024" →
 * "2024". The date is read as written, with no time-zone shift; anything else is shown as is.
 */
export function formatItemDate(date: string | null): string {
  if (date === null || date.trim() === '') return '—';
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T ])/.exec(date.trim());
  if (!match) return date;
  const [, year = '', month, day] = match;
  const monthName = month === undefined ? undefined : MONTHS[Number(month) - 1];
  if (month !== undefined && monthName === undefined) return date;
  if (monthName === undefined) return year;
  if (day === undefined) return `${monthName} ${year}`;
  const dayNumber = Number(day);
  if (dayNumber < 1 || dayNumber > 31) return date;
  return `${String(dayNumber)} ${monthName} ${year}`;
}
