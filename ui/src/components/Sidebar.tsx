// The left column: library views, collections and tags.
import type { Stats } from '../bindings/Stats';
import { LIBRARY_VIEWS, type ViewId } from '../app/views';
import { SidebarItem } from './SidebarItem';
import { SidebarSection } from './SidebarSection';
import './Sidebar.css';

type Props = { stats: Stats | undefined; selected: ViewId; onSelect: (view: ViewId) => void };

export function Sidebar({ stats, selected, onSelect }: Props) {
  return (
    <nav className="sidebar" aria-label="Library">
      <div className="sidebar__brand">Folio</div>
      <SidebarSection title="Library">
        <ul className="sidebar-list">
          {LIBRARY_VIEWS.map((view) => (
            <li key={view.id}>
              <SidebarItem
                label={view.label}
                icon={view.icon}
                count={stats && view.count ? view.count(stats) : undefined}
                selected={view.id === selected}
                onSelect={() => {
                  onSelect(view.id);
                }}
                testId={`view-${view.id}`}
              />
            </li>
          ))}
        </ul>
      </SidebarSection>
      <SidebarSection
        title="Collections"
        hint="No collections yet. Collections gather items for a story, event or campaign."
      />
      <SidebarSection title="Tags" hint="No tags yet. Tags you give items will be listed here." />
    </nav>
  );
}
