// The fixed "Library" views listed in the sidebar.
import type { Stats } from '../bindings/Stats';
import type { IconName } from '../components/Icon';

export type ViewId = 'all' | 'articles' | 'photos' | 'untagged' | 'recent' | 'trash';

export type LibraryView = {
  id: ViewId;
  label: string;
  icon: IconName;
  /** The number shown beside the view, when the stats know it. */
  count?: (stats: Stats) => number;
};

export const LIBRARY_VIEWS: readonly LibraryView[] = [
  { id: 'all', label: 'All items', icon: 'grid', count: (s) => s.items },
  { id: 'articles', label: 'Articles', icon: 'article', count: (s) => s.articles },
  { id: 'photos', label: 'Photos', icon: 'photo', count: (s) => s.photos },
  { id: 'untagged', label: 'Untagged', icon: 'tag' },
  { id: 'recent', label: 'Recently imported', icon: 'clock' },
  { id: 'trash', label: 'Trash', icon: 'trash', count: (s) => s.in_trash },
];

export function viewLabel(id: ViewId): string {
  return LIBRARY_VIEWS.find((view) => view.id === id)?.label ?? 'All items';
}
