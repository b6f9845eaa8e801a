// A host job (import, export, verify) that failed: what failed, why in words, the details, and
// Dismiss. Test ids start with `testIdPrefix`.
import { useT } from '../i18n/I18nProvider';
import { describeError } from '../lib/describeError';
import { Icon } from './Icon';
import './ImportStatus.css';

type Props = { title: string; error: unknown; testIdPrefix: string; onDismiss: () => void };

export function JobError({ title, error, testIdPrefix, onDismiss }: Props) {
  const t = useT();
  const { summary, detail } = describeError(error, t);
  return (
    <section className="import-panel import-panel--error" role="alert" data-testid={`${testIdPrefix}-error`}>
      <Icon name="alert" className="import-panel__icon" />
      <div className="import-panel__body">
        <p className="import-panel__title">{title}</p>
        <p data-testid={`${testIdPrefix}-error-summary`}>{summary}</p>
        {detail && <p className="import-panel__detail">{t('common.details', { detail })}</p>}
      </div>
      <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={onDismiss}>
        <Icon name="close" />
      </button>
    </section>
  );
}
