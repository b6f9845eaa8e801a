// The running import: files done of the total, a bar, the file being read, and Cancel.
import type { Progress } from '../bindings/Progress';
import type { WireError } from '../bindings/WireError';
import { useT } from '../i18n/I18nProvider';
import { describeError } from '../lib/describeError';
import { shortenPath } from '../lib/paths';
import { bytesLabel, filesLabel, progressPercent } from '../lib/progress';

type Props = {
  progress: Progress | null;
  cancelling: boolean;
  cancelError: WireError | null;
  onCancel: () => void;
};

export function ImportProgress({ progress, cancelling, cancelError, onCancel }: Props) {
  const t = useT();
  const percent = progress === null ? null : progressPercent(progress);
  const bytes = progress === null ? null : bytesLabel(progress, t);
  const current = progress?.current ?? null;
  return (
    <section className="import-panel import-panel--progress" aria-label={t('import.progressLabel')} data-testid="import-progress">
      <div className="import-panel__body">
        <div className="import-progress__line">
          <p className="import-panel__title">{cancelling ? t('import.cancelling') : t('import.importing')}</p>
          <p className="import-progress__files" data-testid="import-files">
            {progress === null ? t('import.starting') : filesLabel(progress, t)}
          </p>
          {bytes !== null && (
            <p className="import-progress__bytes" data-testid="import-bytes">
              {bytes}
            </p>
          )}
          {percent !== null && (
            <p className="import-progress__percent" data-testid="import-percent">
              {percent}%
            </p>
          )}
        </div>
        <progress
          className="import-progress__bar"
          max={100}
          value={percent ?? undefined}
          aria-label={t('import.bar')}
          data-testid="import-bar"
        />
        <p className="import-progress__current" title={current ?? undefined} data-testid="import-current">
          {current === null ? '\u00a0' : shortenPath(current, 90)}
        </p>
        {cancelError && (
          <p className="import-panel__detail" role="alert" data-testid="import-cancel-error">
            {t('import.cancelFailed', { reason: describeError(cancelError, t).summary })}
          </p>
        )}
      </div>
      <button
        type="button"
        className="button"
        onClick={onCancel}
        disabled={cancelling}
        data-testid="import-cancel"
      >
        {cancelling ? t('import.cancelling') : t('import.cancel')}
      </button>
    </section>
  );
}
