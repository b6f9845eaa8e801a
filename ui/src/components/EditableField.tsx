// One editable field of an item: saved when the person leaves it or presses Enter (Shift+Enter
// for a new line in longer text), put back with Escape; a value the host refuses stays, with why.
import { useId, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n/I18nProvider';
import { inputErrorText } from '../lib/describeError';

type Props = {
  label: string;
  value: string;
  onSave: (value: string) => Promise<unknown>;
  multiline?: boolean;
  placeholder?: string;
  /** The language of the text, for spelling and CJK glyphs. */
  lang?: string | undefined;
  testId: string;
};

export function EditableField({ label, value, onSave, multiline = false, placeholder, lang, testId }: Props) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const shown = draft ?? value;

  const commit = () => {
    if (draft === null || draft === value) {
      setDraft(null);
      return;
    }
    setSaving(true);
    onSave(draft).then(
      () => {
        setSaving(false);
        setDraft(null);
        setError(null);
      },
      (reason: unknown) => {
        setSaving(false);
        setError(inputErrorText(reason, t));
      },
    );
  };

  const common = {
    id,
    className: multiline ? 'field__input field__input--multiline' : 'field__input',
    value: shown,
    placeholder,
    lang,
    title: t('field.editHint'),
    'aria-invalid': error !== null,
    'aria-describedby': error ? `${id}-error` : undefined,
    onChange: (event: { target: { value: string } }) => {
      setDraft(event.target.value);
      setError(null);
    },
    onBlur: commit,
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
        event.preventDefault();
        commit();
      } else if (event.key === 'Escape' && (draft !== null || error !== null)) {
        event.preventDefault();
        event.stopPropagation();
        setDraft(null);
        setError(null);
      }
    },
    'data-testid': testId,
  };

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
        {saving && <span className="field__saving"> · {t('field.saving')}</span>}
      </label>
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
