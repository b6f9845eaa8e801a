// Formats counts and byte sizes for display in the UI's language, e.g. "1,234" and "1.2 MB".
import { createTranslator, type MessageKey, type Translate } from '../i18n/translate';

const UNITS = ['unit.B', 'unit.KB', 'unit.MB', 'unit.GB', 'unit.TB', 'unit.PB'] as const satisfies readonly MessageKey[];
const ENGLISH = createTranslator('en');

/** A whole count with the language's thousands separators; "—" for anything that is not a count. */
export function formatCount(n: number, t: Translate = ENGLISH): string {
  if (!Number.isFinite(n) || n < 0) return t('common.none');
  return new Intl.NumberFormat(t.locale === 'en' ? 'en-US' : t.locale, { maximumFractionDigits: 0 }).format(n);
}

/**
 * A byte size in decimal units as file managers show them: "0 B", "999 B", "1.2 MB", "12.3 GB",
 * "123 MB". One decimal below 100 of a unit (dropped when it is .0), none from 100 up.
 */
export function formatBytes(bytes: number, t: Translate = ENGLISH): string {
  if (!Number.isFinite(bytes) || bytes < 0) return t('common.none');
  const number = (value: number) =>
    new Intl.NumberFormat(t.locale === 'en' ? 'en-US' : t.locale, { maximumFractionDigits: 1, useGrouping: false }).format(value);
  if (bytes < 1000) return `${number(Math.round(bytes))} ${t('unit.B')}`;
  let unit = 0;
  let value = bytes;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  let rounded = roundForDisplay(value);
  // 999,950 bytes rounds to "1000 KB": carry into the next unit instead.
  if (rounded >= 1000 && unit < UNITS.length - 1) {
    unit += 1;
    rounded = roundForDisplay(rounded / 1000);
  }
  return `${number(rounded)} ${t(UNITS[unit] ?? 'unit.B')}`;
}

function roundForDisplay(value: number): number {
  return value < 100 ? Math.round(value * 10) / 10 : Math.round(value);
}
