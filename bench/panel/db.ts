/**
 * `components/ledger/db.ts` as the floor page sees it (vite.config.ts): when replaying, `ledgerDb()`
 * opens no database; its one table read outside the queries (the workspace switcher's
 * `institutions.toArray()`) is answered from memory. When recording, the real handle (held.ts
 * records that read when the recording is taken).
 */
import type { LedgerDb } from '../../utils/ledger/db';
import * as realDb from '../../components/ledger/db';
import { answer, replaying } from './held';

export const reloadOnUpgrade = realDb.reloadOnUpgrade;

let memory: LedgerDb | null = null;

export function ledgerDb(): LedgerDb {
  if (!replaying) return realDb.ledgerDb();
  memory ??= {
    institutions: {
      toArray: () => answer('institutions.toArray', [], () => Promise.reject(new Error('replay only'))),
    },
  } as unknown as LedgerDb;
  return memory;
}
