// The fixed "Library" views listed in the sidebar, and the words for any scope.
import type { CollectionSummary } from '../bindings/CollectionSummary';
import type { Scope } from '../bindings/Scope';
import type { Stats } from '../bindings/Stats';
import type { IconName } from '../components/Icon';
import type { MessageKey, Translate } from '../i18n/translate';

type LibraryScope = Exclude<Scope, { kind: 'collection' } | { kind: 'tag' }>;

export type LibraryView = {
  scope: LibraryScope;
  label: MessageKey;
  icon: IconName;
  /** The number shown beside the view, when the stats know it. */
  count?: (stats: Stats) => number;
  /** What the view says when it lists nothing. */
  empty: MessageKey;
};

export const LIBRARY_VIEWS: readonly LibraryView[] = [
  { scope: { kind: 'all' }, label: 'view.all', icon: 'grid', count: (s) => s.items, empty: 'empty.all' },
  { scope: { kind: 'articles' }, label: 'view.articles', icon: 'article', count: (s) => s.articles, empty: 'empty.articles' },
  { scope: { kind: 'photos' }, label: 'view.photos', icon: 'photo', count: (s) => s.photos, empty: 'empty.photos' },
  { scope: { kind: 'untagged' }, label: 'view.untagged', icon: 'tag', empty: 'empty.untagged' },
  { scope: { kind: 'recent' }, label: 'view.recent', icon: 'clock', empty: 'empty.recent' },
  { scope: { kind: 'trash' }, label: 'view.trash', icon: 'trash', count: (s) => s.in_trash, empty: 'empty.trash' },
];

/** The title of a scope as the item area shows it. */
export function scopeTitle(scope: Scope, t: Translate, collections: readonly CollectionSummary[] | undefined): string {
  switch (scope.kind) {
    case 'collection':
      return collections?.find((collection) => collection.id === scope.id)?.name ?? t('sidebar.collections');
    case 'tag':
      return scope.name;
    default:
      return t(LIBRARY_VIEWS.find((view) => view.scope.kind === scope.kind)?.label ?? 'view.all');
  }
}

/** What an empty listing of the scope says. */
export function emptyText(scope: Scope): MessageKey {
  switch (scope.kind) {
    case 'collection':
      return 'empty.collection';
    case 'tag':
      return 'empty.tag';
    default:
      return LIBRARY_VIEWS.find((view) => view.scope.kind === scope.kind)?.empty ?? 'empty.all';
  }
}
