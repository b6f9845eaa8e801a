// Covers the window while files are dragged over it, saying what a drop will do.
import { plural } from '../lib/importReport';
import { Icon } from './Icon';
import './DropOverlay.css';

type Props = { count: number | null; busy: boolean };

export function DropOverlay({ count, busy }: Props) {
  return (
    <div className={busy ? 'drop-overlay drop-overlay--busy' : 'drop-overlay'} data-testid="drop-overlay">
      <div className="drop-overlay__card">
        <Icon name={busy ? 'alert' : 'drop'} className="drop-overlay__icon" />
        <p className="drop-overlay__title">
          {busy ? 'An import is already running' : 'Drop to import into Folio'}
        </p>
        <p className="drop-overlay__text">
          {busy
            ? 'Wait for it to finish, then drop these files again.'
            : count !== null && count > 0
              ? plural(count, 'file or folder', 'files or folders')
              : 'Files and folders'}
        </p>
      </div>
    </div>
  );
}
