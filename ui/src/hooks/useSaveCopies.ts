// File → Save a copy…: copies of the selected items in a folder the person picks — photos with
// their current captions written in, articles as their originals — from the button or from the
// app menu, which only asks the window (only the window knows what is selected).
import { useCallback, useEffect, useRef } from 'react';
import type { CopyReport } from '../bindings/CopyReport';
import { useNotify, useReportError } from '../app/notices';
import { useT } from '../i18n/I18nProvider';
import { onSaveCopyAsked, saveCopies } from '../platform/host';
import { useSubscription } from './useSubscription';

/** The folder a copy was written in: its path without the file name. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : path;
}

/** Saves copies of what `selectedIds` answers; nothing selected says so instead. */
export function useSaveCopies(selectedIds: () => Promise<number[]>): () => void {
  const notify = useNotify();
  const reportError = useReportError();
  const t = useT();

  const report = useCallback(
    (result: CopyReport) => {
      const written = result.copies.filter((copy) => copy.path !== null);
      const first = written[0];
      if (first?.path) {
        notify({ text: t('copies.saved', { count: written.length, folder: folderOf(first.path) }) });
      }
      const failed = result.copies.filter((copy) => copy.error !== null);
      const reason = failed[0]?.error;
      if (reason) {
        notify({ text: t('copies.failed', { count: failed.length }), detail: reason, tone: 'error' });
      }
    },
    [notify, t],
  );

  const save = useCallback(() => {
    void (async () => {
      try {
        const ids = await selectedIds();
        if (ids.length === 0) {
          notify({ text: t('copies.nothing') });
          return;
        }
        const result = await saveCopies(ids);
        if (result) report(result);
      } catch (error) {
        reportError(error);
      }
    })();
  }, [selectedIds, notify, report, reportError, t]);

  // The menu's event reaches the latest `save`, whatever was selected when it subscribed.
  const latest = useRef(save);
  useEffect(() => {
    latest.current = save;
  });
  const subscribe = useCallback(
    () =>
      onSaveCopyAsked(() => {
        latest.current();
      }),
    [],
  );
  useSubscription(subscribe, 'File → Save a copy');
  return save;
}
