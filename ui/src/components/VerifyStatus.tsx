// "Verify archive" in the item area: progress while the host checks, then the archive is intact,
// or what is missing, changed or stray, with what to do about each.
import type { ReactNode } from 'react';
import type { VerifyReport } from '../bindings/VerifyReport';
import type { Verifier } from '../hooks/useVerify';
import { useT } from '../i18n/I18nProvider';
import { formatCount } from '../lib/format';
import { shortenPath } from '../lib/paths';
import { summarizeVerify } from '../lib/verifyReport';
import { Icon } from './Icon';
import { JobError } from './JobError';
import { JobProgress } from './JobProgress';
import './ImportStatus.css';

/** Each list shows this many files; an archive that lost its disk would list them all. */
const SHOWN_PER_LIST = 100;

export function VerifyStatus({ verifier }: { verifier: Verifier }) {
  const t = useT();
  const { state, dismiss } = verifier;
  switch (state.phase) {
    case 'idle':
      return null;
    case 'running':
      return (
        <JobProgress
          words={{
            label: t('verify.progressLabel'),
            running: t('verify.running'),
            cancelling: t('verify.running'),
            starting: t('import.starting'),
            cancel: t('common.cancel'),
            bar: t('verify.bar'),
            cancelFailed: (reason) => reason,
          }}
          testIdPrefix="verify"
          progress={state.progress}
          cancelling={false}
          cancelError={null}
        />
      );
    case 'finished':
      return <VerifyResult report={state.report} onDismiss={dismiss} />;
    case 'failed':
      return <JobError title={t('verify.failed')} error={state.error} testIdPrefix="verify" onDismiss={dismiss} />;
  }
}

function VerifyResult({ report, onDismiss }: { report: VerifyReport; onDismiss: () => void }) {
  const t = useT();
  const summary = summarizeVerify(report);
  let headline: string;
  if (summary.intact) headline = t('verify.intact', { count: report.checked });
  else if (report.cancelled) headline = t('verify.stopped');
  else headline = summary.damaged ? t('verify.damaged') : t('verify.orphansOnly');
  return (
    <section
      className={`import-panel import-report import-report--${summary.tone}`}
      role="status"
      data-testid="verify-result"
      data-intact={summary.intact ? 'true' : 'false'}
    >
      <div className="import-report__head">
        <p className="import-panel__title" data-testid="verify-headline">
          {headline}
        </p>
        <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={onDismiss} data-testid="verify-dismiss">
          <Icon name="close" />
        </button>
      </div>
      {!summary.intact && (
        <>
          <dl className="import-report__counts">
            <Count label={t('verify.checked')} value={report.checked} testId="verify-checked" />
            <Count label={t('verify.ok')} value={report.ok} testId="verify-ok" />
            <Count label={t('verify.missing')} value={report.missing.length} testId="verify-missing" />
            <Count label={t('verify.corrupt')} value={report.corrupt.length} testId="verify-corrupt" />
            <Count label={t('verify.orphans')} value={report.orphans.length} testId="verify-orphans" />
          </dl>
          {!summary.databaseOk && (
            <p className="import-panel__detail" data-testid="verify-database">
              {t('verify.database', { detail: report.database })}
            </p>
          )}
          {summary.damaged && <p data-testid="verify-advice-restore">{t('verify.adviceRestore')}</p>}
          {report.orphans.length > 0 && <p data-testid="verify-advice-orphans">{t('verify.adviceOrphans')}</p>}
          <div className="import-report__lists">
            <FileList
              title={t('verify.missingList')}
              testId="verify-missing-list"
              entries={report.missing.map((m) => ({ path: m.path, note: t('verify.usedBy', { count: m.item_ids.length }) }))}
            />
            <FileList
              title={t('verify.corruptList')}
              testId="verify-corrupt-list"
              entries={report.corrupt.map((c) => ({ path: c.path, note: t('verify.changed') }))}
            />
            <FileList
              title={t('verify.orphansList')}
              testId="verify-orphans-list"
              entries={report.orphans.map((o) => ({ path: o.path, note: null }))}
            />
          </div>
        </>
      )}
    </section>
  );
}

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  const t = useT();
  return (
    <div className={value === 0 ? 'import-report__count import-report__count--zero' : 'import-report__count'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{formatCount(value, t)}</dd>
    </div>
  );
}

type Entry = { path: string; note: string | null };

function FileList({ title, entries, testId }: { title: string; entries: Entry[]; testId: string }): ReactNode {
  const t = useT();
  if (entries.length === 0) return null;
  return (
    <section data-testid={testId}>
      <h3 className="import-report__list-title">{title}</h3>
      <ul>
        {entries.slice(0, SHOWN_PER_LIST).map((entry) => (
          <li key={entry.path} className="import-report__entry" data-testid="verify-entry">
            <span className="import-report__path" title={entry.path}>
              {shortenPath(entry.path, 70)}
            </span>
            <span className="import-report__reason">{entry.note ?? '\u00a0'}</span>
          </li>
        ))}
      </ul>
      {entries.length > SHOWN_PER_LIST && (
        <p className="import-report__more">{t('report.more', { count: entries.length - SHOWN_PER_LIST })}</p>
      )}
    </section>
  );
}
