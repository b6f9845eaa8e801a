// Exports items as a PDF dossier or a ZIP bundle: asks where to save, runs the host's export with
// its progress, then offers to show the file in its folder.
import { useCallback } from 'react';
import type { ExportFormat } from '../bindings/ExportFormat';
import type { ExportReport } from '../bindings/ExportReport';
import type { ExportScope } from '../bindings/ExportScope';
import type { Paper } from '../bindings/Paper';
import { exportFileName } from '../lib/exportPlan';
import { saveFile } from '../platform/dialog';
import { cancelExport, exportItems } from '../platform/host';
import { useHostJob, type HostJob } from './useHostJob';

export type ExportPlan = {
  /** Resolved when the export starts: a "select all" becomes ids only then. */
  scope: () => Promise<ExportScope>;
  format: ExportFormat;
  paper: Paper;
  title: string;
};

/** What the start of an export came to: the save picker was cancelled, or failed, or it runs. */
export type ExportStart = 'cancelled' | 'failed' | 'started';

export type Exporter = HostJob<ExportReport> & {
  /** Asks where to save, then exports; the dialog stays open while the picker is cancelled. */
  start: (plan: ExportPlan, fallbackTitle: string) => Promise<ExportStart>;
  stop: () => void;
};

export function useExport(): Exporter {
  const job = useHostJob<ExportReport>('export');
  const { run, cancel, fail, busy } = job;

  const start = useCallback(
    async (plan: ExportPlan, fallbackTitle: string): Promise<ExportStart> => {
      if (busy()) return 'failed';
      const title = plan.title.trim() || fallbackTitle;
      let output: string | null;
      try {
        output = await saveFile(exportFileName(title, plan.format, fallbackTitle), plan.format);
      } catch (error) {
        fail(error);
        return 'failed';
      }
      if (output === null) return 'cancelled';
      const chosen = output;
      // Runs on after this resolves: the dialog closes and the progress panel takes over.
      void run(async () =>
        exportItems({ scope: await plan.scope(), format: plan.format, output: chosen, title, paper: plan.paper }),
      );
      return 'started';
    },
    [busy, fail, run],
  );

  const stop = useCallback(() => {
    cancel(cancelExport);
  }, [cancel]);

  return { ...job, start, stop };
}
