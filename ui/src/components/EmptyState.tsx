// What the item area shows while the archive holds nothing: an invitation to drop files.
import { useT } from '../i18n/I18nProvider';
import { Icon } from './Icon';

export function EmptyState() {
  const t = useT();
  return (
    <section className="empty-state" data-testid="empty-state" aria-labelledby="empty-state-title">
      <Icon name="drop" className="empty-state__icon" />
      <h2 id="empty-state-title" className="empty-state__title">
        {t('empty.archiveTitle')}
      </h2>
      <p className="empty-state__text">{t('empty.archiveText')}</p>
      <p className="empty-state__note">{t('empty.archiveNote')}</p>
    </section>
  );
}
