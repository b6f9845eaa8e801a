// The finished import: counts, then each file that was not imported and why.
import { useId } from 'react';
import type { ImportReport } from '../bindings/ImportReport';
import { formatCount } from '../lib/format';
import { summarizeReport } from '../lib/importReport';
import { commonFolder, relativeTo, shortenPath } from '../lib/paths';
import { Icon } from './Icon';

/** Each list shows this many files; a folder of thousands would otherwise stall the window. */
const SHOWN_PER_LIST = 200;

type Entry = { path: string; reason: string };
type Props = { report: ImportReport; onDismiss: () => void };

export function ImportReportPanel({ report, onDismiss }: Props) {
  const headingId = useId();
  const { headline, tone, counts } = summarizeReport(report);
  const folder = commonFolder([
    ...report.imported.map((entry) => entry.path),
    ...report.duplicates.map((entry) => entry.path),
    ...report.skipped.map((entry) => entry.path),
    ...report.failed.map((entry) => entry.path),
  ]);
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
          aria-label="Dismiss import report"
          onClick={onDismiss}
          data-testid="import-report-dismiss"
        >
          <Icon name="close" />
        </button>
      </div>
      <dl className="import-report__counts">
        <Count label="Imported" value={counts.imported} testId="report-imported" />
        <Count label="Already in archive" value={counts.duplicates} testId="report-duplicates" />
        <Count label="Skipped" value={counts.skipped} testId="report-skipped" />
        <Count label="Failed" value={counts.failed} testId="report-failed" />
      </dl>
      {folder !== null && counts.duplicates + counts.skipped + counts.failed > 0 && (
        <p className="import-report__folder">
          Paths below are in <span title={folder}>{shortenPath(folder, 70)}</span>
        </p>
      )}
      <div className="import-report__lists">
        <EntryList
          title="Failed"
          testId="report-failed-list"
          folder={folder}
          entries={report.failed.map(({ path, error }) => ({ path, reason: error }))}
        />
        <EntryList
          title="Skipped"
          testId="report-skipped-list"
          folder={folder}
          entries={report.skipped.map(({ path, reason }) => ({ path, reason }))}
        />
        <EntryList
          title="Already in the archive"
          testId="report-duplicates-list"
          folder={folder}
          entries={report.duplicates.map(({ path, id }) => ({
            path,
            reason: `Same file as item ${String(id)}`,
          }))}
        />
      </div>
    </section>
  );
}

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className={value > 0 ? 'import-report__count' : 'import-report__count import-report__count--zero'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{formatCount(value)}</dd>
    </div>
  );
}

type ListProps = { title: string; testId: string; folder: string | null; entries: Entry[] };

function EntryList({ title, testId, folder, entries }: ListProps) {
  const headingId = useId();
  if (entries.length === 0) return null;
  const hidden = entries.length - SHOWN_PER_LIST;
  return (
    <section className="import-report__list" aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId} className="import-report__list-title">
        {title} ({formatCount(entries.length)})
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
      {hidden > 0 && <p className="import-report__more">…and {formatCount(hidden)} more.</p>}
    </section>
  );
}
