// Paths are shortened from the left, keep their file name, and never split a character.
import { describe, expect, it } from 'vitest';
import { commonFolder, fileName, relativeTo, shortenPath } from '../../src/lib/paths';

describe('shortenPath', () => {
  it('leaves a path that fits alone', () => {
    expect(shortenPath('/home/ana/photo.jpg', 60)).toBe('/home/ana/photo.jpg');
  });

  it('drops leading folders first, keeping as many trailing ones as fit', () => {
    expect(shortenPath('/home/ana/Desktop/Assignments/2024/Kyiv/IMG_0412.jpg', 30)).toBe(
      '…/2024/Kyiv/IMG_0412.jpg',
    );
  });

  it('never gives more characters than asked for', () => {
    const path = '/Volumes/Photo Desk/Archive/2023/Election night/Moscow/DSC_1204.NEF';
    for (const max of [12, 20, 33, 50]) expect(Array.from(shortenPath(path, max)).length).toBeLessThanOrEqual(max);
  });

  it('keeps the start and the extension of a file name too long on its own', () => {
    expect(shortenPath('/x/a-very-long-file-name-from-the-wire-service.jpeg', 20)).toBe(
      'a-very-long-fi….jpeg',
    );
  });

  it('uses the backslash of a Windows path', () => {
    expect(shortenPath('C:\\Users\\ana\\Documents\\Stories\\draft.docx', 22)).toBe(
      '…\\Stories\\draft.docx',
    );
  });

  it('counts Chinese and Russian names by character', () => {
    expect(shortenPath('/home/ana/新闻稿件/Выборы в Думу/репортаж-😀-итоги.docx', 24)).toBe(
      '…/репортаж-😀-итоги.docx',
    );
    expect(shortenPath('/home/ana/新闻稿件/采访记录/第一部分.txt', 20)).toBe('…/新闻稿件/采访记录/第一部分.txt');
  });

  it('does not cut an emoji in half when shortening a file name', () => {
    expect(shortenPath('😀😀😀😀😀😀😀😀😀😀.txt', 8)).toBe('😀😀😀….txt');
  });
});

describe('fileName', () => {
  it.each([
    ['/home/ana/photo.jpg', 'photo.jpg'],
    ['/home/ana/Kyiv/', 'Kyiv'],
    ['C:\\Users\\ana\\статья.docx', 'статья.docx'],
    ['photo.jpg', 'photo.jpg'],
  ])('of %s is %s', (path, name) => {
    expect(fileName(path)).toBe(name);
  });
});

describe('commonFolder', () => {
  it('finds the folder every path is in', () => {
    expect(
      commonFolder(['/home/ana/Kyiv/day1/a.jpg', '/home/ana/Kyiv/day2/b.jpg', '/home/ana/Kyiv/c.pdf']),
    ).toBe('/home/ana/Kyiv');
  });

  it('does not take a folder that only shares a prefix of the name', () => {
    expect(commonFolder(['/home/ana/Kyiv/a.jpg', '/home/ana/Kyiv 2/b.jpg'])).toBe('/home/ana');
  });

  it("is the file's own folder for a single path", () => {
    expect(commonFolder(['/home/ana/Desktop/статья.docx'])).toBe('/home/ana/Desktop');
  });

  it('is null when the paths share only the root or a drive', () => {
    expect(commonFolder(['/home/a.jpg', '/media/b.jpg'])).toBeNull();
    expect(commonFolder(['C:\\a.jpg', 'C:\\Users\\b.jpg'])).toBeNull();
    expect(commonFolder([])).toBeNull();
  });

  it('works with Windows paths', () => {
    expect(commonFolder(['C:\\Users\\ana\\x\\a.jpg', 'C:\\Users\\ana\\b.jpg'])).toBe('C:\\Users\\ana');
  });
});

describe('relativeTo', () => {
  it('gives the path inside the folder', () => {
    expect(relativeTo('/home/ana/Kyiv/day1/a.jpg', '/home/ana/Kyiv')).toBe('day1/a.jpg');
  });

  it('leaves a path outside the folder, or with no folder, whole', () => {
    expect(relativeTo('/home/ana/Kyiv 2/a.jpg', '/home/ana/Kyiv')).toBe('/home/ana/Kyiv 2/a.jpg');
    expect(relativeTo('/a.jpg', null)).toBe('/a.jpg');
  });
});
