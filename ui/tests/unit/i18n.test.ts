// The UI speaks English, Chinese and Russian from three dictionaries that must stay in step.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTranslator, DICTIONARIES, localeFor, type MessageKey } from '../../src/i18n/translate';
import { LOCALES, type Message } from '../../src/i18n/types';

const placeholders = (message: Message): string[] => {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '')))].sort();
};

/** Every source file of the UI, to find the keys it uses. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('dictionaries', () => {
  const english = Object.keys(DICTIONARIES.en).sort();

  it.each(LOCALES)('%s has exactly the keys of the English dictionary', (locale) => {
    expect(Object.keys(DICTIONARIES[locale]).sort()).toEqual(english);
  });

  it.each(LOCALES)('%s uses the same placeholders as English in every message', (locale) => {
    const differing = english.filter(
      (key) =>
        JSON.stringify(placeholders(DICTIONARIES[locale][key as MessageKey])) !==
        JSON.stringify(placeholders(DICTIONARIES.en[key as MessageKey])),
    );
    expect(differing).toEqual([]);
  });

  it.each([
    ['en', ['one', 'other']],
    ['zh', ['other']],
    ['ru', ['few', 'many', 'one', 'other']],
  ] as const)('%s gives every counted message the plural forms its grammar needs', (locale, forms) => {
    const incomplete = english.filter((key) => {
      const message = DICTIONARIES[locale][key as MessageKey];
      if (typeof message === 'string') return typeof DICTIONARIES.en[key as MessageKey] !== 'string';
      return JSON.stringify(Object.keys(message).sort()) !== JSON.stringify([...forms]);
    });
    expect(incomplete).toEqual([]);
  });

  it('has no empty messages', () => {
    for (const locale of LOCALES) {
      for (const message of Object.values(DICTIONARIES[locale])) {
        const texts = typeof message === 'string' ? [message] : Object.values(message);
        for (const text of texts) expect(text.trim()).not.toBe('');
      }
    }
  });

  it('has no key the UI never uses', () => {
    const code = sources(fileURLToPath(new URL('../../src', import.meta.url))).join('\n');
    expect(english.filter((key) => !code.includes(`'${key}'`))).toEqual([]);
  });
});

describe('createTranslator', () => {
  it('fills placeholders and formats numbers in the language', () => {
    expect(createTranslator('en')('items.count', { count: 200_000 })).toBe('200,000 items');
    expect(createTranslator('ru')('items.count', { count: 200_000 })).toBe('200\u00a0000 материалов');
    expect(createTranslator('zh')('items.count', { count: 3 })).toBe('3 项');
  });

  it('chooses Russian plural forms by the count', () => {
    const t = createTranslator('ru');
    expect([1, 3, 5, 21, 22, 25, 11].map((count) => t('items.count', { count }))).toEqual([
      '1 материал',
      '3 материала',
      '5 материалов',
      '21 материал',
      '22 материала',
      '25 материалов',
      '11 материалов',
    ]);
  });

  it('chooses English singular and plural', () => {
    const t = createTranslator('en');
    expect(t('trash.moved', { count: 1 })).toBe('Moved 1 item to the Trash.');
    expect(t('trash.moved', { count: 0 })).toBe('Moved 0 items to the Trash.');
  });

  it('keeps a placeholder that was not given, so a missing parameter shows', () => {
    expect(createTranslator('en')('undo.done')).toBe('Undone: {what}.');
  });
});

describe('localeFor', () => {
  it('takes the first system language Folio speaks', () => {
    expect(localeFor(['de-DE', 'ru-RU', 'en-US'])).toBe('ru');
    expect(localeFor(['zh-Hans-CN'])).toBe('zh');
    expect(localeFor(['zh_TW'])).toBe('zh');
    expect(localeFor(['EN-gb'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(localeFor(['fr-FR'])).toBe('en');
    expect(localeFor([])).toBe('en');
  });
});
