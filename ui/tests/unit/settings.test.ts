// Stored preferences are read defensively: anything odd falls back to the defaults.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/lib/settings';

describe('parseSettings', () => {
  it('reads what was stored', () => {
    expect(parseSettings('{"theme":"dark","language":"ru","viewMode":"grid"}')).toEqual({
      theme: 'dark',
      language: 'ru',
      viewMode: 'grid',
    });
  });

  it('falls back field by field for unknown values', () => {
    expect(parseSettings('{"theme":"sepia","language":"fr","viewMode":"cards"}')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{"language":"zh"}')).toEqual({ ...DEFAULT_SETTINGS, language: 'zh' });
  });

  it('never throws on nothing, junk or a non-object', () => {
    for (const stored of [null, '', 'not json', '42', 'null', '[]']) expect(parseSettings(stored)).toEqual(DEFAULT_SETTINGS);
  });
});
