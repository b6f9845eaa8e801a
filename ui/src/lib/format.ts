// Formats counts and byte sizes for display, e.g. "1,234" and "1.2 MB".
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A whole count with thousands separators; "—" for anything that is not a count. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  return counts.format(n);
}

/**
 * A byte size in decimal units as file managers show them: "0 B", "999 B", "1.2 MB", "12.3 GB",
 * "123 MB". One decimal below 100 of a unit (dropped when it is .0), none from 100 up.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
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
  return `${String(rounded)} ${UNITS[unit] ?? 'B'}`;
}

function roundForDisplay(value: number): number {
  return value < 100 ? Math.round(value * 10) / 10 : Math.round(value);
}
