// Words for an item's kind, language and date as the item list shows them, in the UI's language.
import type { ItemView } from '../bindings/ItemView';
import type { IconName } from '../components/Icon';
import { createTranslator, type MessageKey, type Translate } from '../i18n/translate';
import type { Locale } from '../i18n/types';

const ENGLISH = createTranslator('en');

const KINDS: Record<string, { label: MessageKey; icon: IconName }> = {
  article: { label: 'kind.article', icon: 'article' },
  photo: { label: 'kind.photo', icon: 'photo' },
};

export function kindLabel(kind: string, t: Translate = ENGLISH): string {
  const known = KINDS[kind];
  if (known) return t(known.label);
  return kind === '' ? t('kind.item') : kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** The host says which view it sent in `kind`. */
export function isArticle(view: ItemView): view is Extract<ItemView, { kind: 'article' }> {
  return view.kind === 'article';
}

export function isPhoto(view: ItemView): view is Extract<ItemView, { kind: 'photo' }> {
  return view.kind === 'photo';
}

/** The date an item carries: published for an article, taken for a photo. */
export function itemDate(view: ItemView): string | null {
  return isArticle(view) ? view.published : view.taken;
}

export function kindIcon(kind: string): IconName {
  return KINDS[kind]?.icon ?? 'file';
}

const languageNames = new Map<Locale, Intl.DisplayNames>();

/** "en" → "English" (in Russian "английский"); the code itself if it is not a language tag. */
export function languageName(code: string | null, locale: Locale = 'en'): string {
  if (code === null || code.trim() === '') return '—';
  let names = languageNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    languageNames.set(locale, names);
  }
  try {
    return names.of(code.trim()) ?? code;
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
 * "2024" (in Chinese "2024年3月5日", in Russian "5 мар. 2024 г."). The date is read as written,
 * with no time-zone shift; anything else is shown as is.
 */
export function formatItemDate(date: string | null, locale: Locale = 'en'): string {
  if (date === null || date.trim() === '') return '—';
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T ])/.exec(date.trim());
  if (!match) return date;
  const [, year = '', month, day] = match;
  const monthName = month === undefined ? undefined : MONTHS[Number(month) - 1];
  if (month !== undefined && monthName === undefined) return date;
  if (monthName === undefined) return year;
  const dayNumber = day === undefined ? undefined : Number(day);
  if (dayNumber !== undefined && (dayNumber < 1 || dayNumber > 31)) return date;
  if (locale !== 'en') return localDate(Number(year), Number(month), dayNumber, locale);
  if (dayNumber === undefined) return `${monthName} ${year}`;
  return `${String(dayNumber)} ${monthName} ${year}`;
}

/** When a page was captured from its address (RFC 3339), in the reader's time zone. */
export function formatCaptureTime(at: string, locale: Locale = 'en'): string {
  const time = new Date(at);
  if (Number.isNaN(time.getTime())) return at;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

function localDate(year: number, month: number, day: number | undefined, locale: Locale): string {
  const format = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    ...(day === undefined ? {} : { day: 'numeric' }),
    timeZone: 'UTC',
  });
  return format.format(new Date(Date.UTC(year, month - 1, day ?? 1)));
}
