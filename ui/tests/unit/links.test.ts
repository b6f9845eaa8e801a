import { describe, expect, it } from 'vitest';
import { linksIn, splitDropped, typedLink } from '../../src/lib/links';

describe('linksIn', () => {
  it('finds one address or several, one per line or spaced', () => {
    expect(linksIn('https://news.example/a')).toEqual(['https://news.example/a']);
    expect(linksIn('  http://127.0.0.1:8080/x \n')).toEqual(['http://127.0.0.1:8080/x']);
    expect(linksIn('https://a.example/1\r\nhttps://b.example/2 https://a.example/1')).toEqual([
      'https://a.example/1',
      'https://b.example/2',
    ]);
  });

  it('reads a text/uri-list with comment lines', () => {
    expect(linksIn('# dragged from a browser\r\nhttps://news.example/a\r\n')).toEqual(['https://news.example/a']);
  });

  it('ignores ordinary text, even when it mentions an address', () => {
    expect(linksIn('Read https://news.example/a today')).toEqual([]);
    expect(linksIn('Форум открылся в Москве')).toEqual([]);
    expect(linksIn('')).toEqual([]);
  });

  it('takes only http and https', () => {
    expect(linksIn('ftp://files.example/a.pdf')).toEqual([]);
    expect(linksIn('file:///home/ana/a.html')).toEqual([]);
    expect(linksIn('javascript:alert(1)')).toEqual([]);
  });
});

describe('typedLink', () => {
  it('completes an address typed without its scheme', () => {
    expect(typedLink('news.example/world/forum')).toBe('https://news.example/world/forum');
    expect(typedLink(' https://news.example/a ')).toBe('https://news.example/a');
  });

  it('passes on other schemes for the report to explain', () => {
    expect(typedLink('ftp://files.example/a.pdf')).toBe('ftp://files.example/a.pdf');
  });

  it('refuses what is no address', () => {
    expect(typedLink('')).toBeNull();
    expect(typedLink('forum in Moscow')).toBeNull();
    expect(typedLink('localhost')).toBeNull();
  });
});

describe('splitDropped', () => {
  it('tells links from file paths in a drop', () => {
    expect(splitDropped(['/home/ana/Desktop/a.jpg', 'https://news.example/a', 'C:\\Users\\ana\\b.docx'])).toEqual({
      files: ['/home/ana/Desktop/a.jpg', 'C:\\Users\\ana\\b.docx'],
      links: ['https://news.example/a'],
    });
  });
});
