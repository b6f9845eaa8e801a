// The fixed "Library" views listed in the sidebar.
import type { Stats } from '../bindings/Stats';
import type { IconName } from '../components/Icon';
import type { ItemKindFilter } from '../lib/items';

export type ViewId = 'all' | 'articles' | 'photos' | 'untagged' | 'recent' | 'trash';

export type LibraryView = {
  id: ViewId;
  label: string;
  icon: IconName;
  /** The number shown beside the view, when the stats know it. */
  count?: (stats: Stats) => number;
  /** The items the view lists; absent while the host cannot list them yet. */
  list?: { kind: ItemKindFilter; emptyText: string };
};

const ALL_ITEMS: LibraryView = {
  id: 'all',
  label: 'All items',
  icon: 'grid',
  count: (s) => s.items,
  list: { kind: null, emptyText: 'There are no items in this archive.' },
};

export const LIBRARY_VIEWS: readonly LibraryView[] = [
  ALL_ITEMS,
  {
    id: 'articles',
    label: 'Articles',
    icon: 'article',
    count: (s) => s.articles,
    list: { kind: 'article', emptyText: 'There are no articles in this archive yet.' },
  },
  {
    id: 'photos',
    label: 'Photos',
    icon: 'photo',
    count: (s) => s.photos,
    list: { kind: 'photo', emptyText: 'There are no photos in this archive yet.' },
  },
  { id: 'untagged', label: 'Untagged', icon: 'tag' },
  { id: 'recent', label: 'Recently imported', icon: 'clock' },
  { id: 'trash', label: 'Trash', icon: 'trash', count: (s) => s.in_trash },
];

export function findView(id: ViewId): LibraryView {
  return LIBRARY_VIEWS.find((view) => view.id === id) ?? ALL_ITEMS;
}
