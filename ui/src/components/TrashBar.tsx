// The Trash's own toolbar: restore what is selected, or empty the Trash (after asking).
import { useT } from '../i18n/I18nProvider';
import { Icon } from './Icon';

type Props = { selected: number; total: number; onRestore: () => void; onEmpty: () => void };

export function TrashBar({ selected, total, onRestore, onEmpty }: Props) {
  const t = useT();
  return (
    <div className="trash-bar" data-testid="trash-bar">
      <button type="button" className="button" onClick={onRestore} disabled={selected === 0} data-testid="trash-restore">
        <Icon name="restore" /> {selected === 0 ? t('trash.restore') : t('trash.restoreSelected', { count: selected })}
      </button>
      <button type="button" className="button button--danger" onClick={onEmpty} disabled={total === 0} data-testid="trash-empty">
        <Icon name="trash" /> {t('trash.empty')}
      </button>
    </div>
  );
}
