// Holds the preferences, stores each change, and applies the theme to the document.
import { useCallback, useEffect, useState } from 'react';
import { localeFor } from '../i18n/translate';
import type { Locale } from '../i18n/types';
import { loadSettings, saveSettings, type Settings } from '../lib/settings';

export type SettingsState = {
  settings: Settings;
  /** The UI language in use: the chosen one, or the system's when Folio speaks it. */
  locale: Locale;
  update: (changes: Partial<Settings>) => void;
};

export function useSettings(): SettingsState {
  const [settings, setSettings] = useState(loadSettings);

  useEffect(() => {
    // "System" leaves the attribute off, so the CSS follows prefers-color-scheme.
    const root = document.documentElement;
    if (settings.theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = settings.theme;
  }, [settings.theme]);

  const update = useCallback((changes: Partial<Settings>) => {
    setSettings((current) => {
      const next = { ...current, ...changes };
      saveSettings(next);
      return next;
    });
  }, []);

  const locale = settings.language === 'system' ? localeFor(navigator.languages) : settings.language;
  return { settings, locale, update };
}
