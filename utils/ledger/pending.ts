/**
 * The pending table (schema v3): one row per pending invite and per requested permission, holding
 * exactly what the pending queue shows, so that `getPendingQueue` is one index range read.
 *
 * It is derived state, kept by the single write path inside each write transaction:
 * - `Writer.flush` (every command, page capture and CSV import) re-derives the rows of every binding
 *   and account its events name (`syncPending`);
 * - `deleteWorkspace` deletes the workspace's rows; `applyImport` re-derives every workspace it wrote
 *   (`rebuildPending`); the v3 migration builds it from v2 data.
 * It is never exported in a backup. `derivePendingRows` is the from-scratch derivation the table must
 * always equal (tests compare the two after random command sequences).
 */
import type { LedgerDb } from './db';
import type { AccountRow, BindingRow, PendingRow, PermissionRow, PermissionScope } from './types';

/**
 * The pending rows of the given rows: every pending binding in `bindings` as an invite, every requested
 * permission of `perms` whose binding is in `bindingById`, each with its account's nickname and 逛逛号.
 * Pure; unordered.
 */
export function pendingRowsOf(
  bindings: Iterable<BindingRow>,
  perms: Iterable<PermissionRow>,
  bindingById: ReadonlyMap<string, BindingRow>,
  accountById: ReadonlyMap<string, AccountRow>,
): PendingRow[] {
  const row = (
    kind: PendingRow['kind'],
    id: string,
    b: BindingRow,
    scope: PermissionScope | null,
    since: number,
  ): PendingRow => {
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
  const out: PendingRow[] = [];
  for (const b of bindings)
    if (b.state === 'pending') out.push(row('invite', b.id, b, null, b.invitedAt ?? b.stateChangedAt));
  for (const p of perms) {
    if (p.state !== 'requested') continue;
    const b = bindingById.get(p.bindingId);
    if (b) out.push(row('permission', p.id, b, p.scope, p.requestedAt));
  }
  return out;
}

/** Queue order: oldest first, then by id (the order of the `[workspaceId+since+id]` index). */
export function comparePending(a: PendingRow, b: PendingRow): number {
  return a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The pending rows derived from scratch from bindings, permissions and accounts (the reads the queue
 * made before v3): of one workspace, or of all (`null`). Sorted in queue order.
 */
export async function derivePendingRows(db: LedgerDb, workspaceId: string | null): Promise<PendingRow[]> {
  const [bindings, perms] = await Promise.all([
    workspaceId === null
      ? db.bindings.where('state').equals('pending').toArray()
      : db.bindings.where('[workspaceId+state]').equals([workspaceId, 'pending']).toArray(),
    workspaceId === null
      ? db.permissions.where('state').equals('requested').toArray()
      : db.permissions.where('[workspaceId+state]').equals([workspaceId, 'requested']).toArray(),
  ]);
  const bindingById = new Map<string, BindingRow>(bindings.map((b) => [b.id, b]));
  const missing = [...new Set(perms.map((p) => p.bindingId))].filter((id) => !bindingById.has(id));
  for (const b of await db.bindings.bulkGet(missing)) if (b) bindingById.set(b.id, b);
  const accountIds = [...new Set([...bindingById.values()].map((b) => b.matrixAccountId))];
  const accountById = new Map<string, AccountRow>();
  for (const a of await db.accounts.bulkGet(accountIds)) if (a) accountById.set(a.id, a);
  return pendingRowsOf(bindings, perms, bindingById, accountById).sort(comparePending);
}

const keyOf = (r: Pick<PendingRow, 'kind' | 'id'>): [PendingRow['kind'], string] => [r.kind, r.id];
const sameRow = (a: PendingRow, b: PendingRow) =>
  a.kind === b.kind &&
  a.id === b.id &&
  a.workspaceId === b.workspaceId &&
  a.bindingId === b.bindingId &&
  a.accountId === b.accountId &&
  a.nickname === b.nickname &&
  a.guangguangId === b.guangguangId &&
  a.scope === b.scope &&
  a.since === b.since;

/**
 * Inside a write transaction: makes the pending rows of the given bindings, and of the bindings whose
 * rows show one of the given accounts, equal to what those rows say now (puts only the rows that
 * changed, deletes the ones no longer pending).
 */
export async function syncPending(
  db: LedgerDb,
  bindingIds: Iterable<string>,
  accountIds: Iterable<string> = [],
): Promise<void> {
  const ids = new Set(bindingIds);
  const accounts = [...new Set(accountIds)];
  if (accounts.length)
    for (const r of await db.pending.where('accountId').anyOf(accounts).toArray()) ids.add(r.bindingId);
  if (!ids.size) return;
  const list = [...ids];
  const [bindings, perms, existing] = await Promise.all([
    db.bindings.bulkGet(list),
    db.permissions.where('bindingId').anyOf(list).toArray(),
    db.pending.where('bindingId').anyOf(list).toArray(),
  ]);
  const bindingById = new Map<string, BindingRow>();
  for (const b of bindings) if (b) bindingById.set(b.id, b);
  const accountById = new Map<string, AccountRow>();
  const matrix = [...new Set([...bindingById.values()].map((b) => b.matrixAccountId))];
  for (const a of await db.accounts.bulkGet(matrix)) if (a) accountById.set(a.id, a);
  const want = pendingRowsOf(bindingById.values(), perms, bindingById, accountById);
  const had = new Map(existing.map((r) => [`${r.kind}\u0000${r.id}`, r]));
  const put: PendingRow[] = [];
  for (const r of want) {
    const k = `${r.kind}\u0000${r.id}`;
    const old = had.get(k);
    had.delete(k);
    if (!old || !sameRow(old, r)) put.push(r);
  }
  if (had.size) await db.pending.bulkDelete([...had.values()].map(keyOf));
  if (put.length) await db.pending.bulkPut(put);
}

/** Inside a write transaction: re-derives the whole pending table of each workspace from scratch. */
export async function rebuildPending(db: LedgerDb, workspaceIds: Iterable<string>): Promise<void> {
  for (const ws of new Set(workspaceIds)) {
    const rows = await derivePendingRows(db, ws);
    await db.pending.where('workspaceId').equals(ws).delete();
    if (rows.length) await db.pending.bulkPut(rows);
  }
}
