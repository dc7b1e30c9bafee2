/**
 * A shared workspace's two directions between the local ledger and its sync document (issue 16):
 *
 * - **out** (`unsentChange`): every local write is saved in Dexie first, by the single write path, and
 *   every row change of that path comes with an event. So what the document still lacks after a
 *   write is the outbox's events it does not hold (`outbox.ts`: those written since the server last
 *   acknowledged), plus the rows those events name (read as they are now) and the workspace row.
 *   Rows can also come without an event (restored from a backup, written before the outbox, seeded):
 *   a full comparison (first share or join, a document found reset) therefore looks at every row of
 *   the workspace, by kind and id, and sends those the document lacks, and those it holds in an
 *   older version. Nothing is lost if the worker stops before sending: the outbox keeps what was not
 *   acknowledged, and the mark says whether a full comparison was.
 * - **in** (`applyShared`): the merged document's projection (`utils/sync/project.ts`) replaces the
 *   workspace's rows in one transaction: rows are put as projected, rows the merge folded into
 *   another (a second copy of one 逛逛号) are deleted, events are added or re-pointed, and the pending
 *   table is re-derived. Local rows the document does not know yet (written, not yet sent) are kept
 *   as they are: they go out with the next `unsentChange`.
 *
 * Both run in the background (a ledger writer: eslint.boundaries.js).
 */
import type { LedgerDb } from './db';
import { stableStringify } from './canonical';
import { syncAccountWindows } from './account-window';
import { writeTransaction } from './engine';
import { rebuildPending, syncPending } from './pending';
import type { AccountRow, BindingRow, EventRow, PermissionRow, WorkspaceRow } from './types';
import type { DocChange, DocKind } from '../sync/doc';
import type { Projection } from '../sync/project';
import { outboxOf, readMark } from './outbox';

export interface UnsentChange extends DocChange {
  /** Rows in the change that the document does not hold (events included): what is still unsent. */
  size: number;
  /** Whether every row of the workspace was compared with the document (not the outbox only). */
  full: boolean;
  /** The last outbox row read (`outbox.ts`): once acknowledged, the rows up to it can go. */
  through: number;
}

/** Whether the document holds a row of `kind` with this id (for `workspace`: the workspace row). */
export type InDoc = (kind: DocKind, id: string) => boolean;

/**
 * The workspace's local changes the document lacks (`inDoc` says which rows it holds, by kind).
 *
 * - With the sent watermark (`outbox.ts`) only the outbox's events are looked at: those the document
 *   lacks, the rows they name, and the workspace row.
 * - A full comparison (`full`: when the workspace has no mark, when `opts.full` is true, or when it
 *   is not false and the mark says no full comparison was acknowledged yet) looks at every row of the
 *   workspace: each the document lacks is in the change (a row no event names, say one restored from
 *   a backup, reaches the document too), and so is each it holds, for `writeChange` to replace the
 *   document's copy where the local one is newer (`updatedAt`) and to leave it otherwise.
 */
export async function unsentChange(
  db: LedgerDb,
  workspaceId: string,
  inDoc: InDoc,
  opts: { full?: boolean } = {},
): Promise<UnsentChange> {
  return db.transaction(
    'r',
    [db.workspaces, db.accounts, db.bindings, db.permissions, db.events, db.meta, db.outbox],
    async () => {
      const mark = await readMark(db, workspaceId);
      // Without a mark there is no outbox either: only a full comparison can find anything.
      const full = !mark || (opts.full ?? !mark.compared);
      const box = await outboxOf(db, workspaceId);
      const workspace = await db.workspaces.get(workspaceId);
      if (full) {
        const of = <R>(table: { where(i: string): { equals(v: string): { toArray(): Promise<R[]> } } }) =>
          table.where('workspaceId').equals(workspaceId).toArray();
        const [accounts, bindings, permissions] = [
          await of<AccountRow>(db.accounts),
          await of<BindingRow>(db.bindings),
          await of<PermissionRow>(db.permissions),
        ];
        const ids = await db.events.where('workspaceId').equals(workspaceId).primaryKeys();
        const events = (await db.events.bulkGet(ids.filter((id) => !inDoc('events', id)))).filter(
          (e): e is EventRow => e !== undefined,
        );
        const lacking = (kind: DocKind, rows: readonly { id: string }[]) =>
          rows.reduce((n, r) => n + (inDoc(kind, r.id) ? 0 : 1), 0);
        const size =
          events.length +
          lacking('accounts', accounts) +
          lacking('bindings', bindings) +
          lacking('permissions', permissions) +
          (workspace && !inDoc('workspace', workspaceId) ? 1 : 0);
        return {
          ...(workspace ? { workspace } : {}),
          accounts,
          bindings,
          permissions,
          events,
          size,
          full,
          through: box.through,
        };
      }
      const ids = [...new Set(box.eventIds)].filter((id) => !inDoc('events', id));
      // An outbox row may name an event since deleted, or moved to another workspace.
      const events = (await db.events.bulkGet(ids)).filter(
        (e): e is EventRow => e !== undefined && e.workspaceId === workspaceId,
      );
      const named = { account: new Set<string>(), binding: new Set<string>(), permission: new Set<string>() };
      for (const e of events) {
        if (e.entityType !== 'workspace') named[e.entityType].add(e.entityId);
        if (e.bindingId !== null) named.binding.add(e.bindingId);
      }
      const got = async <R>(
        table: { bulkGet(keys: string[]): Promise<(R | undefined)[]> },
        keys: Set<string>,
      ) => (await table.bulkGet([...keys])).filter((r): r is R => r !== undefined);
      const bindings = await got<BindingRow>(db.bindings, named.binding);
      // A binding names its two accounts: a peer must be able to show both.
      for (const b of bindings) named.account.add(b.matrixAccountId).add(b.mainAccountId);
      if (workspace) named.account.add(workspace.mainAccountId);
      const accounts = await got<AccountRow>(db.accounts, named.account);
      const permissions = await got<PermissionRow>(db.permissions, named.permission);
      return {
        ...(workspace && events.length ? { workspace } : {}),
        accounts,
        bindings,
        permissions,
        events,
        size: events.length,
        full,
        through: box.through,
      };
    },
  );
}

