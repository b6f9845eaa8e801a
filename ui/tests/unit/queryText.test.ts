// The filter chips edit the query text itself: kind:, lang:, tag:"…", date:.
import { describe, expect, it } from 'vitest';
import { fieldValue, formatField, setField } from '../../src/lib/queryText';

describe('fieldValue', () => {
  it('reads a filter, with or without quotes, in any case of the field name', () => {
    expect(fieldValue('innovation kind:photo', 'kind')).toBe('photo');
    expect(fieldValue('tag:"Places/Moscow" Kremlin', 'tag')).toBe('Places/Moscow');
    expect(fieldValue('LANG:ru', 'lang')).toBe('ru');
  });

  it('gives null when the query has no such filter, or only mentions the word', () => {
    expect(fieldValue('kind of blue', 'kind')).toBeNull();
    expect(fieldValue('', 'date')).toBeNull();
  });

  it('does not mistake text inside a phrase for a filter', () => {
    expect(fieldValue('"see kind:photo here"', 'kind')).toBeNull();
  });
});

describe('setField', () => {
  it('adds a filter at the end of the text', () => {
    expect(setField('innovation', 'kind', 'photo')).toBe('innovation kind:photo');
    expect(setField('', 'lang', 'ru')).toBe('lang:ru');
  });

  it('replaces the filter where it was, keeping the rest as typed', () => {
    expect(setField('kind:article Moscow "joint declaration"', 'kind', 'photo')).toBe('Moscow "joint declaration" kind:photo');
  });

  it('quotes tags always and other values when they hold spaces', () => {
    expect(setField('dialogue', 'tag', 'Events/Innovation Dialogue')).toBe('dialogue tag:"Events/Innovation Dialogue"');
    expect(setField('x', 'tag', 'Kyiv')).toBe('x tag:"Kyiv"');
    expect(formatField('date', '2018')).toBe('date:2018');
  });

  it('removes the filter, and every copy of it, for null or blank', () => {
    expect(setField('a kind:photo b kind:article c', 'kind', null)).toBe('a b c');
    expect(setField('tag:"Places/Moscow"', 'tag', '  ')).toBe('');
  });

  it('leaves excluded filters (-tag:) and other fields alone', () => {
    expect(setField('-tag:"Draft" lang:en', 'tag', 'Events')).toBe('-tag:"Draft" lang:en tag:"Events"');
  });

  it('copes with an unclosed quote', () => {
    expect(setField('tag:"Places', 'tag', null)).toBe('');
    expect(setField('"unclosed kind:photo', 'kind', 'article')).toBe('"unclosed kind:photo kind:article');
  });
});
