// The left column: library views, collections, saved searches, tags, the team's sync indicator
// and the Settings button.
import type { Scope } from '../bindings/Scope';
import type { Stats } from '../bindings/Stats';
import type { TeamView } from '../bindings/TeamView';
import { LIBRARY_VIEWS } from '../app/views';
import { useT } from '../i18n/I18nProvider';
import { CollectionsSection } from './CollectionsSection';
import { Icon } from './Icon';
import { SavedSearchesSection } from './SavedSearchesSection';
import { SidebarItem } from './SidebarItem';
import { SidebarSection } from './SidebarSection';
import { TeamIndicator } from './TeamIndicator';
import { TagTreeSection } from './TagTreeSection';
import './Sidebar.css';

type Props = {
  stats: Stats | undefined;
  /** Whether to show (and so ask the host for) collections, saved searches and tags yet. */
  showLists: boolean;
  scope: Scope;
  /** Nothing is listed but the scope while a search runs. */
  searching: boolean;
  onSelectScope: (scope: Scope) => void;
  activeQuery: string;
  onRunSearch: (query: string) => void;
  onOpenSettings: () => void;
  onOpenDuplicates: () => void;
  /** The team the archive is a member of (none: no indicator), and what opens the Team dialog. */
  team: TeamView | null | undefined;
  onOpenTeam: () => void;
};

export function Sidebar({
  stats,
  showLists,
  scope,
  searching,
  onSelectScope,
  activeQuery,
  onRunSearch,
  onOpenSettings,
  onOpenDuplicates,
  team,
  onOpenTeam,
}: Props) {
  const t = useT();
  const shown = searching ? null : scope;
  return (
    <nav className="sidebar" aria-label={t('sidebar.label')} data-drag-scroll>
      <div className="sidebar__brand">{t('app.name')}</div>
      <SidebarSection title={t('sidebar.library')}>
        <ul className="sidebar-list">
          {LIBRARY_VIEWS.map((view) => (
            <li key={view.scope.kind}>
              <SidebarItem
                label={t(view.label)}
                icon={view.icon}
                count={stats && view.count ? view.count(stats) : undefined}
                selected={shown?.kind === view.scope.kind}
                onSelect={() => {
                  onSelectScope(view.scope);
                }}
                testId={`view-${view.scope.kind}`}
                // Dropping items on the Trash deletes them, as in a file manager.
                {...(view.scope.kind === 'trash' ? { drop: 'trash:' } : {})}
              />
            </li>
          ))}
          <li>
            <SidebarItem label={t('duplicates.open')} icon="photo" selected={false} onSelect={onOpenDuplicates} testId="view-duplicates" />
          </li>
        </ul>
      </SidebarSection>
      {/* Host lists are asked for once the archive has answered (one in use answers nothing) and
          the first rows are shown. */}
      {showLists && (
        <>
          <CollectionsSection scope={shown} onSelectScope={onSelectScope} />
          <SavedSearchesSection activeQuery={activeQuery} onRun={onRunSearch} />
          <TagTreeSection scope={shown} onSelectScope={onSelectScope} />
        </>
      )}
      <div className="sidebar__foot">
        <TeamIndicator team={team} onOpen={onOpenTeam} />
        <button type="button" className="sidebar-item" onClick={onOpenSettings} data-testid="settings-button">
          <Icon name="settings" className="sidebar-item__icon" />
          <span className="sidebar-item__label">{t('sidebar.settings')}</span>
        </button>
      </div>
    </nav>
  );
}
