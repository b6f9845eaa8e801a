// OCR in the item area: while the host reads scans in the background (after an import, or what
// was left when Folio last quit), the items read of those queued, the page at hand, and Cancel.
import { useCallback, useState } from 'react';
import type { Progress } from '../bindings/Progress';
import type { WireError } from '../bindings/WireError';
import { useSubscription } from '../hooks/useSubscription';
import { useT } from '../i18n/I18nProvider';
import { toWireError } from '../lib/wireError';
import { cancelOcr, onOcrFinished, onProgress } from '../platform/host';
import { JobProgress } from './JobProgress';
import './ImportStatus.css';

type Running = { progress: Progress; cancelling: boolean; cancelError: WireError | null };

export function OcrStatus() {
  const t = useT();
  const [running, setRunning] = useState<Running | null>(null);

  const subscribeProgress = useCallback(
    () =>
      onProgress((progress) => {
        if (progress.job !== 'ocr') return;
        setRunning((current) => ({ cancelling: false, cancelError: null, ...current, progress }));
      }),
    [],
  );
  const subscribeFinished = useCallback(
    () =>
      onOcrFinished(() => {
        setRunning(null);
      }),
    [],
  );
  useSubscription(subscribeProgress, 'OCR progress');
  useSubscription(subscribeFinished, 'OCR finished');

  if (running === null) return null;
  const cancel = () => {
    setRunning((current) => current && { ...current, cancelling: true, cancelError: null });
    cancelOcr().catch((error: unknown) => {
      setRunning((current) => current && { ...current, cancelling: false, cancelError: toWireError(error) });
    });
  };
  return (
    <JobProgress
      words={{
        label: t('ocr.progressLabel'),
        running: t('ocr.running'),
        cancelling: t('ocr.cancelling'),
        starting: t('import.starting'),
        cancel: t('common.cancel'),
        bar: t('ocr.bar'),
        cancelFailed: (reason) => reason,
        counted: (done, count) => t('export.progressItems', { done, count }),
      }}
      testIdPrefix="ocr"
      progress={running.progress}
      cancelling={running.cancelling}
      cancelError={running.cancelError}
      onCancel={cancel}
    />
  );
}
