// Covers the window while files are dragged over it, saying what a drop will do.
import { useT } from '../i18n/I18nProvider';
import { Icon } from './Icon';
import './DropOverlay.css';

type Props = { count: number | null; busy: boolean };

export function DropOverlay({ count, busy }: Props) {
  const t = useT();
  return (
    <div className={busy ? 'drop-overlay drop-overlay--busy' : 'drop-overlay'} data-testid="drop-overlay">
      <div className="drop-overlay__card">
        <Icon name={busy ? 'alert' : 'drop'} className="drop-overlay__icon" />
        <p className="drop-overlay__title">
          {busy ? t('drop.busyTitle') : t('drop.title')}
        </p>
        <p className="drop-overlay__text">
          {busy
            ? t('drop.busyText')
            : count !== null && count > 0
              ? t('drop.count', { count })
              : t('drop.anything')}
        </p>
      </div>
    </div>
  );
}
