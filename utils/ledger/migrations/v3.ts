import type { Transaction } from 'dexie';
import type { LedgerMigration } from './types';

/** Row shapes as they are at v3 (local on purpose: a released migration never follows the app's types). */
interface BindingV3 {
  id: string;
  workspaceId: string;
  matrixAccountId: string;
  state: string;
  invitedAt: number | null;
  stateChangedAt: number;
}
interface PermissionV3 {
  id: string;
  bindingId: string;
  scope: string;
  state: string;
  requestedAt: number;
}
interface AccountV3 {
  id: string;
  nickname: string;
  guangguangId: string;
}
interface PendingV3 {
  kind: 'invite' | 'permission';
  id: string;
  workspaceId: string;
  bindingId: string;
  accountId: string;
  nickname: string;
  guangguangId: string;
  scope: string | null;
  since: number;
}

/** Builds the pending table from the v2 rows: every pending binding, every requested permission. */
async function buildPending(tx: Transaction): Promise<void> {
  const [pendingBindings, perms] = await Promise.all([
    tx.table('bindings').where('state').equals('pending').toArray() as Promise<BindingV3[]>,
    tx.table('permissions').where('state').equals('requested').toArray() as Promise<PermissionV3[]>,
  ]);
  const bindingById = new Map(pendingBindings.map((b) => [b.id, b]));
  const missing = [...new Set(perms.map((p) => p.bindingId))].filter((id) => !bindingById.has(id));
  for (const b of (await tx.table('bindings').bulkGet(missing)) as (BindingV3 | undefined)[])
    if (b) bindingById.set(b.id, b);
  const accountIds = [...new Set([...bindingById.values()].map((b) => b.matrixAccountId))];
  const accountById = new Map<string, AccountV3>();
  for (const a of (await tx.table('accounts').bulkGet(accountIds)) as (AccountV3 | undefined)[])
    if (a) accountById.set(a.id, a);
  const row = (kind: PendingV3['kind'], id: string, b: BindingV3, scope: string | null, since: number) => {
    const a = accountById.get(b.matrixAccountId);
    return {
      kind,
      id,
      workspaceId: b.workspaceId,
      bindingId: b.id,
      accountId: b.matrixAccountId,
      nickname: a?.nickname ?? '',
      guangguangId: a?.guangguangId ?? '',
      scope,
      since,
    };
  };
  const rows: PendingV3[] = pendingBindings.map((b) =>
    row('invite', b.id, b, null, b.invitedAt ?? b.stateChangedAt),
  );
  for (const p of perms) {
    const b = bindingById.get(p.bindingId);
    if (b) rows.push(row('permission', p.id, b, p.scope, p.requestedAt));
  }
  await tx.table('pending').bulkPut(rows);
}

/**
 * v3: the pending queue as a table kept by the write path, so that a workspace's queue is ONE index
 * range read instead of two range reads and ~600 lookups by key (issue 15). One row per pending
 * invite (`kind: 'invite'`, the binding's id) and per requested permission (`'permission'`, the
 * permission's id), holding exactly what the queue shows. No v2 table changes.
 * - pending `[kind+id]` (primary key); `[workspaceId+since+id]`: a workspace's queue, oldest first;
 *   `bindingId`: the rows of a binding the writer touched; `accountId`: the rows showing an account
 *   whose nickname or 逛逛号 changed; `workspaceId`: delete a workspace, rebuild after an import.
 */
export const v3: LedgerMigration = {
  version: 3,
  stores: {
    pending: '[kind+id], workspaceId, [workspaceId+since+id], bindingId, accountId',
  },
  upgrade: buildPending,
};
