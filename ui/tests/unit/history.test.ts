// The inspector's history lines: who made a change, field names, values cut to fit.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/bindings/HistoryEntry';
import { createTranslator } from '../../src/i18n/translate';
import { fieldName, shortValue, whoChanged } from '../../src/lib/history';

const en = createTranslator('en');
const entry = (author: string, pushed_by: string | null): HistoryEntry => ({
  field: 'caption',
  old_value: null,
  new_value: 'Kyiv',
  changed_at: '2026-12-06T09:41:00.000Z',
  undone: false,
  author,
  pushed_by,
});

describe('whoChanged', () => {
  it('names the team role that sent a change before its author', () => {
    expect(whoChanged(entry('boris', 'desk_boris'), en)).toBe('desk_boris');
  });
  it('names the author outside a team', () => {
    expect(whoChanged(entry('ana', null), en)).toBe('ana');
  });
  it('says so when a change from before the journal has no author', () => {
    expect(whoChanged(entry('', null), en)).toBe('unknown');
    expect(whoChanged(entry('', null), createTranslator('ru'))).toBe('неизвестно');
  });
});

describe('fieldName', () => {
  it('uses the inspector’s names, in its language', () => {
    expect(fieldName('caption', en)).toBe('Caption');
    expect(fieldName('tags', createTranslator('zh'))).toBe('标签');
    expect(fieldName('figure:3', en)).toBe('Photo of figure 3');
  });
  it('keeps the host’s name for a field it does not know', () => {
    expect(fieldName('something_new', en)).toBe('something_new');
  });
});

describe('shortValue', () => {
  it('keeps a short value, with its whitespace collapsed', () => {
    expect(shortValue('  Kyiv,\n  at dawn ')).toBe('Kyiv, at dawn');
  });
  it('cuts a long value to forty characters with an ellipsis', () => {
    const cut = shortValue('x'.repeat(100));
    expect(cut).toHaveLength(40);
    expect(cut.endsWith('…')).toBe(true);
  });
});
