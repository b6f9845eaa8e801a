// The import's place in the item area: progress while it runs, then its report or its error.
import type { Importer } from '../hooks/useImport';
import { useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';
import { describeError } from '../lib/describeError';
import { summarizeReport } from '../lib/importReport';
import { ImportProgress } from './ImportProgress';
import { JobError } from './JobError';
import { ImportReportPanel } from './ImportReportPanel';
import './ImportStatus.css';

type Props = { importer: Importer };

export function ImportStatus({ importer }: Props) {
  const t = useT();
  const { state, cancel, dismiss } = importer;
  return (
    <>
      {/* Always mounted, so screen readers hear each change of phase. */}
      <p className="visually-hidden" aria-live="polite" data-testid="import-announcement">
        {announcement(importer.state, t)}
      </p>
      {state.phase === 'running' && (
        <ImportProgress
          progress={state.progress}
          cancelling={state.cancelling}
          cancelError={state.cancelError}
          onCancel={cancel}
        />
      )}
      {state.phase === 'finished' && state.folder !== undefined && (
        <p className="import-status__source" data-testid="import-watch-folder">
          {t('watch.importedFrom', { folder: state.folder })}
        </p>
      )}
      {state.phase === 'finished' && <ImportReportPanel report={state.report} onDismiss={dismiss} />}
      {state.phase === 'failed' && (
        <JobError
          title={state.during === 'pick' ? t('import.pickFailed') : t('import.failed')}
          error={state.error}
          testIdPrefix="import"
          onDismiss={dismiss}
        />
      )}
    </>
  );
}

function announcement(state: Importer['state'], t: Translate): string {
  switch (state.phase) {
    case 'idle':
      return '';
    case 'running':
      return state.cancelling ? t('import.announceCancelling') : t('import.announceRunning');
    case 'finished':
      return summarizeReport(state.report, t).headline;
    case 'failed':
      return describeError(state.error, t).summary;
  }
}
