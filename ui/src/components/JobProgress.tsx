// A running host job (import, export, verify): files done of the total, a bar, the file at hand,
// and Cancel when the job can be cancelled. Test ids start with `testIdPrefix`.
import type { Progress } from '../bindings/Progress';
import type { WireError } from '../bindings/WireError';
import { useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';
import { describeError } from '../lib/describeError';
import { shortenPath } from '../lib/paths';
import { bytesLabel, filesLabel, progressPercent } from '../lib/progress';

export type JobWords = {
  /** The panel's name for screen readers. */
  label: string;
  running: string;
  cancelling: string;
  starting: string;
  cancel: string;
  bar: string;
  cancelFailed: (reason: string) => string;
  /** "2 of 5 items" for a job that counts something other than files. */
  counted?: ((done: number, total: number) => string) | undefined;
};

type Props = {
  words: JobWords;
  testIdPrefix: string;
  progress: Progress | null;
  cancelling: boolean;
  cancelError: WireError | null;
  /** Absent for a job that cannot be cancelled. */
  onCancel?: (() => void) | undefined;
};

function countLabel(progress: Progress, words: JobWords, t: Translate): string {
  if (!words.counted || progress.files_total <= 0) return filesLabel(progress, t);
  return words.counted(Math.min(progress.files_done, progress.files_total), progress.files_total);
}

export function JobProgress({ words, testIdPrefix: id, progress, cancelling, cancelError, onCancel }: Props) {
  const t = useT();
  const percent = progress === null ? null : progressPercent(progress);
  const bytes = progress === null ? null : bytesLabel(progress, t);
  const current = progress?.current ?? null;
  return (
    <section className="import-panel import-panel--progress" aria-label={words.label} data-testid={`${id}-progress`}>
      <div className="import-panel__body">
        <div className="import-progress__line">
          <p className="import-panel__title">{cancelling ? words.cancelling : words.running}</p>
          <p className="import-progress__files" data-testid={`${id}-files`}>
            {progress === null ? words.starting : countLabel(progress, words, t)}
          </p>
          {bytes !== null && (
            <p className="import-progress__bytes" data-testid={`${id}-bytes`}>
              {bytes}
            </p>
          )}
          {percent !== null && (
            <p className="import-progress__percent" data-testid={`${id}-percent`}>
              {percent}%
            </p>
          )}
        </div>
        <progress
          className="import-progress__bar"
          max={100}
          value={percent ?? undefined}
          aria-label={words.bar}
          data-testid={`${id}-bar`}
        />
        <p className="import-progress__current" title={current ?? undefined} data-testid={`${id}-current`}>
          {current === null ? '\u00a0' : shortenPath(current, 90)}
        </p>
        {cancelError && (
          <p className="import-panel__detail" role="alert" data-testid={`${id}-cancel-error`}>
            {words.cancelFailed(describeError(cancelError, t).summary)}
          </p>
        )}
      </div>
      {onCancel && (
        <button type="button" className="button" onClick={onCancel} disabled={cancelling} data-testid={`${id}-cancel`}>
          {cancelling ? words.cancelling : words.cancel}
        </button>
      )}
    </section>
  );
}
