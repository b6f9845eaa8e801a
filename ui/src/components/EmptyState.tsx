// What the item area shows while the archive holds nothing: an invitation to drop files.
import { Icon } from './Icon';

export function EmptyState() {
  return (
    <section className="empty-state" data-testid="empty-state" aria-labelledby="empty-state-title">
      <Icon name="drop" className="empty-state__icon" />
      <h2 id="empty-state-title" className="empty-state__title">
        Your archive is empty
      </h2>
      <p className="empty-state__text">
        Drop articles, photos, web pages or ZIP bundles anywhere on this window.
      </p>
      <p className="empty-state__note">Texts in English, Chinese and Russian are all welcome.</p>
    </section>
  );
}
