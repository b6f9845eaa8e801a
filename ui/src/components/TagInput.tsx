// A text box that adds a tag, suggesting existing tags as you type (a combobox): arrows choose a
// suggestion, Enter adds it (or the typed text as a new tag), Escape closes the suggestions.
import { useId, useState } from 'react';
import { useTags } from '../hooks/useHostData';
import { useT } from '../i18n/I18nProvider';
import { suggestTags } from '../lib/tagTree';

type Props = {
  /** Tags not to suggest (the item has them already). */
  exclude: readonly string[];
  onAdd: (tag: string) => Promise<unknown>;
  label: string;
  testId: string;
};

export function TagInput({ exclude, onAdd, label, testId }: Props) {
  const t = useT();
  const listId = useId();
  const tags = useTags();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);

  const typed = text.trim();
  const suggestions = suggestTags(tags.data ?? [], typed, exclude).map((tag) => tag.name);
  const exact = suggestions.some((name) => name.toLowerCase() === typed.toLowerCase());
  const options = typed !== '' && !exact ? [...suggestions, typed] : suggestions;
  const showing = open && options.length > 0;

  const add = (tag: string) => {
    if (tag.trim() === '' || busy) return;
    setBusy(true);
    onAdd(tag.trim()).then(
      () => {
        setText('');
        setActive(-1);
        setBusy(false);
      },
      () => {
        // The caller reports the failure; keep the text to fix or retry.
        setBusy(false);
      },
    );
  };

  return (
    <div className="tag-input">
      <input
        className="field__input"
        role="combobox"
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={showing}
        aria-controls={listId}
        aria-activedescendant={showing && active >= 0 ? `${listId}-${String(active)}` : undefined}
        placeholder={t('tags.addPlaceholder')}
        value={text}
        disabled={busy}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => {
          setOpen(true);
        }}
        onBlur={() => {
          setOpen(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
            setActive((current) => Math.min(options.length - 1, current + 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((current) => Math.max(-1, current - 1));
          } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
            event.preventDefault();
            add(showing && active >= 0 ? (options[active] ?? typed) : typed);
          } else if (event.key === 'Escape' && (showing || text !== '')) {
            event.preventDefault();
            event.stopPropagation();
            if (showing) setOpen(false);
            else setText('');
          }
        }}
        data-testid={testId}
      />
      {showing && (
        <ul id={listId} role="listbox" aria-label={t('tags.suggestions')} className="tag-input__list" data-testid="tag-suggestions">
          {options.map((option, index) => {
            const isNew = index >= suggestions.length;
            return (
              <li
                key={`${option}:${String(isNew)}`}
                id={`${listId}-${String(index)}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'tag-input__option is-active' : 'tag-input__option'}
                // Keep the focus in the box: a click must not blur it before it counts.
                onMouseDown={(event) => {
                  event.preventDefault();
                }}
                onClick={() => {
                  add(option);
                }}
                data-testid="tag-suggestion"
              >
                {isNew ? t('tags.newTag', { name: option }) : option}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
