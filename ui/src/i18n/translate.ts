// Turns a message key and its parameters into text in the chosen language.
import { en, type MessageKey } from './en';
import { ru } from './ru';
import type { Locale, Message, MessageParams } from './types';
import { zh } from './zh';

export type { MessageKey };
export type Dictionary = Readonly<Record<MessageKey, Message>>;

export const DICTIONARIES: Readonly<Record<Locale, Dictionary>> = { en, zh, ru };

/** `t('list.count', { count: 3 })`; it also knows its language, for dates and numbers. */
export type Translate = ((key: MessageKey, params?: MessageParams) => string) & { readonly locale: Locale };

/** The UI language for the system's preferred languages: the first one Folio speaks, else English. */
export function localeFor(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split(/[-_]/)[0];
    if (base === 'en' || base === 'zh' || base === 'ru') return base;
  }
  return 'en';
}

export function createTranslator(locale: Locale): Translate {
  const dictionary = DICTIONARIES[locale];
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const translate = (key: MessageKey, params: MessageParams = {}): string => {
    const text = pick(dictionary[key], plurals, params.count);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };
  return Object.assign(translate, { locale });
}

function pick(message: Message, plurals: Intl.PluralRules, count: string | number | undefined): string {
  if (typeof message === 'string') return message;
  const form = typeof count === 'number' ? plurals.select(count) : 'other';
  return (form === 'other' ? undefined : message[form]) ?? message.other;
}
