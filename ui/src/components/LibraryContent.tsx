// What a library view shows: the empty archive's invitation, its items, or why it cannot.
import type { Stats } from '../bindings/Stats';
import type { LibraryView } from '../app/views';
import { useItems } from '../hooks/useItems';
import { ITEM_LIMIT } from '../lib/items';
import { formatCount } from '../lib/format';
import { EmptyState } from './EmptyState';
import { ErrorBanner } from './ErrorBanner';
import { ItemList } from './ItemList';

type Props = { view: LibraryView; stats: Stats | undefined };

export function LibraryContent({ view, stats }: Props) {
  const hasItems = stats !== undefined && stats.items > 0;
  const items = useItems(view.list?.kind ?? null, hasItems && view.list !== undefined);

  if (stats === undefined) return <div className="item-area__body" />;
  if (!hasItems) {
    return (
      <div className="item-area__body">
        <EmptyState />
      </div>
    );
  }
  if (view.list === undefined) {
    return (
      <div className="item-area__body">
        <p className="item-area__note" data-testid="view-unavailable">
          Folio can’t show “{view.label}” yet.
        </p>
      </div>
    );
  }
  if (items.error) {
    return (
      <>
        <ErrorBanner error={items.error} onRetry={() => void items.refetch()} retrying={items.isFetching} />
        <div className="item-area__body" />
      </>
    );
  }
  if (items.data === undefined) {
    return (
      <div className="item-area__body">
        <p className="item-area__note">Loading…</p>
      </div>
    );
  }
  if (items.data.length === 0) {
    return (
      <div className="item-area__body">
        <p className="item-area__note" data-testid="view-empty">
          {view.list.emptyText}
        </p>
      </div>
    );
  }
  return (
    <div className="item-area__body item-area__body--list">
      <ItemList items={items.data.slice(0, ITEM_LIMIT)} />
      {items.data.length >= ITEM_LIMIT && (
        <p className="item-area__note item-area__note--footer" data-testid="item-limit-note">
          Showing the newest {formatCount(ITEM_LIMIT)} items.
        </p>
      )}
    </div>
  );
}
