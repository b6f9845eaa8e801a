// The search box: results follow as you type; Escape clears it; a refused query says why under it.
import type { Ref } from 'react';
import { useT } from '../i18n/I18nProvider';
import { Icon } from './Icon';

type Props = { value: string; onChange: (value: string) => void; error: string | null; ref?: Ref<HTMLInputElement> };

export function SearchBox({ value, onChange, error, ref }: Props) {
  const t = useT();
  return (
    <div className="search-box" role="search">
      <Icon name="search" className="search-box__icon" />
      <input
        ref={ref}
        type="search"
        className="search-box__input"
        aria-label={t('search.label')}
        aria-invalid={error !== null}
        aria-describedby={error ? 'search-error' : undefined}
        placeholder={t('search.placeholder')}
        value={value}
        spellCheck={false}
        onChange={(event) => {
          onChange(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && value !== '') {
            event.preventDefault();
            event.stopPropagation();
            onChange('');
          }
        }}
        data-testid="search-input"
      />
      {value !== '' && (
        <button
          type="button"
          className="icon-button icon-button--small search-box__clear"
          aria-label={t('search.clear')}
          onClick={() => {
            onChange('');
          }}
          data-testid="search-clear"
        >
          <Icon name="close" />
        </button>
      )}
      {error && (
        <p id="search-error" className="search-box__error" role="alert" data-testid="search-error">
          {t('search.invalid', { message: error })}
        </p>
      )}
    </div>
  );
}
