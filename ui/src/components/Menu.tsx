// A small "⋯" button that opens a menu of actions, operated by mouse or keyboard.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Icon, type IconName } from './Icon';
import './Menu.css';

export type MenuEntry = { label: string; onSelect: () => void; testId?: string; danger?: boolean };

type Props = { label: string; entries: readonly MenuEntry[]; icon?: IconName; testId?: string; className?: string };

export function Menu({ label, entries, icon = 'more', testId, className }: Props) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const closeOutside = (event: PointerEvent) => {
      if (event.target instanceof Node && root.current?.contains(event.target) !== true) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = items.findIndex((item) => item === document.activeElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        move(at + 1);
        break;
      case 'ArrowUp':
        move(at - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(items.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close();
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  };

  return (
    <div className={className ? `menu-button ${className}` : 'menu-button'} ref={root}>
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => {
          setOpen((current) => !current);
        }}
        data-testid={testId}
      >
        <Icon name={icon} />
      </button>
      {open && (
        <div id={menuId} role="menu" aria-label={label} className="menu menu--floating" onKeyDown={onMenuKey}>
          {entries.map((entry) => (
            <button
              key={entry.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={entry.danger ? 'menu__item menu__item--danger' : 'menu__item'}
              onClick={() => {
                setOpen(false);
                entry.onSelect();
              }}
              data-testid={entry.testId}
            >
              {entry.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
