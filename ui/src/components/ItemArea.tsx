// The middle column: the current view's title, any host error, and its items (or an empty state).
import type { Stats } from '../bindings/Stats';
import { formatCount } from '../lib/format';
import { EmptyState } from './EmptyState';
import { ErrorBanner } from './ErrorBanner';
import './ItemArea.css';

type Props = {
  title: string;
  stats: Stats | undefined;
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
};

export function ItemArea({ title, stats, error, onRetry, retrying }: Props) {
  return (
    <main className="item-area" aria-label="Items">
      <header className="item-area__header">
        <h1 className="item-area__title">{title}</h1>
      </header>
      {error != null && <ErrorBanner error={error} onRetry={onRetry} retrying={retrying} />}
      <div className="item-area__body">
        {stats && stats.items === 0 && <EmptyState />}
        {stats && stats.items > 0 && (
          <div className="item-area__summary" data-testid="item-summary">
            <p className="item-area__count">
              {formatCount(stats.items)} {stats.items === 1 ? 'item' : 'items'} in this archive
            </p>
            <p>Drop more files anywhere on this window to add them.</p>
          </div>
        )}
      </div>
    </main>
  );
}
