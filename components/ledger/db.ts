/**
 * The side panel's read-only handle on the ledger. Reads only (liveQuery); every write goes to the
 * background as a `ledger:command` (see `command.ts`).
 */
import { openLedger, type LedgerDb } from '@/utils/ledger/db';

let db: LedgerDb | null = null;

/**
 * When an updated extension opens the database at a newer schema version, the panel's connection must
 * step aside (IndexedDB waits for every old connection to close) and the panel must come back on the
 * new version rather than sit on a closed database: close and reload.
 */
export function reloadOnUpgrade(target: LedgerDb, reload: () => void): void {
  target.on('versionchange', () => {
    target.close();
    reload();
    return false;
  });
}

/** One Dexie instance per panel page, opened lazily on first use. */
export function ledgerDb(): LedgerDb {
  if (!db) {
    db = openLedger();
    reloadOnUpgrade(db, () => location.reload());
  }
  return db;
}
