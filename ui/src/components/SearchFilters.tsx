// Filter chips under the search box — kind, language, tag, date — that write their filter into
// the query text (`kind:photo`, `lang:ru`, `tag:"…"`, `date:2018`), and "Save search…".
import { useState, type ReactNode } from 'react';
import type { TagCount } from '../bindings/TagCount';
import { useT } from '../i18n/I18nProvider';
import { languageName } from '../lib/items';
import { fieldValue, setField, type ChipField } from '../lib/queryText';
import './SearchFilters.css';

const LANGUAGES = ['en', 'zh', 'ru'] as const;
const DATE = /^\d{4}(-(0[1-9]|1[0-2]))?$/;

type Props = {
  text: string;
  onChange: (text: string) => void;
  tags: readonly TagCount[];
  onSave: () => void;
};

export function SearchFilters({ text, onChange, tags, onSave }: Props) {
  const t = useT();
  const set = (field: ChipField, value: string | null) => {
    onChange(setField(text, field, value));
  };
  const kind = fieldValue(text, 'kind');
  const lang = fieldValue(text, 'lang');
  const tag = fieldValue(text, 'tag');
  const languages = lang !== null && !(LANGUAGES as readonly string[]).includes(lang) ? [...LANGUAGES, lang] : LANGUAGES;
  const tagNames = tags.map((entry) => entry.name);
  if (tag !== null && !tagNames.some((name) => name.toLowerCase() === tag.toLowerCase())) tagNames.push(tag);

  return (
    <div className="search-filters" role="group" aria-label={t('search.filters')} data-testid="search-filters">
      <Chip label={t('search.kind')} active={kind !== null}>
        <select
          value={kind ?? ''}
          onChange={(event) => {
            set('kind', event.target.value || null);
          }}
          data-testid="chip-kind"
        >
          <option value="">{t('search.any')}</option>
          <option value="article">{t('kind.article')}</option>
          <option value="photo">{t('kind.photo')}</option>
        </select>
      </Chip>
      <Chip label={t('search.language')} active={lang !== null}>
        <select
          value={lang ?? ''}
          onChange={(event) => {
            set('lang', event.target.value || null);
          }}
          data-testid="chip-lang"
        >
          <option value="">{t('search.any')}</option>
          {languages.map((code) => (
            <option key={code} value={code}>
              {languageName(code, t.locale)}
            </option>
          ))}
        </select>
      </Chip>
      <Chip label={t('search.tag')} active={tag !== null}>
        <select
          value={tagNames.find((name) => name.toLowerCase() === tag?.toLowerCase()) ?? ''}
          onChange={(event) => {
            set('tag', event.target.value || null);
          }}
          data-testid="chip-tag"
        >
          <option value="">{t('search.any')}</option>
          {tagNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </Chip>
      <DateChip
        value={fieldValue(text, 'date')}
        onChange={(value) => {
          set('date', value);
        }}
      />
      <button
        type="button"
        className="button button--small search-filters__save"
        onClick={onSave}
        disabled={text.trim() === ''}
        data-testid="search-save"
      >
        {t('search.save')}
      </button>
    </div>
  );
}

function Chip({ label, active, children }: { label: string; active: boolean; children: ReactNode }) {
  return (
    <label className={active ? 'chip chip--active' : 'chip'}>
      <span className="chip__label">{label}</span>
      {children}
    </label>
  );
}

/** A year or year and month, applied on Enter or when leaving the box. */
function DateChip({ value, onChange }: { value: string | null; onChange: (value: string | null) => void }) {
  const t = useT();
  // What is typed, until applied; the query text is the truth otherwise.
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value ?? '';
  const invalid = shown.trim() !== '' && !DATE.test(shown.trim());
  const apply = () => {
    if (draft === null) return;
    if (invalid) return;
    onChange(draft.trim() === '' ? null : draft.trim());
    setDraft(null);
  };
  return (
    <label className={value !== null ? 'chip chip--active' : 'chip'} title={invalid ? t('search.dateInvalid') : undefined}>
      <span className="chip__label">{t('search.date')}</span>
      <input
        className="chip__input"
        value={shown}
        placeholder={t('search.datePlaceholder')}
        inputMode="numeric"
        aria-invalid={invalid}
        onChange={(event) => {
          setDraft(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            apply();
          } else if (event.key === 'Escape') {
            setDraft(null);
          }
        }}
        onBlur={apply}
        data-testid="chip-date"
      />
    </label>
  );
}
