// The finished import: counts, then each file that was not imported and why.
import { useId } from 'react';
import { useT } from '../i18n/I18nProvider';
import type { ImportReport } from '../bindings/ImportReport';
import { formatCount } from '../lib/format';
import { summarizeReport } from '../lib/importReport';
import { isWebAddress } from '../lib/links';
import { commonFolder, relativeTo, shortenPath } from '../lib/paths';
import { Icon } from './Icon';

/** Each list shows this many files; a folder of thousands would otherwise stall the window. */
const SHOWN_PER_LIST = 200;

type Entry = { path: string; reason: string };
type Props = { report: ImportReport; onDismiss: () => void };

export function ImportReportPanel({ report, onDismiss }: Props) {
  const t = useT();
  const headingId = useId();
  const { headline, tone, counts } = summarizeReport(report, t);
  // The folder is an element inside the sentence: split the sentence where it goes.
  const [beforeFolder = '', afterFolder = ''] = t('report.pathsIn', { folder: '\u0000' }).split('\u0000');
  // Web addresses are shown whole: they lie in no folder.
  const folder = commonFolder(
    [
      ...report.imported.map((entry) => entry.path),
      ...report.duplicates.map((entry) => entry.path),
      ...report.skipped.map((entry) => entry.path),
      ...report.failed.map((entry) => entry.path),
    ].filter((path) => !isWebAddress(path)),
  );
  return (
    <section
      className={`import-panel import-report import-report--${tone}`}
      aria-labelledby={headingId}
      data-testid="import-report"
      data-cancelled={report.cancelled ? 'true' : 'false'}
    >
      <div className="import-report__head">
        <h2 id={headingId} className="import-panel__title" data-testid="import-report-headline">
          {headline}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('report.dismiss')}
          onClick={onDismiss}
          data-testid="import-report-dismiss"
        >
          <Icon name="close" />
        </button>
      </div>
      <dl className="import-report__counts">
        <Count label={t('report.imported')} value={counts.imported} testId="report-imported" />
        <Count label={t('report.duplicates')} value={counts.duplicates} testId="report-duplicates" />
        <Count label={t('report.skipped')} value={counts.skipped} testId="report-skipped" />
        <Count label={t('report.failed')} value={counts.failed} testId="report-failed" />
      </dl>
      {folder !== null && counts.duplicates + counts.skipped + counts.failed > 0 && (
        <p className="import-report__folder">
          {beforeFolder}
          <span title={folder}>{shortenPath(folder, 70)}</span>
          {afterFolder}
        </p>
      )}
      <div className="import-report__lists">
        <EntryList
          title={t('report.failedList')}
          testId="report-failed-list"
          folder={folder}
          entries={report.failed.map(({ path, error }) => ({ path, reason: error }))}
        />
        <EntryList
          title={t('report.skippedList')}
          testId="report-skipped-list"
          folder={folder}
          entries={report.skipped.map(({ path, reason }) => ({ path, reason }))}
        />
        <EntryList
          title={t('report.duplicatesList')}
          testId="report-duplicates-list"
          folder={folder}
          entries={report.duplicates.map(({ path, id }) => ({
            path,
            reason: t('report.sameAs', { id: String(id) }),
          }))}
        />
      </div>
    </section>
  );
}

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  const t = useT();
  return (
    <div className={value > 0 ? 'import-report__count' : 'import-report__count import-report__count--zero'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{formatCount(value, t)}</dd>
    </div>
  );
}

type ListProps = { title: string; testId: string; folder: string | null; entries: Entry[] };

function EntryList({ title, testId, folder, entries }: ListProps) {
  const t = useT();
  const headingId = useId();
  if (entries.length === 0) return null;
  const hidden = entries.length - SHOWN_PER_LIST;
  return (
    <section className="import-report__list" aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId} className="import-report__list-title">
        {t('report.listTitle', { title, count: entries.length })}
      </h3>
      <ul>
        {entries.slice(0, SHOWN_PER_LIST).map((entry, index) => (
          <li key={`${String(index)}:${entry.path}`} className="import-report__entry" data-testid="report-entry">
            <span className="import-report__path" title={entry.path} data-testid="report-entry-path">
              {shortenPath(relativeTo(entry.path, folder), 64)}
            </span>
            <span className="import-report__reason" data-testid="report-entry-reason">
              {entry.reason}
            </span>
          </li>
        ))}
      </ul>
      {hidden > 0 && <p className="import-report__more">{t('report.more', { count: hidden })}</p>}
    </section>
  );
}
