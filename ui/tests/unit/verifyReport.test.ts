// Whether a verification report says the archive is whole, damaged, or only untidy.
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src/bindings/VerifyReport';
import { summarizeVerify } from '../../src/lib/verifyReport';

const CLEAN: VerifyReport = { database: 'ok', checked: 5, ok: 5, missing: [], corrupt: [], orphans: [], remote: 0, cancelled: false, repaired: false, fingerprinted: 0 };

describe('summarizeVerify', () => {
  it('calls a clean report intact', () => {
    expect(summarizeVerify(CLEAN)).toEqual({ intact: true, damaged: false, databaseOk: true, tone: 'success' });
  });

  it('calls missing or changed originals damage', () => {
    const missing = { ...CLEAN, missing: [{ sha256: 'a', path: '/x/a', item_ids: [1] }] };
    const corrupt = { ...CLEAN, corrupt: [{ sha256: 'b', path: '/x/b', actual: 'c' }] };
    expect(summarizeVerify(missing)).toMatchObject({ intact: false, damaged: true, tone: 'error' });
    expect(summarizeVerify(corrupt)).toMatchObject({ intact: false, damaged: true, tone: 'error' });
  });

  it('calls a database that fails its integrity check damage', () => {
    expect(summarizeVerify({ ...CLEAN, database: 'row 3 missing from index' })).toMatchObject({ damaged: true, databaseOk: false });
  });

  it('calls orphans alone a warning, not damage', () => {
    expect(summarizeVerify({ ...CLEAN, orphans: [{ path: '/x/o' }] })).toMatchObject({ intact: false, damaged: false, tone: 'warning' });
  });

  it('does not call a cancelled check intact', () => {
    expect(summarizeVerify({ ...CLEAN, cancelled: true })).toMatchObject({ intact: false, tone: 'warning' });
  });
});
