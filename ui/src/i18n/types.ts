// The shapes of the UI's dictionaries: a message is a sentence, or one per plural form.

/** The languages Folio's UI is written in. */
export type Locale = 'en' | 'zh' | 'ru';
export const LOCALES: readonly Locale[] = ['en', 'zh', 'ru'];

/** Forms by `Intl.PluralRules` category; `other` is always there. English uses one/other, Russian one/few/many/other, Chinese only other. */
export type PluralMessage = { readonly other: string } & Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many', string>>;

/** Text with `{name}` placeholders, or plural forms chosen by the `count` parameter. */
export type Message = string | PluralMessage;

export type MessageParams = Readonly<Record<string, string | number>>;
