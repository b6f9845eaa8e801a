// The running import: files done of the total, a bar, the file being read, and Cancel.
import type { Progress } from '../bindings/Progress';
import type { WireError } from '../bindings/WireError';
import { useT } from '../i18n/I18nProvider';
import { JobProgress } from './JobProgress';

type Props = {
  progress: Progress | null;
  cancelling: boolean;
  cancelError: WireError | null;
  onCancel: () => void;
};

export function ImportProgress(props: Props) {
  const t = useT();
  const words = {
    label: t('import.progressLabel'),
    running: t('import.importing'),
    cancelling: t('import.cancelling'),
    starting: t('import.starting'),
    cancel: t('import.cancel'),
    bar: t('import.bar'),
    cancelFailed: (reason: string) => t('import.cancelFailed', { reason }),
  };
  return <JobProgress words={words} testIdPrefix="import" {...props} />;
}
