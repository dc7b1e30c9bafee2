import type { LedgerMigration } from './types';

/**
 * v5: the outbox of shared workspaces (issue 16). One row per event written locally to a workspace
 * this browser shares, `{ n, workspaceId, eventId }`, `n` auto-incremented (the local write order):
 * what the sync session has still to send. Rows are deleted once the server has acknowledged the
 * event (the sent watermark). A new table, no row of any other table changes (no upgrade function).
 * Local only: never in a backup (not in ALL_BACKUP_TABLES).
 */
export const v5: LedgerMigration = {
  version: 5,
  stores: {
    outbox: '++n, [workspaceId+n]',
  },
};
