/**
 * The ledger database. Opened only by the background service worker (writes) and extension pages such
 * as the side panel (reads, e.g. with Dexie `liveQuery`); never by a content script. No DOM here.
 */
import Dexie, { type DexieOptions, type Table } from 'dexie';
import { LEDGER_SCHEMA_VERSION, LEDGER_VERSIONS, applyMigrations, type LedgerMigration } from './migrations';
import type {
  AccountRow,
  BindingRow,
  CaptureRow,
  EventRow,
  InstitutionRow,
  MemberEventRow,
  MemberRow,
  MetaRow,
  OutboxRow,
  PendingRow,
  PermissionRow,
  SettingRow,
  WorkspaceRow,
} from './types';

export const LEDGER_DB_NAME = 'guanghe-ledger';

export {
  BACKUP_TABLES,
  ROSTER_TABLES,
  ALL_BACKUP_TABLES,
  type BackupTable,
  type RosterTable,
  type AnyBackupTable,
} from './types';

export class LedgerDb extends Dexie {
  declare workspaces: Table<WorkspaceRow, string>;
  declare accounts: Table<AccountRow, string>;
  declare bindings: Table<BindingRow, string>;
  declare permissions: Table<PermissionRow, string>;
  declare events: Table<EventRow, string>;
  declare settings: Table<SettingRow, string>;
  declare meta: Table<MetaRow, string>;
  declare captures: Table<CaptureRow, string>;
  declare institutions: Table<InstitutionRow, string>;
  declare members: Table<MemberRow, string>;
  declare memberEvents: Table<MemberEventRow, string>;
  /** Derived (schema v3): the pending queue, kept by the write path (`pending.ts`). Never exported. */
  declare pending: Table<PendingRow, [PendingRow['kind'], string]>;
  /** Local (schema v5): events of shared workspaces not yet acknowledged by the server (`outbox.ts`). */
  declare outbox: Table<OutboxRow, number>;

  /**
   * @param versions only for migration tests: open with a prefix of the released versions.
   */
  constructor(
    name: string = LEDGER_DB_NAME,
    options?: DexieOptions,
    versions: readonly LedgerMigration[] = LEDGER_VERSIONS,
  ) {
    super(name, options);
    applyMigrations(this, versions);
    const createdVersion = versions[versions.length - 1]?.version ?? 0;
    this.on('populate', (tx) => {
      void tx.table('meta').put({ key: 'schema', value: { createdVersion, createdAt: Date.now() } });
    });
  }
}

/**
 * The ledger database (opened lazily by Dexie on first use). One instance per context is enough:
 * `export const ledger = openLedger();`. Tests pass a fresh name per test.
 */
export function openLedger(name: string = LEDGER_DB_NAME, options?: DexieOptions): LedgerDb {
  return new LedgerDb(name, options);
}

export { LEDGER_SCHEMA_VERSION };