export interface ApplySharedResult {
  /** Rows put or deleted (events included); 0 when the ledger already equalled the projection. */
  written: number;
}

const same = (a: unknown, b: unknown) => a !== undefined && stableStringify(a) === stableStringify(b);

/**
 * What the ledger holds of a workspace's projection since the last `applyShared` (kept in memory by
 * the member's session between pulls), so the next one writes only what changed: rows by their
 * canonical text, events by the projected object (`ProjectionMemo` keeps unchanged events the same
 * object). `touched` marks rows written locally since, which are compared with Dexie again.
 */
export class AppliedProjection {
  primed = false;
  workspace: string | null = null;
  rows: Record<'accounts' | 'bindings' | 'permissions', Map<string, string>> = {
    accounts: new Map(),
    bindings: new Map(),
    permissions: new Map(),
  };
  events = new Map<string, EventRow>();
  readonly touched = new Set<string>();

  /** Rows (any kind) written to the ledger by this browser since the last pull. */
  touch(ids: Iterable<string>): void {
    for (const id of ids) this.touched.add(id);
  }

  /** Forget everything: the next `applyShared` compares the whole workspace with Dexie. */
  reset(): void {
    this.primed = false;
    this.workspace = null;
    this.rows = { accounts: new Map(), bindings: new Map(), permissions: new Map() };
    this.events = new Map();
    this.touched.clear();
  }
}

type RowTable<R> = {
  where(i: string): { equals(v: string): { toArray(): Promise<R[]> } };
  bulkGet(keys: string[]): Promise<(R | undefined)[]>;
  bulkPut(rows: R[]): Promise<unknown>;
  bulkDelete(keys: string[]): Promise<void>;
};

/**
 * Applies a projection of the workspace's document. `docIds`: every id the document holds (rows of
 * every kind): a local row with such an id that the projection does not list was merged into another.
 *
 * With a primed `applied` (the state the previous call left) only the rows that differ from that
 * projection and the rows written locally since (`applied.touched`) are read from Dexie and compared, and the pending
 * rows of just those bindings and accounts re-derived (`syncPending`): a peer's one edit costs that
 * edit, not the workspace. Without it (the first pull of a session) the whole workspace is compared.
 * Either way the ledger ends the same (tests/unit/sync/apply-delta.test.ts). On any failure the
 * transaction is rolled back and `applied` reset, so the next call compares in full.
 */
export async function applyShared(
  db: LedgerDb,
  workspaceId: string,
  projection: Projection,
  docIds: ReadonlySet<string>,
  applied?: AppliedProjection,
): Promise<ApplySharedResult> {
  if (projection.workspace && projection.workspace.id !== workspaceId) {
    throw new Error('applyShared: the projection is of another workspace');
  }
  if (!applied) return writeTransaction(db, () => applyFull(db, workspaceId, projection, docIds));
  const text = {
    workspace: projection.workspace ? stableStringify(projection.workspace) : null,
    accounts: new Map(projection.accounts.map((r) => [r.id, stableStringify(r)])),
    bindings: new Map(projection.bindings.map((r) => [r.id, stableStringify(r)])),
    permissions: new Map(projection.permissions.map((r) => [r.id, stableStringify(r)])),
  };
  try {
    const result = await writeTransaction(db, () =>
      applied.primed
        ? applyDelta(db, workspaceId, projection, docIds, applied, text)
        : applyFull(db, workspaceId, projection, docIds),
    );
    applied.primed = true;
    applied.workspace = text.workspace;
    applied.rows = { accounts: text.accounts, bindings: text.bindings, permissions: text.permissions };
    applied.events = new Map(projection.events.map((e) => [e.id, e]));
    applied.touched.clear();
    return result;
  } catch (e) {
    applied.reset();
    throw e;
  }
}

