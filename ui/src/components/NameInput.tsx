// An inline text box for naming something (a new collection, a rename): Enter saves, Escape
// cancels, and a name the host refuses stays in the box with the reason under it.
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import { inputErrorText } from '../lib/describeError';

type Props = {
  label: string;
  initial?: string;
  /** Resolves when saved; a rejection is shown under the box. */
  onSave: (name: string) => Promise<void>;
  onCancel: () => void;
  testId?: string;
};

export function NameInput({ label, initial = '', onSave, onCancel, testId }: Props) {
  const t = useT();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const save = () => {
    const name = value.trim();
    if (name === '' || name === initial) {
      onCancel();
      return;
    }
    setSaving(true);
    onSave(name).catch((reason: unknown) => {
      setSaving(false);
      setError(inputErrorText(reason, t));
      input.current?.focus();
    });
  };

  return (
    <div className="name-input">
      <input
        ref={input}
        className="name-input__box"
        aria-label={label}
        aria-invalid={error !== null}
        value={value}
        disabled={saving}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            save();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            onCancel();
          }
        }}
        onBlur={() => {
          // Leaving the box with a refused name keeps nothing; with a fresh one, saves it.
          if (!saving && error === null) save();
          else if (error !== null) onCancel();
        }}
        data-testid={testId}
      />
      {error && (
        <p className="name-input__error" role="alert" data-testid="name-input-error">
          {error}
        </p>
      )}
    </div>
  );
}
