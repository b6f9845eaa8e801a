// The inspector's "Archive" panel: what the open archive holds and where it lives.
import { useId } from 'react';
import type { Stats } from '../bindings/Stats';
import { formatBytes, formatCount } from '../lib/format';
import { StatRow } from './StatRow';

type Props = { stats: Stats | undefined; failed: boolean };

export function ArchivePanel({ stats, failed }: Props) {
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="archive-panel">
      <h2 id={headingId} className="panel__title">
        Archive
      </h2>
      {stats ? (
        <dl className="stat-list">
          <StatRow label="Items" testId="stat-items">
            {formatCount(stats.items)}
          </StatRow>
          <StatRow label="Articles" testId="stat-articles">
            {formatCount(stats.articles)}
          </StatRow>
          <StatRow label="Photos" testId="stat-photos">
            {formatCount(stats.photos)}
          </StatRow>
          <StatRow label="Tags" testId="stat-tags">
            {formatCount(stats.tags)}
          </StatRow>
          <StatRow label="Collections" testId="stat-collections">
            {formatCount(stats.collections)}
          </StatRow>
          <StatRow label="Originals">
            <span data-testid="stat-objects">{formatCount(stats.objects)}</span>
            {stats.objects === 1 ? ' file' : ' files'}
            <span className="stat-row__sep" aria-hidden="true">
              {' · '}
            </span>
            <span data-testid="stat-objects-bytes">{formatBytes(stats.objects_bytes)}</span>
          </StatRow>
          <StatRow label="Database" testId="stat-database-bytes">
            {formatBytes(stats.database_bytes)}
          </StatRow>
          <StatRow label="Schema version" testId="stat-schema-version">
            {stats.schema_version}
          </StatRow>
          <StatRow label="Location" stacked>
            <span className="archive-path" data-testid="archive-path" title={stats.archive_path}>
              {stats.archive_path}
            </span>
          </StatRow>
        </dl>
      ) : (
        <p className="panel__note" data-testid="archive-unavailable">
          {failed ? 'Archive details are unavailable.' : 'Loading…'}
        </p>
      )}
    </section>
  );
}
