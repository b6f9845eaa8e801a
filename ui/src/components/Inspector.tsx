// The right column: the selected item (or what several selected items share), and the archive.
import type { ReactNode } from 'react';
import type { Stats } from '../bindings/Stats';
import { useT } from '../i18n/I18nProvider';
import { ArchivePanel } from './ArchivePanel';
import './Inspector.css';

type Props = { stats: Stats | undefined; failed: boolean; selection: ReactNode | null };

export function Inspector({ stats, failed, selection }: Props) {
  const t = useT();
  return (
    <aside className="inspector" aria-label={t('inspector.label')}>
      <section
        className={selection ? 'panel panel--details' : 'panel panel--selection'}
        aria-label={t('inspector.selection')}
      >
        {selection ?? (
          <p className="panel__note" data-testid="selection-hint">
            {t('inspector.hint')}
          </p>
        )}
      </section>
      <ArchivePanel stats={stats} failed={failed} />
    </aside>
  );
}
