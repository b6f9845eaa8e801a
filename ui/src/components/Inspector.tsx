// The right column: details of the selected item, and the archive's own panel.
import type { Stats } from '../bindings/Stats';
import { ArchivePanel } from './ArchivePanel';
import './Inspector.css';

type Props = { stats: Stats | undefined; failed: boolean };

export function Inspector({ stats, failed }: Props) {
  return (
    <aside className="inspector" aria-label="Inspector">
      <section className="panel panel--selection" aria-label="Selection">
        <p className="panel__note" data-testid="selection-hint">
          Select an item to see its details
        </p>
      </section>
      <ArchivePanel stats={stats} failed={failed} />
    </aside>
  );
}
