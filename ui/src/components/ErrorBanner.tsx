// A banner saying in plain words why the host could not answer, with the host's detail.
import { useT } from '../i18n/I18nProvider';
import { describeError } from '../lib/describeError';
import { Icon } from './Icon';
import './ErrorBanner.css';

type Props = { error: unknown; onRetry: () => void; retrying: boolean };

export function ErrorBanner({ error, onRetry, retrying }: Props) {
  const t = useT();
  const { summary, detail } = describeError(error, t);
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <Icon name="alert" className="error-banner__icon" />
      <div className="error-banner__body">
        <p className="error-banner__summary" data-testid="error-summary">
          {summary}
        </p>
        {detail && (
          <p className="error-banner__detail" data-testid="error-detail">
            {t('common.details', { detail })}
          </p>
        )}
      </div>
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        {retrying ? t('common.trying') : t('common.tryAgain')}
      </button>
    </div>
  );
}
