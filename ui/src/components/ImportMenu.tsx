// The toolbar's Import button and its menu: "Import files…", "Import folder…" and "From a link…".
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n/I18nProvider';
import { Icon } from './Icon';
import './ImportMenu.css';
import './Menu.css';

type Props = { busy: boolean; onPick: (what: 'files' | 'folders') => void; onLink: () => void };

export function ImportMenu({ busy, onPick, onLink }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    // Open: focus the first entry, and close on a click anywhere else.
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

  const choose = (what: 'files' | 'folders') => {
    close();
    onPick(what);
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = entries.findIndex((entry) => entry === document.activeElement);
    const move = (to: number) => {
      event.preventDefault();
      entries[(to + entries.length) % entries.length]?.focus();
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
        move(entries.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        close();
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  };

  return (
    <div className="import-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="button button--primary import-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={busy}
        title={busy ? t('import.running') : undefined}
        onClick={() => {
          setOpen((current) => !current);
        }}
        data-testid="import-button"
      >
        <Icon name="drop" />
        {t('import.button')}
        <Icon name="chevron" className="import-menu__chevron" />
      </button>
      {open && (
        <div id={menuId} role="menu" aria-label={t('import.button')} className="menu" onKeyDown={onMenuKey}>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="menu__item"
            onClick={() => {
              choose('files');
            }}
            data-testid="import-files"
          >
            {t('import.files')}
          </button>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="menu__item"
            onClick={() => {
              choose('folders');
            }}
            data-testid="import-folder"
          >
            {t('import.folder')}
          </button>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="menu__item"
            onClick={() => {
              close();
              onLink();
            }}
            data-testid="import-link"
          >
            {t('import.link')}
          </button>
        </div>
      )}
    </div>
  );
}
