// The mock host's record of one item, and how it reads as the host's summary and view types.
import type { ArticleView } from '../../src/bindings/ArticleView';
import type { ItemSummary } from '../../src/bindings/ItemSummary';
import type { ItemView } from '../../src/bindings/ItemView';
import type { Label } from '../../src/bindings/Label';
import type { PhotoView } from '../../src/bindings/PhotoView';
import type { Scene } from './mock-thumbs';

export type MockFigure = { id: number; caption: string; credit: string; photo_id: number | null };

/** Everything the mock keeps about an item; articles leave photo fields empty and vice versa. */
export type MockItem = {
  id: number;
  uid: string;
  kind: 'article' | 'photo';
  title: string;
  /** Published (articles) or taken (photos): YYYY, YYYY-MM, YYYY-MM-DD or a timestamp. */
  date: string | null;
  language: string | null;
  source_name: string;
  sha256: string;
  imported_at: string;
  notes: string;
  tags: string[];
  deleted: boolean;
  /** When it was last moved to the Trash, as a sequence number (0: never). */
  deletedAt: number;
  /** 0 to 5 stars (0: not rated) and a colour label. */
  rating: number;
  label: Label | null;
  byline: string;
  // Articles.
  site: string;
  url: string;
  /** When the page was fetched from `url`, for an article imported from a link. */
  captured_at: string | null;
  body_text: string;
  body_html: string;
  figures: MockFigure[];
  // Photos.
  caption: string;
  credit: string;
  copyright: string;
  keywords: string[];
  camera: string;
  width: number | null;
  height: number | null;
  /** What the photo's mock thumbnail shows. */
  scene?: Scene;
};

/** A SHA-256-looking hex string that is stable for a seed (cheap: 200,000 are made at once). */
export function fakeSha(seed: string): string {
  let hash = 2166136261;
  for (let at = 0; at < seed.length; at += 1) hash = Math.imul(hash ^ seed.charCodeAt(at), 16777619) >>> 0;
  let out = '';
  for (let word = 0; word < 8; word += 1) {
    // xorshift32: eight more words from the seed's hash.
    hash ^= hash << 13;
    hash ^= hash >>> 17;
    hash ^= hash << 5;
    hash >>>= 0;
    out += hash.toString(16).padStart(8, '0');
  }
  return out;
}

let nextFigureId = 1;

type ArticleFields = Partial<MockItem> & { id: number; title: string; body_text: string };
type PhotoFields = Partial<MockItem> & { id: number; title: string };

export function makeArticle(fields: ArticleFields, figures: Omit<MockFigure, 'id'>[] = []): MockItem {
  return {
    ...blank(fields.id, 'article'),
    body_html: fields.body_text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join(''),
    ...fields,
    figures: figures.map((figure) => ({ ...figure, id: nextFigureId++ })),
  };
}

export function makePhoto(fields: PhotoFields): MockItem {
  return { ...blank(fields.id, 'photo'), width: 4000, height: 3000, camera: 'Canon EOS R6', ...fields };
}

function blank(id: number, kind: MockItem['kind']): MockItem {
  return {
    id,
    uid: `0f0e0d0c-0000-4000-8000-${String(id).padStart(12, '0')}`,
    kind,
    title: '',
    date: null,
    language: null,
    source_name: '',
    sha256: fakeSha(`item-${String(id)}`),
    imported_at: new Date().toISOString(),
    notes: '',
    tags: [],
    deleted: false,
    deletedAt: 0,
    rating: 0,
    label: null,
    byline: '',
    site: '',
    url: '',
    captured_at: null,
    body_text: '',
    body_html: '',
    figures: [],
    caption: '',
    credit: '',
    copyright: '',
    keywords: [],
    camera: '',
    width: null,
    height: null,
  };
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function summaryOf(item: MockItem): ItemSummary {
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    date: item.date,
    language: item.language,
    source_name: item.source_name,
    credit: item.kind === 'photo' ? item.credit : (item.figures[0]?.credit ?? ''),
    tags: [...item.tags],
    sha256: item.sha256,
    has_thumbnail: item.kind === 'photo',
    imported_at: item.imported_at,
    rating: item.rating,
    label: item.label,
  };
}

export function viewOf(item: MockItem, collections: string[]): ItemView {
  const common = {
    id: item.id,
    uid: item.uid,
    title: item.title,
    byline: item.byline,
    sha256: item.sha256,
    tags: [...item.tags],
    collections,
    source_name: item.source_name,
    notes: item.notes,
    rating: item.rating,
    label: item.label,
    deleted: item.deleted,
  };
  if (item.kind === 'article') {
    const article: ArticleView = {
      ...common,
      site: item.site,
      url: item.url,
      captured_at: item.captured_at,
      published: item.date,
      language: item.language,
      body_text: item.body_text,
      body_html: item.body_html,
      figures: item.figures.map((figure) => ({ ...figure })),
    };
    return { kind: 'article', ...article };
  }
  const photo: PhotoView = {
    ...common,
    caption: item.caption,
    credit: item.credit,
    copyright: item.copyright,
    keywords: [...item.keywords],
    taken: item.date,
    width: item.width,
    height: item.height,
    camera: item.camera,
  };
  return { kind: 'photo', ...photo };
}

/** The text a search looks through. */
export function searchTextOf(item: MockItem): string {
  return [item.title, item.caption, item.body_text, item.credit, item.byline, item.keywords.join(' '), item.notes]
    .filter((part) => part !== '')
    .join('\n');
}
