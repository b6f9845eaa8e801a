// Reads a verification report: whether the archive is whole, and what to count and list if not.
import type { VerifyReport } from '../bindings/VerifyReport';

export type VerifySummary = {
  /** Every original present with the right bytes, no stray files, the database sound. */
  intact: boolean;
  /** Originals missing or changed, or the database damaged: only a backup brings them back. */
  damaged: boolean;
  databaseOk: boolean;
  tone: 'success' | 'warning' | 'error';
};

/** SQLite's integrity check answers exactly "ok" for a sound database. */
export function summarizeVerify(report: VerifyReport): VerifySummary {
  const databaseOk = report.database.trim().toLowerCase() === 'ok';
  const damaged = !databaseOk || report.missing.length > 0 || report.corrupt.length > 0;
  const intact = !damaged && report.orphans.length === 0 && !report.cancelled;
  const tone = damaged ? 'error' : intact ? 'success' : 'warning';
  return { intact, damaged, databaseOk, tone };
}
