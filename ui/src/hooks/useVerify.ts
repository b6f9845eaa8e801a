// Verifies the archive (every original against its checksum, the database's integrity) with the
// host's progress, then keeps the report until dismissed.
import { useCallback } from 'react';
import type { VerifyReport } from '../bindings/VerifyReport';
import { verifyArchive } from '../platform/host';
import { useHostJob, type HostJob } from './useHostJob';

export type Verifier = HostJob<VerifyReport> & { start: () => void };

export function useVerify(): Verifier {
  const job = useHostJob<VerifyReport>('verify');
  const { run } = job;
  const start = useCallback(() => {
    void run(verifyArchive);
  }, [run]);
  return { ...job, start };
}
