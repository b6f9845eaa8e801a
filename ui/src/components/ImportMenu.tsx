// The toolbar's Import button and its menu: "Import files…", "Import folder…" and "From a link…",
// and — when the archive has ingest templates — the template the files and folders imported next
// get (from this menu, a drop or Open with), each in both modes, its own mode first.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { TemplateMode } from '../bindings/TemplateMode';
import { useTemplates } from '../hooks/useHostData';
import type { TemplateChoice } from '../hooks/useImport';
import { useT } from '../i18n/I18nProvider';
import { Icon } from './Icon';
import './ImportMenu.css';
import './Menu.css';

type Props = {
  busy: boolean;
  onPick: (what: 'files' | 'folders') => void;
  onLink: () => void;
  /** Whether to ask the host for the templates yet (the archive is open, the rows are shown). */
  loadTemplates: boolean;
  template: TemplateChoice;
  onTemplate: (choice: TemplateChoice) => void;
};

const MODES: readonly TemplateMode[] = ['fill_empty', 'replace'];
const ENTRIES = '[role="menuitem"], [role="menuitemradio"]';

export function ImportMenu({ busy, onPick, onLink, loadTemplates, template, onTemplate }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const templates = useTemplates(loadTemplates);
  const available = templates.data ?? [];
  const chosenName = template?.name;
  // A template deleted since it was chosen is no longer applied.
  useEffect(() => {
    if (chosenName !== undefined && templates.data && !templates.data.some((x) => x.name === chosenName)) {
      onTemplate(null);
    }
  }, [chosenName, templates.data, onTemplate]);
  const modeLabel = (name: string, mode: TemplateMode) =>
    t(mode === 'replace' ? 'import.templateReplace' : 'import.templateFillEmpty', { name });
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    // Open: focus the first entry, and close on a click anywhere else.
    root.current?.querySelector<HTMLElement>(ENTRIES)?.focus();
    // Templates are saved from the command line, which the window does not hear.
    void templates.refetch();
    const closeOutside = (event: PointerEvent) => {
      if (event.target instanceof Node && root.current?.contains(event.target) !== true) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refetch when opened, not when it changes
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const choose = (what: 'files' | 'folders') => {
    close();
    onPick(what);
  };

  const chooseTemplate = (choice: TemplateChoice) => {
    close();
    onTemplate(choice);
  };

  // "No template", then each template in its own mode and in the other.
  const templateEntries: { key: string; choice: TemplateChoice; label: string }[] = [
    { key: '', choice: null, label: t('import.templateNone') },
    ...available.flatMap((entry) =>
      [entry.mode, ...MODES.filter((mode) => mode !== entry.mode)].map((mode) => ({
        key: `${mode}\n${entry.name}`,
        choice: { name: entry.name, mode },
        label: modeLabel(entry.name, mode),
      })),
    ),
  ];

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = [...event.currentTarget.querySelectorAll<HTMLElement>(ENTRIES)];
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
        title={
          busy
            ? t('import.running')
            : template
              ? t('import.withTemplate', { template: modeLabel(template.name, template.mode) })
              : undefined
        }
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
          {available.length > 0 && (
            <div role="group" aria-label={t('import.template')} className="menu__group" data-testid="import-templates">
              <div className="menu__heading" aria-hidden="true">
                {t('import.template')}
              </div>
              {templateEntries.map((entry) => (
                <button
                  key={entry.key}
                  type="button"
                  role="menuitemradio"
                  aria-checked={
                    entry.choice === null
                      ? template === null
                      : template?.name === entry.choice.name && template.mode === entry.choice.mode
                  }
                  tabIndex={-1}
                  className="menu__item menu__item--radio"
                  onClick={() => {
                    chooseTemplate(entry.choice);
                  }}
                  data-testid="import-template"
                >
                  {entry.label}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
