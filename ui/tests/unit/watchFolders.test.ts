// A watch folder's tags are typed as one line: commas (also Chinese ones) separate them.
import { describe, expect, it } from 'vitest';
import { parseTags } from '../../src/lib/watchFolders';

describe('parseTags', () => {
  it('splits at commas and drops blanks', () => {
    expect(parseTags('Scans, Desk ,  ,Sport/Football')).toEqual(['Scans', 'Desk', 'Sport/Football']);
  });
  it('splits at Chinese commas and keeps names in any script', () => {
    expect(parseTags('新闻，体育, Фото')).toEqual(['新闻', '体育', 'Фото']);
  });
  it('gives nothing for an empty box', () => {
    expect(parseTags('  ')).toEqual([]);
  });
});
