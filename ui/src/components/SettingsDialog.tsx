// Settings: the theme (follow the system, light, dark), the UI language, watch folders, OCR of
// photos, and verifying the archive.
import type { LanguageChoice, Settings, ThemeChoice } from '../lib/settings';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/translate';
import { Dialog } from './Dialog';
import { OcrSection } from './OcrSection';
import { WatchFoldersSection } from './WatchFoldersSection';

const THEMES: readonly { value: ThemeChoice; label: MessageKey }[] = [
  { value: 'system', label: 'settings.themeSystem' },
  { value: 'light', label: 'settings.themeLight' },
  { value: 'dark', label: 'settings.themeDark' },
];

/** Each language is named in itself, so a person can find theirs whatever the UI shows. */
const LANGUAGES: readonly { value: LanguageChoice; name: string | null }[] = [
  { value: 'system', name: null },
  { value: 'en', name: 'English' },
  { value: 'zh', name: '简体中文' },
  { value: 'ru', name: 'Русский' },
];

type Props = {
  settings: Settings;
  onChange: (changes: Partial<Settings>) => void;
  onClose: () => void;
  /** Starts verifying the archive (the dialog closes; the item area shows the progress); absent while it runs. */
  onVerify?: (() => void) | undefined;
};

export function SettingsDialog({ settings, onChange, onClose, onVerify }: Props) {
  const t = useT();
  return (
    <Dialog
      title={t('settings.title')}
      onClose={onClose}
      testId="settings-dialog"
      footer={
        <button type="button" className="button button--primary" onClick={onClose} data-testid="settings-done">
          {t('settings.done')}
        </button>
      }
    >
      <fieldset className="field-group">
        <legend className="field-group__legend">{t('settings.theme')}</legend>
        {THEMES.map((theme) => (
          <label key={theme.value} className="choice">
            <input
              type="radio"
              name="theme"
              value={theme.value}
              checked={settings.theme === theme.value}
              onChange={() => {
                onChange({ theme: theme.value });
              }}
              data-testid={`theme-${theme.value}`}
            />
            {t(theme.label)}
          </label>
        ))}
      </fieldset>
      <fieldset className="field-group">
        <legend className="field-group__legend">{t('settings.language')}</legend>
        {LANGUAGES.map((language) => (
          <label key={language.value} className="choice">
            <input
              type="radio"
              name="language"
              value={language.value}
              checked={settings.language === language.value}
              onChange={() => {
                onChange({ language: language.value });
              }}
              data-testid={`language-${language.value}`}
            />
            <span lang={language.value === 'system' ? undefined : language.value}>
              {language.name ?? t('settings.languageSystem')}
            </span>
          </label>
        ))}
      </fieldset>
      <WatchFoldersSection />
      <OcrSection />
      <fieldset className="field-group">
        <legend className="field-group__legend">{t('verify.section')}</legend>
        <p>{t('verify.hint')}</p>
        <div>
          <button
            type="button"
            className="button"
            disabled={!onVerify}
            onClick={() => {
              onClose();
              onVerify?.();
            }}
            data-testid="settings-verify"
          >
            {t('verify.button')}
          </button>
        </div>
      </fieldset>
    </Dialog>
  );
}
