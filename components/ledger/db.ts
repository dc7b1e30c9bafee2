/**
 * The side panel's read-only handle on the ledger. Reads only (liveQuery); every write goes to the
 * background as a `ledger:command` (see `command.ts`).
 */
import { openLedger, type LedgerDb } from '@/utils/ledger/db';

let db: LedgerDb | null = null;

/** One Dexie instance per panel page, opened lazily on first use. */
export function ledgerDb(): LedgerDb {
  db ??= openLedger();
  return db;
}
