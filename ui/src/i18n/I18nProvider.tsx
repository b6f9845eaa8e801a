// Gives every component the translator for the chosen language, and keeps <html lang> in step.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { createTranslator, type Translate } from './translate';
import type { Locale } from './types';

const I18nContext = createContext<Translate>(createTranslator('en'));

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const t = useMemo(() => createTranslator(locale), [locale]);
  useEffect(() => {
    // Screen readers pick a voice by it, and CJK text its glyphs.
    document.documentElement.lang = locale === 'zh' ? 'zh-Hans' : locale;
  }, [locale]);
  return <I18nContext value={t}>{children}</I18nContext>;
}

/** The translator: `const t = useT(); t('sidebar.library')`. */
export function useT(): Translate {
  return useContext(I18nContext);
}
