// The person's preferences (theme, UI language, list or grid), kept in the webview's storage.
import { LOCALES, type Locale } from '../i18n/types';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type LanguageChoice = 'system' | Locale;
export type ViewMode = 'list' | 'grid';

export type Settings = { theme: ThemeChoice; language: LanguageChoice; viewMode: ViewMode };

export const DEFAULT_SETTINGS: Settings = { theme: 'system', language: 'system', viewMode: 'list' };

const STORAGE_KEY = 'folio.settings';

/** Settings as stored; anything missing or unknown falls back to the default, never throws. */
export function parseSettings(stored: string | null): Settings {
  if (stored === null) return DEFAULT_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return DEFAULT_SETTINGS;
  }
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const { theme, language, viewMode } = raw as Record<string, unknown>;
  return {
    theme: theme === 'light' || theme === 'dark' ? theme : 'system',
    language: typeof language === 'string' && (LOCALES as readonly string[]).includes(language) ? (language as Locale) : 'system',
    viewMode: viewMode === 'grid' ? 'grid' : 'list',
  };
}

export function loadSettings(): Settings {
  try {
    return parseSettings(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    // Storage can be unavailable (private mode, a locked profile): defaults then.
    return DEFAULT_SETTINGS;
  }
}

export function saveSettings(settings: Settings): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Not being able to remember a preference is no reason to interrupt the person.
  }
}
