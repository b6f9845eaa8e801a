// The sidebar's saved searches: a click runs the query; each can be deleted.
import { useState } from 'react';
import type { SavedSearch } from '../bindings/SavedSearch';
import { useSavedSearches } from '../hooks/useHostData';
import { useHostActions } from '../hooks/useHostActions';
import { useT } from '../i18n/I18nProvider';
import { ConfirmDialog } from './ConfirmDialog';
import { Icon } from './Icon';
import { SidebarItem } from './SidebarItem';
import { SidebarSection } from './SidebarSection';

type Props = { activeQuery: string; onRun: (query: string) => void };

export function SavedSearchesSection({ activeQuery, onRun }: Props) {
  const t = useT();
  const actions = useHostActions();
  const searches = useSavedSearches();
  const [deleting, setDeleting] = useState<SavedSearch | null>(null);
  const list = searches.data ?? [];
  return (
    <SidebarSection title={t('sidebar.savedSearches')} hint={t('sidebar.savedSearchesHint')} testId="saved-searches-section">
      {list.length > 0 ? (
        <ul className="sidebar-list">
          {list.map((search) => (
            <li key={search.id}>
              <SidebarItem
                label={search.name}
                icon="search"
                selected={activeQuery.trim() === search.query.trim()}
                onSelect={() => {
                  onRun(search.query);
                }}
                testId={`saved-search-${String(search.id)}`}
                trailing={
                  <button
                    type="button"
                    className="icon-button icon-button--small sidebar-row__menu"
                    aria-label={t('saved.delete', { name: search.name })}
                    title={t('saved.delete', { name: search.name })}
                    onClick={() => {
                      setDeleting(search);
                    }}
                    data-testid={`saved-search-delete-${String(search.id)}`}
                  >
                    <Icon name="close" />
                  </button>
                }
              />
            </li>
          ))}
        </ul>
      ) : undefined}
      {deleting && (
        <ConfirmDialog
          title={t('saved.confirmDelete', { name: deleting.name })}
          text={deleting.query}
          confirmLabel={t('common.delete')}
          onConfirm={() => actions.deleteSavedSearch(deleting.id)}
          onClose={() => {
            setDeleting(null);
          }}
        />
      )}
    </SidebarSection>
  );
}
