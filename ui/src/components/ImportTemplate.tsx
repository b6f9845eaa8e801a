// Beside the Import button: the ingest template the next imports of files and folders apply
// (from the menu, a drop or files opened with Folio) and whether it fills only empty fields or
// replaces them. Shown only when the archive has templates.
import { useEffect } from 'react';
import type { TemplateMode } from '../bindings/TemplateMode';
import type { TemplateChoice } from '../hooks/useImport';
import { useTemplates } from '../hooks/useHostData';
import { useT } from '../i18n/I18nProvider';
import './ImportMenu.css';

type Props = {
  enabled: boolean;
  busy: boolean;
  choice: TemplateChoice;
  onChoose: (choice: TemplateChoice) => void;
};

export function ImportTemplate({ enabled, busy, choice, onChoose }: Props) {
  const t = useT();
  const templates = useTemplates(enabled);
  const names = (templates.data ?? []).map((template) => template.name);
  const chosenName = choice?.name;
  // A template deleted since it was chosen is no longer applied.
  useEffect(() => {
    if (chosenName !== undefined && templates.data && !templates.data.some((x) => x.name === chosenName)) {
      onChoose(null);
    }
  }, [chosenName, templates.data, onChoose]);
  if (names.length === 0 && choice === null) return null;
  return (
    <div className="import-template" role="group" aria-label={t('import.template')}>
      <select
        className="field__input field__select"
        aria-label={t('import.template')}
        title={t('import.template')}
        value={choice?.name ?? ''}
        disabled={busy}
        onFocus={() => void templates.refetch()}
        onChange={(event) => {
          const template = templates.data?.find((x) => x.name === event.target.value);
          onChoose(template ? { name: template.name, mode: template.mode } : null);
        }}
        data-testid="import-template"
      >
        <option value="">{t('import.templateNone')}</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {t('import.templateNamed', { name })}
          </option>
        ))}
      </select>
      {choice !== null && (
        <select
          className="field__input field__select"
          aria-label={t('import.templateMode')}
          title={t('import.templateMode')}
          value={choice.mode}
          disabled={busy}
          onChange={(event) => {
            onChoose({ name: choice.name, mode: event.target.value as TemplateMode });
          }}
          data-testid="import-template-mode"
        >
          <option value="fill_empty">{t('import.templateFillEmpty')}</option>
          <option value="replace">{t('import.templateReplace')}</option>
        </select>
      )}
    </div>
  );
}
