// One selectable row in the sidebar: icon, label, an optional count, and optional extras — a
// disclosure triangle before it (tags), a menu after it, and a drop target for dragged items.
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { formatCount } from '../lib/format';
import { Icon, type IconName } from './Icon';

type Props = {
  label: string;
  icon: IconName;
  count?: number | undefined;
  selected: boolean;
  onSelect: () => void;
  testId: string;
  /** `kind:id` for the drag system, when items can be dropped here. */
  drop?: string;
  /** Before the row's button, e.g. a disclosure triangle. */
  leading?: ReactNode;
  /** After the row's button, e.g. a "⋯" menu. */
  trailing?: ReactNode;
  /** Nesting depth, for the tag tree. */
  depth?: number;
  /** F2 renames, as in file managers. */
  onRename?: () => void;
};

export function SidebarItem(props: Props) {
  const { label, icon, count, selected, onSelect, testId, drop, leading, trailing, depth = 0, onRename } = props;
  const t = useT();
  return (
    <div className={`sidebar-row sidebar-row--depth-${String(Math.min(depth, 6))}`} data-drop={drop}>
      {leading}
      <button
        type="button"
        className="sidebar-item"
        aria-current={selected ? 'page' : undefined}
        onClick={onSelect}
        onKeyDown={(event) => {
          if (event.key === 'F2' && onRename) {
            event.preventDefault();
            onRename();
          }
        }}
        onDoubleClick={onRename}
        data-testid={testId}
      >
        <Icon name={icon} className="sidebar-item__icon" />
        <span className="sidebar-item__label" title={label}>
          {label}
        </span>
        {count !== undefined && count > 0 && <span className="sidebar-item__count">{formatCount(count, t)}</span>}
      </button>
      {trailing}
    </div>
  );
}
