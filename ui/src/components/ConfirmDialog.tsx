// Asks before something that cannot be undone (emptying the Trash, deleting a collection).
import { useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import { describeError } from '../lib/describeError';
import { Dialog } from './Dialog';

type Props = {
  title: string;
  text: string;
  confirmLabel: string;
  /** Resolves when done (with whatever the action answers); a rejection keeps the dialog open and shows why. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  testId?: string | undefined;
};

export function ConfirmDialog({ title, text, confirmLabel, onConfirm, onClose, testId }: Props) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    setBusy(true);
    setError(null);
    onConfirm().then(onClose, (reason: unknown) => {
      setBusy(false);
      setError(describeError(reason, t).summary);
    });
  };
  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId={testId}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} data-testid="confirm-cancel">
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={confirm}
            disabled={busy}
            data-testid="confirm-ok"
            // The destructive choice is never the default: focus starts on Cancel.
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{text}</p>
      {error && (
        <p className="dialog__error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
