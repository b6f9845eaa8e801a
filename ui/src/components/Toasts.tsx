// The notices at the foot of the item area, read out politely by screen readers.
import { useNotices } from '../app/notices';
import { useT } from '../i18n/I18nProvider';
import { Icon } from './Icon';
import './Toasts.css';

export function Toasts() {
  const t = useT();
  const { shown, dismiss } = useNotices();
  return (
    <div className="toasts" aria-live="polite" data-testid="toasts">
      {shown.map((notice) => (
        <div
          key={notice.id}
          className={notice.tone === 'error' ? 'toast toast--error' : 'toast'}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="toast"
        >
          <div className="toast__body">
            <p data-testid="toast-text">{notice.text}</p>
            {notice.detail && <p className="toast__detail">{t('common.details', { detail: notice.detail })}</p>}
          </div>
          {notice.action && (
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                dismiss(notice.id);
                notice.action?.run();
              }}
              data-testid="toast-action"
            >
              {notice.action.label}
            </button>
          )}
          <button
            type="button"
            className="icon-button icon-button--small"
            aria-label={t('common.dismiss')}
            onClick={() => {
              dismiss(notice.id);
            }}
          >
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  );
}
