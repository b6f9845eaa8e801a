// How the inspector words an item's history: who made a change, the field's name, a value cut
// to fit a line.
import type { HistoryEntry } from '../bindings/HistoryEntry';
import type { MessageKey, Translate } from '../i18n/translate';

/** Values longer than this are cut, with an ellipsis; the full value is in the tooltip. */
const SHORT_VALUE = 40;

/** The names the inspector gives the fields the history records. */
const FIELD_NAMES: Readonly<Record<string, MessageKey>> = {
  title: 'field.title',
  date: 'field.date',
  caption: 'field.caption',
  credit: 'field.credit',
  byline: 'field.byline',
  notes: 'field.notes',
  tags: 'sidebar.tags',
  collections: 'inspector.collections',
  trash: 'view.trash',
  rating: 'marks.rating',
  label: 'marks.label',
};

/** Who made a change: in a team, the role that sent it to the team; else the author. */
export function whoChanged(entry: HistoryEntry, t: Translate): string {
  const name = entry.pushed_by ?? entry.author;
  return name === '' ? t('history.unknownAuthor') : name;
}

/** A field as the inspector names it; a field it does not know keeps the host's name. */
export function fieldName(field: string, t: Translate): string {
  const figure = /^figure:(\d+)$/.exec(field);
  if (figure) return t('history.figure', { number: figure[1] ?? '' });
  const key = FIELD_NAMES[field];
  return key === undefined ? field : t(key);
}

/** A value shortened to fit a line (collapsed whitespace, an ellipsis past `SHORT_VALUE`). */
export function shortValue(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > SHORT_VALUE ? `${flat.slice(0, SHORT_VALUE - 1)}…` : flat;
}
