// Item rows show a kind, a date as written, and a language by name.
import { describe, expect, it } from 'vitest';
import { formatItemDate, kindIcon, kindLabel, langAttribute, languageName } from '../../src/lib/items';

describe('formatItemDate', () => {
  it.each([
    ['2024-03-05', '5 Mar 2024'],
    ['2024-12-31T23:30:00-05:00', '31 Dec 2024'],
    ['2024-01-01 00:10:00', '1 Jan 2024'],
    ['2024-03', 'Mar 2024'],
    ['1998', '1998'],
  ])('shows %s as %s, with no time-zone shift', (date, shown) => {
    expect(formatItemDate(date)).toBe(shown);
  });

  it.each(['spring 2019', '2024-13-01', '2024-02-45', '20240305'])('shows %s as written', (date) => {
    expect(formatItemDate(date)).toBe(date);
  });

  it('shows a dash when there is no date', () => {
    expect(formatItemDate(null)).toBe('—');
    expect(formatItemDate('  ')).toBe('—');
  });
});

describe('languageName', () => {
  it.each([
    ['en', 'English'],
    ['zh', 'Chinese'],
    ['ru', 'Russian'],
  ])('names %s %s', (code, name) => {
    expect(languageName(code)).toBe(name);
  });

  it('keeps what is not a language tag, and dashes a missing one', () => {
    expect(languageName('not a tag!')).toBe('not a tag!');
    expect(languageName(null)).toBe('—');
  });
});

describe('langAttribute', () => {
  it('gives a canonical tag for the lang attribute, so Chinese gets Chinese glyphs', () => {
    expect(langAttribute('zh-hans')).toBe('zh-Hans');
    expect(langAttribute('ru')).toBe('ru');
  });

  it('gives nothing for a missing or invalid tag', () => {
    expect(langAttribute(null)).toBeUndefined();
    expect(langAttribute('not a tag!')).toBeUndefined();
  });
});

describe('kinds', () => {
  it('labels and draws articles and photos, and any new kind plainly', () => {
    expect([kindLabel('article'), kindIcon('article')]).toEqual(['Article', 'article']);
    expect([kindLabel('photo'), kindIcon('photo')]).toEqual(['Photo', 'photo']);
    expect([kindLabel('figure'), kindIcon('figure')]).toEqual(['Figure', 'file']);
  });
});
