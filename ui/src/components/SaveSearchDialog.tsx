// Names the current query and saves it; it then appears under "Saved searches".
import { useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import { inputErrorText } from '../lib/describeError';
import { Dialog } from './Dialog';

type Props = { query: string; onSave: (name: string) => Promise<void>; onClose: () => void };

export function SaveSearchDialog({ query, onSave, onClose }: Props) {
  const t = useT();
  const [name, setName] = useState(query.trim().slice(0, 60));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = () => {
    setBusy(true);
    onSave(name.trim()).then(onClose, (reason: unknown) => {
      setBusy(false);
      setError(inputErrorText(reason, t));
    });
  };
  return (
    <Dialog
      title={t('search.save')}
      onClose={onClose}
      testId="save-search-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            form="save-search-form"
            className="button button--primary"
            disabled={busy || name.trim() === ''}
            data-testid="save-search-confirm"
          >
            {t('search.saveConfirm')}
          </button>
        </>
      }
    >
      <form
        id="save-search-form"
        className="field-group"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <label className="field-group__legend" htmlFor="save-search-name">
          {t('search.saveName')}
        </label>
        <input
          id="save-search-name"
          className="text-input"
          value={name}
          // The dialog opens to name the search: the box is where the person starts typing.
          autoFocus
          onChange={(event) => {
            setName(event.target.value);
            setError(null);
          }}
          data-testid="save-search-name"
        />
        <code className="save-search__query">{query}</code>
        {error && (
          <p className="dialog__error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
