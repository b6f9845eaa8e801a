// One selectable row in the sidebar: icon, label and an optional count.
import { Icon, type IconName } from './Icon';
import { formatCount } from '../lib/format';

type Props = {
  label: string;
  icon: IconName;
  count: number | undefined;
  selected: boolean;
  onSelect: () => void;
  testId: string;
};

export function SidebarItem({ label, icon, count, selected, onSelect, testId }: Props) {
  return (
    <button
      type="button"
      className="sidebar-item"
      aria-current={selected ? 'page' : undefined}
      onClick={onSelect}
      data-testid={testId}
    >
      <Icon name={icon} className="sidebar-item__icon" />
      <span className="sidebar-item__label">{label}</span>
      {count !== undefined && count > 0 && (
        <span className="sidebar-item__count">{formatCount(count)}</span>
      )}
    </button>
  );
}
