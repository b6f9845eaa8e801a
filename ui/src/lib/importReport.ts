// Sums up an import report in a headline and counts a person can take in at a glance.
import type { ImportReport } from '../bindings/ImportReport';
import { formatCount } from './format';

export type ReportTone = 'success' | 'warning' | 'error';

export type ReportSummary = {
  headline: string;
  tone: ReportTone;
  counts: { imported: number; duplicates: number; skipped: number; failed: number };
};

/** "1 file", "3 files", "1,204 items". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

export function summarizeReport(report: ImportReport): ReportSummary {
  const counts = {
    imported: report.imported.length,
    duplicates: report.duplicates.length,
    skipped: report.skipped.length,
    failed: report.failed.length,
  };
  return { headline: headline(report.cancelled, counts), tone: tone(report.cancelled, counts), counts };
}

function headline(cancelled: boolean, counts: ReportSummary['counts']): string {
  const { imported, duplicates, skipped, failed } = counts;
  if (cancelled) {
    return imported === 0
      ? 'Import cancelled before anything was imported.'
      : `Import cancelled after ${plural(imported, 'item')} had been imported.`;
  }
  if (imported > 0 && failed > 0) {
    return `Imported ${plural(imported, 'item')}; ${plural(failed, 'file')} could not be imported.`;
  }
  if (imported > 0) return `Imported ${plural(imported, 'item')}.`;
  if (failed > 0) return `Nothing was imported: ${plural(failed, 'file')} could not be imported.`;
  if (duplicates > 0 && skipped === 0) {
    return duplicates === 1
      ? 'Nothing new: the file is already in the archive.'
      : `Nothing new: all ${plural(duplicates, 'file')} are already in the archive.`;
  }
  if (duplicates > 0 || skipped > 0) return 'Nothing new was imported.';
  return 'There was nothing to import.';
}

function tone(cancelled: boolean, counts: ReportSummary['counts']): ReportTone {
  if (counts.failed > 0 && counts.imported === 0) return 'error';
  if (cancelled || counts.failed > 0) return 'warning';
  return 'success';
}
