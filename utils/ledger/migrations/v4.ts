import type { LedgerMigration } from './types';

/**
 * v4: the roster view's first screen as indexed slices (issue 12). Members get three indexes, no row
 * changes (no upgrade function: IndexedDB builds the new indexes from the rows as they are):
 * - `[workspaceId+lastSeenAt+nickname+id]`: the roster sorted by last seen, either direction, ties by
 *   nickname then id (the index's own order), read `limit` rows at a time;
 * - `[workspaceId+status+lastSeenAt+nickname+id]`: the same for one status (the status filter);
 * - `[workspaceId+binding]`: the counts by tab (`bound` / `other`), counted on the index like the
 *   counts by status on `[workspaceId+status]`.
 * The v2 indexes stay (Dexie's `stores` restates the table's whole index list).
 */
export const v4: LedgerMigration = {
  version: 4,
  stores: {
    members:
      'id, workspaceId, [workspaceId+guangguangId], [workspaceId+status], [workspaceId+lastSeenAt], ' +
      '[workspaceId+lastSeenAt+nickname+id], [workspaceId+status+lastSeenAt+nickname+id], [workspaceId+binding]',
  },
};
