import type Dexie from 'dexie';
import type { LedgerMigration } from './types';
import { v1 } from './v1';
import { v2 } from './v2';
import { v3 } from './v3';
import { v4 } from './v4';
import { v5 } from './v5';

export type { LedgerMigration } from './types';

/** Every released schema version, oldest first. Append new versions; never reorder or edit. */
export const LEDGER_VERSIONS: readonly LedgerMigration[] = [v1, v2, v3, v4, v5];

export const LEDGER_SCHEMA_VERSION: number = LEDGER_VERSIONS[LEDGER_VERSIONS.length - 1]?.version ?? 0;

/** Throws when the list is not 1, 2, 3, … (a gap or a reorder is a programming error). */
export function checkVersions(versions: readonly LedgerMigration[]): void {
  versions.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(
        `Ledger migrations must be numbered 1..n in order; position ${i} has version ${m.version}`,
      );
    }
  });
}

/** Declares `versions` on a Dexie instance (before it is opened). */
export function applyMigrations(db: Dexie, versions: readonly LedgerMigration[] = LEDGER_VERSIONS): void {
  checkVersions(versions);
  for (const m of versions) {
    const v = db.version(m.version).stores({ ...m.stores });
    if (m.upgrade) v.upgrade(m.upgrade);
  }
}