async function applyFull(
  db: LedgerDb,
  workspaceId: string,
  projection: Projection,
  docIds: ReadonlySet<string>,
): Promise<ApplySharedResult> {
  let written = 0;
  const ws: WorkspaceRow | null = projection.workspace;
  if (ws && !same(await db.workspaces.get(workspaceId), ws)) {
    await db.workspaces.put(ws);
    written++;
  }
  const replace = async <R extends { id: string }>(table: RowTable<R>, rows: readonly R[]) => {
    const local = new Map(
      (await table.where('workspaceId').equals(workspaceId).toArray()).map((r) => [r.id, r]),
    );
    const keep = new Set(rows.map((r) => r.id));
    const gone = [...local.keys()].filter((id) => docIds.has(id) && !keep.has(id));
    const put = rows.filter((r) => !same(local.get(r.id), r));
    if (gone.length) await table.bulkDelete(gone);
    if (put.length) await table.bulkPut(put);
    written += gone.length + put.length;
    return [...gone, ...put.map((r) => r.id)];
  };
  // The first screen's account window (account-window.ts) follows the accounts put or deleted.
  await syncAccountWindows(db, await replace<AccountRow>(db.accounts, projection.accounts));
  await replace<BindingRow>(db.bindings, projection.bindings);
  await replace<PermissionRow>(db.permissions, projection.permissions);
  // Only the events this ledger already holds are read and compared (none, for a member joining).
  const held = new Set(await db.events.where('workspaceId').equals(workspaceId).primaryKeys());
  const known = projection.events.filter((e) => held.has(e.id));
  const have = new Map((await db.events.bulkGet(known.map((e) => e.id))).map((e, i) => [known[i]!.id, e]));
  const events = projection.events.filter((e) => !held.has(e.id) || !same(have.get(e.id), e));
  if (events.length) await db.events.bulkPut(events);
  written += events.length;
  if (written) await rebuildPending(db, [workspaceId]);
  return { written };
}

async function applyDelta(
  db: LedgerDb,
  workspaceId: string,
  projection: Projection,
  docIds: ReadonlySet<string>,
  applied: AppliedProjection,
  text: {
    workspace: string | null;
    accounts: Map<string, string>;
    bindings: Map<string, string>;
    permissions: Map<string, string>;
  },
): Promise<ApplySharedResult> {
  let written = 0;
  const again = (id: string) => applied.touched.has(id);
  const ws: WorkspaceRow | null = projection.workspace;
  if (
    ws &&
    (text.workspace !== applied.workspace || again(workspaceId)) &&
    !same(await db.workspaces.get(workspaceId), ws)
  ) {
    await db.workspaces.put(ws);
    written++;
  }
  const pendingOf = { bindings: new Set<string>(), accounts: new Set<string>() };
  const replace = async <R extends { id: string }>(
    kind: 'accounts' | 'bindings' | 'permissions',
    table: RowTable<R>,
    rows: readonly R[],
    note: (r: R) => void,
  ) => {
    const now = text[kind];
    const before = applied.rows[kind];
    const changed = rows.filter((r) => before.get(r.id) !== now.get(r.id) || again(r.id));
    // Gone: what the last projection listed and this one does not, and what this browser wrote that
    // the projection folded into another row (a peer's row folded on arrival was never written here).
    const gone = new Set<string>();
    for (const id of before.keys()) if (!now.has(id)) gone.add(id);
    for (const id of applied.touched) if (!now.has(id)) gone.add(id);
    const goneIds = [...gone].filter((id) => docIds.has(id));
    const [local, goneLocal] = await Promise.all([
      table.bulkGet(changed.map((r) => r.id)),
      table.bulkGet(goneIds),
    ]);
    const put = changed.filter((r, i) => !same(local[i], r));
    const del = goneLocal.filter(
      (r): r is R => r !== undefined && (r as R & { workspaceId?: string }).workspaceId === workspaceId,
    );
    if (del.length) await table.bulkDelete(del.map((r) => r.id));
    if (put.length) await table.bulkPut(put);
    for (const r of [...del, ...put]) note(r);
    written += del.length + put.length;
  };
  await replace<AccountRow>('accounts', db.accounts, projection.accounts, (a) =>
    pendingOf.accounts.add(a.id),
  );
  await replace<BindingRow>('bindings', db.bindings, projection.bindings, (b) =>
    pendingOf.bindings.add(b.id),
  );
  await replace<PermissionRow>('permissions', db.permissions, projection.permissions, (p) =>
    pendingOf.bindings.add(p.bindingId),
  );
  const changed = projection.events.filter((e) => applied.events.get(e.id) !== e || again(e.id));
  const have = await db.events.bulkGet(changed.map((e) => e.id));
  const events = changed.filter((e, i) => !same(have[i], e));
  if (events.length) await db.events.bulkPut(events);
  written += events.length;
  if (pendingOf.bindings.size || pendingOf.accounts.size)
    await syncPending(db, pendingOf.bindings, pendingOf.accounts);
  if (pendingOf.accounts.size) await syncAccountWindows(db, pendingOf.accounts);
  return { written };
}
