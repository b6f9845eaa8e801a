// A banner saying in plain words why the host could not answer, with the host's detail.
import { describeError } from '../lib/describeError';
import { Icon } from './Icon';
import './ErrorBanner.css';

type Props = { error: unknown; onRetry: () => void; retrying: boolean };

export function ErrorBanner({ error, onRetry, retrying }: Props) {
  const { summary, detail } = describeError(error);
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <Icon name="alert" className="error-banner__icon" />
      <div className="error-banner__body">
        <p className="error-banner__summary" data-testid="error-summary">
          {summary}
        </p>
        {detail && (
          <p className="error-banner__detail" data-testid="error-detail">
            Details: {detail}
          </p>
        )}
      </div>
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Trying…' : 'Try again'}
      </button>
    </div>
  );
}
