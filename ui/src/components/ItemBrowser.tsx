// The items of the current listing as a list or a grid, or what to say instead: loading, why it
// failed, or what to do when there is nothing to show.
import type { ReactNode } from 'react';
import type { SortKey } from '../bindings/SortKey';
import type { ListingAccess } from '../hooks/useListing';
import { useItemInteractions, type InteractionOptions } from '../hooks/useItemInteractions';
import { useT } from '../i18n/I18nProvider';
import type { SortOrder } from '../lib/scope';
import type { ViewMode } from '../lib/settings';
import { ErrorBanner } from './ErrorBanner';
import { ItemGrid } from './ItemGrid';
import { ItemList } from './ItemList';

type Props = InteractionOptions & {
  access: ListingAccess;
  viewMode: ViewMode;
  label: string;
  order: SortOrder | null;
  onSort: (key: SortKey) => void;
  showPosition: boolean;
  /** What an empty listing shows. */
  empty: ReactNode;
  /** Shown instead of a failure the search box already explains. */
  errorNote?: ReactNode;
  onRetry: () => void;
};

export function ItemBrowser(props: Props) {
  const { access, listing, viewMode, label, order, onSort, showPosition, selection, empty, errorNote, onRetry } = props;
  const t = useT();
  const interactions = useItemInteractions(props);

  if (access.error) {
    if (errorNote) return <div className="item-area__body">{errorNote}</div>;
    return (
      <>
        <ErrorBanner error={access.error} onRetry={onRetry} retrying={false} />
        <div className="item-area__body" />
      </>
    );
  }
  if (access.total === null) {
    return (
      <div className="item-area__body">
        <p className="item-area__note">{t('items.loading')}</p>
      </div>
    );
  }
  if (access.total === 0) return <div className="item-area__body">{empty}</div>;
  return (
    <div className="item-area__body item-area__body--list">
      {viewMode === 'grid' ? (
        <ItemGrid listing={listing} total={access.total} label={label} selection={selection} interactions={interactions} />
      ) : (
        <ItemList
          listing={listing}
          total={access.total}
          label={label}
          order={order}
          onSort={onSort}
          showPosition={showPosition}
          selection={selection}
          interactions={interactions}
        />
      )}
    </div>
  );
}
