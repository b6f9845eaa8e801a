// Import → From a link…: one web address; Enter imports it.
import { useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import { typedLink } from '../lib/links';
import { Dialog } from './Dialog';

type Props = { onImport: (link: string) => void; onClose: () => void };

export function LinkDialog({ onImport, onClose }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = () => {
    const link = typedLink(text);
    if (link === null) {
      setInvalid(true);
      return;
    }
    onClose();
    onImport(link);
  };
  return (
    <Dialog
      title={t('import.linkTitle')}
      onClose={onClose}
      testId="link-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            form="link-form"
            className="button button--primary"
            disabled={text.trim() === ''}
            data-testid="link-confirm"
          >
            {t('import.linkConfirm')}
          </button>
        </>
      }
    >
      {/* The browser's own check of a URL field would refuse `news.example.org/story`. */}
      <form
        id="link-form"
        className="field-group"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="field-group__legend" htmlFor="link-address">
          {t('import.linkLabel')}
        </label>
        <input
          id="link-address"
          className="text-input"
          type="url"
          inputMode="url"
          placeholder="https://"
          value={text}
          autoFocus
          spellCheck={false}
          onChange={(event) => {
            setText(event.target.value);
            setInvalid(false);
          }}
          aria-invalid={invalid}
          aria-describedby="link-hint"
          data-testid="link-address"
        />
        <p id="link-hint" className="field-group__hint">
          {t('import.linkHint')}
        </p>
        {invalid && (
          <p className="dialog__error" role="alert" data-testid="link-invalid">
            {t('import.linkInvalid')}
          </p>
        )}
      </form>
    </Dialog>
  );
}
