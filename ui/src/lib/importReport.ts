// Sums up an import report in a headline and counts a person can take in at a glance.
import type { ImportReport } from '../bindings/ImportReport';
import { createTranslator, type Translate } from '../i18n/translate';

export type ReportTone = 'success' | 'warning' | 'error';

export type ReportSummary = {
  headline: string;
  tone: ReportTone;
  counts: { imported: number; duplicates: number; skipped: number; failed: number };
};

const ENGLISH = createTranslator('en');

export function summarizeReport(report: ImportReport, t: Translate = ENGLISH): ReportSummary {
  const counts = {
    imported: report.imported.length,
    duplicates: report.duplicates.length,
    skipped: report.skipped.length,
    failed: report.failed.length,
  };
  return { headline: headline(report.cancelled, counts, t), tone: tone(report.cancelled, counts), counts };
}

function headline(cancelled: boolean, counts: ReportSummary['counts'], t: Translate): string {
  const { imported, duplicates, skipped, failed } = counts;
  const files = (count: number) => t('report.filesCount', { count });
  if (cancelled) {
    return imported === 0 ? t('report.cancelledNothing') : t('report.cancelledAfter', { count: imported });
  }
  if (imported > 0 && failed > 0) {
    return t('report.importedWithFailures', { count: imported, imported, failed: files(failed) });
  }
  if (imported > 0) return t('report.importedSome', { count: imported });
  if (failed > 0) return t('report.nothingFailed', { failed: files(failed) });
  if (duplicates > 0 && skipped === 0) {
    return duplicates === 1 ? t('report.nothingNewOne') : t('report.nothingNewAll', { files: files(duplicates) });
  }
  if (duplicates > 0 || skipped > 0) return t('report.nothingNew');
  return t('report.nothing');
}

function tone(cancelled: boolean, counts: ReportSummary['counts']): ReportTone {
  if (counts.failed > 0 && counts.imported === 0) return 'error';
  if (cancelled || counts.failed > 0) return 'warning';
  return 'success';
}
