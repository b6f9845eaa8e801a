// The inspector's "Archive" panel: what the open archive holds and where it lives.
import { useId } from 'react';
import type { Stats } from '../bindings/Stats';
import { useT } from '../i18n/I18nProvider';
import { formatBytes, formatCount } from '../lib/format';
import { StatRow } from './StatRow';

type Props = { stats: Stats | undefined; failed: boolean };

export function ArchivePanel({ stats, failed }: Props) {
  const t = useT();
  const headingId = useId();
  const count = (n: number) => formatCount(n, t);
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="archive-panel">
      <h2 id={headingId} className="panel__title">
        {t('archive.title')}
      </h2>
      {stats ? (
        <dl className="stat-list">
          <StatRow label={t('archive.items')} testId="stat-items">
            {count(stats.items)}
          </StatRow>
          <StatRow label={t('archive.articles')} testId="stat-articles">
            {count(stats.articles)}
          </StatRow>
          <StatRow label={t('archive.photos')} testId="stat-photos">
            {count(stats.photos)}
          </StatRow>
          <StatRow label={t('archive.tags')} testId="stat-tags">
            {count(stats.tags)}
          </StatRow>
          <StatRow label={t('archive.collections')} testId="stat-collections">
            {count(stats.collections)}
          </StatRow>
          <StatRow label={t('archive.originals')}>
            <span data-testid="stat-objects">{count(stats.objects)}</span>
            {t('archive.files', { count: stats.objects })}
            <span className="stat-row__sep" aria-hidden="true">
              {' · '}
            </span>
            <span data-testid="stat-objects-bytes">{formatBytes(stats.objects_bytes, t)}</span>
          </StatRow>
          <StatRow label={t('archive.database')} testId="stat-database-bytes">
            {formatBytes(stats.database_bytes, t)}
          </StatRow>
          <StatRow label={t('archive.schema')} testId="stat-schema-version">
            {stats.schema_version}
          </StatRow>
          <StatRow label={t('archive.location')} stacked>
            <span className="archive-path" data-testid="archive-path" title={stats.archive_path}>
              {stats.archive_path}
            </span>
          </StatRow>
        </dl>
      ) : (
        <p className="panel__note" data-testid="archive-unavailable">
          {failed ? t('archive.unavailable') : t('items.loading')}
        </p>
      )}
    </section>
  );
}
