// The sidebar's collections: each with its count, a menu to rename or delete it, a "+" to make a
// new one, and a drop target that adds the dragged items.
import { useState } from 'react';
import type { CollectionSummary } from '../bindings/CollectionSummary';
import type { Scope } from '../bindings/Scope';
import { useNotify } from '../app/notices';
import { useDropTarget } from '../app/drag';
import { useCollections } from '../hooks/useHostData';
import { useHostActions } from '../hooks/useHostActions';
import { useT } from '../i18n/I18nProvider';
import { describeError } from '../lib/describeError';
import { ConfirmDialog } from './ConfirmDialog';
import { Icon } from './Icon';
import { Menu } from './Menu';
import { NameInput } from './NameInput';
import { SidebarItem } from './SidebarItem';
import { SidebarSection } from './SidebarSection';

/** `scope` is what the item area lists; null while it shows search results. */
type Props = { scope: Scope | null; onSelectScope: (scope: Scope) => void };

export function CollectionsSection({ scope, onSelectScope }: Props) {
  const t = useT();
  const notify = useNotify();
  const actions = useHostActions();
  const collections = useCollections();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<CollectionSummary | null>(null);

  useDropTarget('collection', {
    accepts: () => true,
    drop: ({ payload, id }) => {
      const collection = collections.data?.find((candidate) => String(candidate.id) === id);
      if (!collection) return;
      void payload
        .ids()
        .then((ids) => actions.addToCollection(collection.id, ids).then(() => ids.length))
        .then(
          (count) => {
            notify({ text: t('collections.added', { count, name: collection.name }) });
          },
          (error: unknown) => {
            notify({ text: describeError(error, t).summary, detail: describeError(error, t).detail, tone: 'error' });
          },
        );
    },
  });

  const list = collections.data ?? [];
  return (
    <SidebarSection
      title={t('sidebar.collections')}
      hint={t('sidebar.collectionsHint')}
      testId="collections-section"
      action={
        <button
          type="button"
          className="icon-button icon-button--small"
          aria-label={t('collections.new')}
          title={t('collections.new')}
          onClick={() => {
            setCreating(true);
          }}
          data-testid="collection-new"
        >
          <Icon name="plus" />
        </button>
      }
    >
      {list.length > 0 || creating ? (
        <ul className="sidebar-list">
          {list.map((collection) => (
            <li key={collection.id}>
              {renaming === collection.id ? (
                <NameInput
                  label={t('collections.renameLabel', { name: collection.name })}
                  initial={collection.name}
                  onSave={async (name) => {
                    await actions.renameCollection(collection.id, name);
                    setRenaming(null);
                  }}
                  onCancel={() => {
                    setRenaming(null);
                  }}
                  testId="collection-name-input"
                />
              ) : (
                <SidebarItem
                  label={collection.name}
                  icon="folder"
                  count={collection.count}
                  selected={scope?.kind === 'collection' && scope.id === collection.id}
                  onSelect={() => {
                    onSelectScope({ kind: 'collection', id: collection.id });
                  }}
                  onRename={() => {
                    setRenaming(collection.id);
                  }}
                  testId={`collection-${String(collection.id)}`}
                  drop={`collection:${String(collection.id)}`}
                  trailing={
                    <Menu
                      className="sidebar-row__menu"
                      label={t('collections.actions', { name: collection.name })}
                      testId={`collection-menu-${String(collection.id)}`}
                      entries={[
                        {
                          label: t('collections.rename'),
                          onSelect: () => {
                            setRenaming(collection.id);
                          },
                          testId: 'collection-rename',
                        },
                        {
                          label: t('collections.delete'),
                          onSelect: () => {
                            setDeleting(collection);
                          },
                          testId: 'collection-delete',
                          danger: true,
                        },
                      ]}
                    />
                  }
                />
              )}
            </li>
          ))}
          {creating && (
            <li>
              <NameInput
                label={t('collections.newName')}
                onSave={(name) =>
                  actions.createCollection(name).then((created) => {
                    setCreating(false);
                    notify({ text: t('collections.created', { name: created.name }) });
                  })
                }
                onCancel={() => {
                  setCreating(false);
                }}
                testId="collection-name-input"
              />
            </li>
          )}
        </ul>
      ) : undefined}
      {deleting && (
        <ConfirmDialog
          title={t('collections.confirmDelete', { name: deleting.name })}
          text={t('collections.confirmDeleteText')}
          confirmLabel={t('common.delete')}
          onConfirm={() =>
            actions.deleteCollection(deleting.id).then(() => {
              if (scope?.kind === 'collection' && scope.id === deleting.id) onSelectScope({ kind: 'all' });
            })
          }
          onClose={() => {
            setDeleting(null);
          }}
          testId="collection-delete-dialog"
        />
      )}
    </SidebarSection>
  );
}
