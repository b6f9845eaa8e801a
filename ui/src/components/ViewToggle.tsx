// Switches the item area between the list and the thumbnail grid.
import { useT } from '../i18n/I18nProvider';
import type { ViewMode } from '../lib/settings';
import { Icon } from './Icon';

export function ViewToggle({ mode, onChange }: { mode: ViewMode; onChange: (mode: ViewMode) => void }) {
  const t = useT();
  return (
    <div className="segmented" role="group" aria-label={t('items.viewMode')}>
      {(['list', 'grid'] as const).map((option) => (
        <button
          key={option}
          type="button"
          className="segmented__button"
          aria-pressed={mode === option}
          title={t(option === 'list' ? 'items.viewList' : 'items.viewGrid')}
          onClick={() => {
            onChange(option);
          }}
          data-testid={`view-mode-${option}`}
        >
          <Icon name={option === 'list' ? 'list' : 'grid'} />
          <span className="visually-hidden">{t(option === 'list' ? 'items.viewList' : 'items.viewGrid')}</span>
        </button>
      ))}
    </div>
  );
}
