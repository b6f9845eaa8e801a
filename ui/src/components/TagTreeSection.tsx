// The sidebar's tag tree: tags nested by "/", each with its count; a click lists the tag (and the
// tags under it), a menu renames it (merging into an existing tag), and dropping items tags them.
import { useMemo, useState } from 'react';
import type { Scope } from '../bindings/Scope';
import { useDropTarget } from '../app/drag';
import { useNotify } from '../app/notices';
import { useTags } from '../hooks/useHostData';
import { useHostActions } from '../hooks/useHostActions';
import { useT } from '../i18n/I18nProvider';
import { describeError } from '../lib/describeError';
import { buildTagTree, type TagNode } from '../lib/tagTree';
import { Icon } from './Icon';
import { Menu } from './Menu';
import { NameInput } from './NameInput';
import { SidebarItem } from './SidebarItem';
import { SidebarSection } from './SidebarSection';

/** `scope` is what the item area lists; null while it shows search results. */
type Props = { scope: Scope | null; onSelectScope: (scope: Scope) => void };

export function TagTreeSection({ scope, onSelectScope }: Props) {
  const t = useT();
  const notify = useNotify();
  const actions = useHostActions();
  const tags = useTags();
  const tree = useMemo(() => buildTagTree(tags.data ?? []), [tags.data]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [renaming, setRenaming] = useState<string | null>(null);

  useDropTarget('tag', {
    accepts: () => true,
    drop: ({ payload, id: tag }) => {
      void payload
        .ids()
        .then((ids) => actions.tagItems({ ids, add: [tag], remove: [] }).then(() => ids.length))
        .then(
          (count) => {
            notify({ text: t('tags.added', { count, tag }) });
          },
          (error: unknown) => {
            notify({ text: describeError(error, t).summary, detail: describeError(error, t).detail, tone: 'error' });
          },
        );
    },
  });

  const toggle = (path: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  };

  const rename = async (from: string, to: string) => {
    await actions.renameTag(from, to);
    setRenaming(null);
    notify({ text: t('tags.renamed', { from, to }) });
    // The list being shown follows its tag to the new name.
    if (scope?.kind === 'tag' && scope.name.toLowerCase() === from.toLowerCase()) onSelectScope({ kind: 'tag', name: to });
  };

  const renderNode = (node: TagNode, depth: number) => {
    const open = !collapsed.has(node.path);
    const hasChildren = node.children.length > 0;
    return (
      <li key={node.path}>
        {renaming === node.path ? (
          <NameInput
            label={t('tags.renameLabel', { name: node.path })}
            initial={node.path}
            onSave={(to) => rename(node.path, to)}
            onCancel={() => {
              setRenaming(null);
            }}
            testId="tag-name-input"
          />
        ) : (
          <SidebarItem
            label={node.label}
            icon="tag"
            count={node.count}
            depth={depth}
            selected={scope?.kind === 'tag' && scope.name.toLowerCase() === node.path.toLowerCase()}
            onSelect={() => {
              onSelectScope({ kind: 'tag', name: node.path });
            }}
            onRename={() => {
              setRenaming(node.path);
            }}
            testId={`tag-${node.path}`}
            drop={`tag:${node.path}`}
            leading={
              hasChildren ? (
                <button
                  type="button"
                  className="tree-toggle"
                  aria-expanded={open}
                  aria-label={open ? t('tags.collapse', { name: node.path }) : t('tags.expand', { name: node.path })}
                  onClick={() => {
                    toggle(node.path);
                  }}
                  data-testid={`tag-toggle-${node.path}`}
                >
                  <Icon name={open ? 'chevron' : 'chevronRight'} />
                </button>
              ) : (
                <span className="tree-toggle tree-toggle--leaf" aria-hidden="true" />
              )
            }
            trailing={
              <Menu
                className="sidebar-row__menu"
                label={t('tags.actions', { name: node.path })}
                entries={[
                  {
                    label: t('tags.rename'),
                    onSelect: () => {
                      setRenaming(node.path);
                    },
                    testId: 'tag-rename',
                  },
                ]}
              />
            }
          />
        )}
        {hasChildren && open && <ul className="sidebar-list">{node.children.map((child) => renderNode(child, depth + 1))}</ul>}
      </li>
    );
  };

  return (
    <SidebarSection title={t('sidebar.tags')} hint={t('sidebar.tagsHint')} testId="tags-section">
      {tree.length > 0 ? <ul className="sidebar-list">{tree.map((node) => renderNode(node, 0))}</ul> : undefined}
    </SidebarSection>
  );
}
