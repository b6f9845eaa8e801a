// The export's place in the item area: progress with Cancel, then the file it wrote (with "Show
// in folder"), or why it could not.
import { useReportError } from '../app/notices';
import type { Exporter } from '../hooks/useExport';
import { useT } from '../i18n/I18nProvider';
import { formatBytes } from '../lib/format';
import { fileName } from '../lib/paths';
import { revealPath } from '../platform/host';
import type { ExportReport } from '../bindings/ExportReport';
import { Icon } from './Icon';
import { JobError } from './JobError';
import { JobProgress } from './JobProgress';
import './Export.css';
import './ImportStatus.css';

export function ExportStatus({ exporter }: { exporter: Exporter }) {
  const t = useT();
  const { state, stop, dismiss } = exporter;
  switch (state.phase) {
    case 'idle':
      return null;
    case 'running':
      return (
        <JobProgress
          words={{
            label: t('export.progressLabel'),
            running: t('export.exporting'),
            cancelling: t('export.cancelling'),
            starting: t('import.starting'),
            cancel: t('common.cancel'),
            bar: t('export.bar'),
            cancelFailed: (reason) => t('export.cancelFailed', { reason }),
            counted: (done, count) => t('export.progressItems', { done, count }),
          }}
          testIdPrefix="export"
          progress={state.progress}
          cancelling={state.cancelling}
          cancelError={state.cancelError}
          onCancel={stop}
        />
      );
    case 'finished':
      return <ExportResult report={state.report} onDismiss={dismiss} />;
    case 'failed':
      return <JobError title={t('export.failed')} error={state.error} testIdPrefix="export" onDismiss={dismiss} />;
  }
}

function ExportResult({ report, onDismiss }: { report: ExportReport; onDismiss: () => void }) {
  const t = useT();
  const reportError = useReportError();
  const tone = report.cancelled ? 'warning' : 'success';
  return (
    <section
      className={`import-panel import-report import-report--${tone}`}
      role="status"
      data-testid="export-result"
      data-cancelled={report.cancelled ? 'true' : 'false'}
    >
      <div className="import-report__head">
        <p className="import-panel__title" data-testid="export-headline">
          {report.cancelled ? t('export.cancelled') : t('export.done', { count: report.items })}
        </p>
        <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={onDismiss} data-testid="export-dismiss">
          <Icon name="close" />
        </button>
      </div>
      {!report.cancelled && (
        <div className="export-result__file">
          <Icon name="file" className="import-panel__icon" />
          <span className="export-result__name" title={report.output} data-testid="export-file">
            {fileName(report.output)}
          </span>
          <span className="export-result__size" data-testid="export-size">
            {formatBytes(report.bytes, t)}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => {
              revealPath(report.output).catch(reportError);
            }}
            data-testid="export-reveal"
          >
            <Icon name="folder" />
            {t('export.reveal')}
          </button>
        </div>
      )}
    </section>
  );
}
