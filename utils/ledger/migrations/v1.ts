import type { LedgerMigration } from './types';

/**
 * v1: the first schema. Index choices (first entry is the primary key):
 * - accounts `[workspaceId+guangguangId]`: find/upsert a matrix account by 逛逛号 (page captures);
 *   `[workspaceId+role]`: the main account; `phoneHash`: "is this number already in the ledger?".
 * - bindings `[workspaceId+state]`: pending queue and state filters; `[workspaceId+matrixAccountId]`:
 *   the one binding per matrix account; `state`: the badge count across workspaces.
 * - permissions `[bindingId+scope]`: the one row per binding and scope; `[workspaceId+state]`: pending
 *   queue; `state`: badge count.
 * - events `[bindingId+at+seq]`: binding timeline newest first (binding and permission events);
 *   `[entityId+at+seq]`: one entity's history; `workspaceId`: delete a workspace; `[at+seq]`: the
 *   next `seq` for a given millisecond (events of two commands in the same ms keep their order).
 * - captures: idempotency keys of page captures; `recordedAt` to prune old ones.
 */
export const v1: LedgerMigration = {
  version: 1,
  stores: {
    workspaces: 'id, updatedAt',
    accounts: 'id, workspaceId, [workspaceId+guangguangId], [workspaceId+role], phoneHash',
    bindings: 'id, workspaceId, [workspaceId+state], [workspaceId+matrixAccountId], state',
    permissions: 'id, workspaceId, bindingId, [bindingId+scope], [workspaceId+state], state',
    events: 'id, workspaceId, [at+seq], [entityId+at+seq], [bindingId+at+seq]',
    settings: 'key',
    meta: 'key',
    captures: 'key, workspaceId, recordedAt',
  },
};
