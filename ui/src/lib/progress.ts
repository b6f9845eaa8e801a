// Reads a job's progress snapshot as a fraction and as words.
import type { Progress } from '../bindings/Progress';
import { createTranslator, type Translate } from '../i18n/translate';
import { formatBytes } from './format';

const ENGLISH = createTranslator('en');

/** How far the job is, 0–1, by bytes when the host knows them, else by files; null if unknown. */
export function progressFraction(progress: Progress): number | null {
  const { bytes_done, bytes_total, files_done, files_total } = progress;
  if (bytes_total > 0) return clamp(bytes_done / bytes_total);
  if (files_total > 0) return clamp(files_done / files_total);
  return null;
}

/** Whole percent, rounded down so that 100 means done; null while the total is unknown. */
export function progressPercent(progress: Progress): number | null {
  const fraction = progressFraction(progress);
  return fraction === null ? null : Math.floor(fraction * 100);
}

/** "12 of 40 files"; "Looking for files…" before the host has counted them. */
export function filesLabel(progress: Progress, t: Translate = ENGLISH): string {
  const { files_done, files_total } = progress;
  if (files_total <= 0) return t('progress.lookingForFiles');
  return t('progress.files', { done: Math.min(files_done, files_total), count: files_total });
}

/** "3.4 MB of 120 MB", or null when the host sends no byte counts. */
export function bytesLabel(progress: Progress, t: Translate = ENGLISH): string | null {
  if (progress.bytes_total <= 0) return null;
  return t('progress.bytes', {
    done: formatBytes(Math.min(progress.bytes_done, progress.bytes_total), t),
    total: formatBytes(progress.bytes_total, t),
  });
}

function clamp(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return Math.min(value, 1);
}
