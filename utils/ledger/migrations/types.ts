import type { Transaction } from 'dexie';

/**
 * One numbered schema version. Rules for every file in this folder:
 * - one file per version (`v1.ts`, `v2.ts`, …), registered in order in `./index.ts`;
 * - `stores` lists only the tables whose schema this version adds or changes (`null` deletes a table),
 *   exactly as Dexie's `version(n).stores()` takes it;
 * - `upgrade` (optional) rewrites rows with Dexie calls only, through `tx.table('name')`;
 * - a migration never imports the app's row types (`../types`): those evolve, a released migration must
 *   not. Declare the row shapes it reads and writes locally, as they were at that version;
 * - never edit a released version: add the next one;
 * - what a version changes is said in its file's comment, not in a field: the side panel's startup
 *   bundle carries every version.
 */
export interface LedgerMigration {
  version: number;
  stores: Readonly<Record<string, string | null>>;
  upgrade?: (tx: Transaction) => Promise<void>;
}
