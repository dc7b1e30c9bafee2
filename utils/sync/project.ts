/**
 * From a shared workspace's merged document to the ledger rows every member's Dexie holds (issue 16,
 * item 3). Pure and deterministic: equal document contents give equal rows on every machine, in
 * whatever order the updates arrived.
 *
 * - **Same 逛逛号 twice** (two members recorded one account offline): one account, the smallest id;
 *   its fields from the most recently updated copy; bindings and events of the other id are moved to it.
 *   Bindings of one matrix account and permissions of one (binding, scope) merge the same way.
 * - **States come from the merged events**, not from whichever row won: a binding's state is the `to`
 *   of its last state event in the order (at, seq, author, id); `invitedAt` the last step to
 *   `pending`; a permission's the same. So the state is always one the events reached.
 * - **No impossible combination**: a permission is active (`requested`, `granted`) only while its
 *   binding is `accepted`. Merging "A unbinds" with "B grants, later, offline" gives an unbound
 *   binding whose permission is `revoked`, as the engine does when a binding leaves `accepted`.
 * - **Every event is kept**, with its author (`author`), so the timeline shows both members' steps.
 */
import { ACTIVE_PERMISSION_STATES } from '../ledger/lifecycle';
import {
  BINDING_STATES,
  PERMISSION_STATES,
  type AccountRow,
  type BindingRow,
  type BindingState,
  type EventRow,
  type PermissionRow,
  type PermissionState,
  type WorkspaceRow,
} from '../ledger/types';
import type { Authored, DocContent } from './doc';

export interface Projection {
  workspace: WorkspaceRow | null;
  accounts: AccountRow[];
  bindings: BindingRow[];
  permissions: PermissionRow[];
  /** Every event, entity ids moved to the merged rows, oldest first, `author` the member who wrote it. */
  events: EventRow[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Groups rows by `key`; per group the smallest id is kept; returns the kept rows and id → kept id. */
function mergeBy<R extends { id: string; updatedAt: number }>(
  rows: readonly R[],
  key: (r: R) => string,
): { kept: Map<string, R[]>; alias: Map<string, string> } {
  const groups = new Map<string, R[]>();
  for (const r of [...rows].sort(byId)) {
    const k = key(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const alias = new Map<string, string>();
  for (const g of groups.values()) for (const r of g) alias.set(r.id, g[0]!.id);
  return { kept: groups, alias };
}

/** The most recently updated of a group (ties: the smallest id), carrying the group's first id and creation. */
function newestOf<R extends { id: string; updatedAt: number; createdAt: number }>(group: R[]): R {
  let best = group[0]!;
  for (const r of group) if (r.updatedAt > best.updatedAt) best = r;
  return {
    ...best,
    id: group[0]!.id,
    createdAt: Math.min(...group.map((r) => r.createdAt)),
    updatedAt: Math.max(...group.map((r) => r.updatedAt)),
  };
}

function compareEvents(a: Authored<EventRow>, b: Authored<EventRow>): number {
  const x = a.row;
  const y = b.row;
  if (x.at !== y.at) return x.at - y.at;
  if (a.by !== b.by) return a.by < b.by ? -1 : 1;
  if (x.seq !== y.seq) return x.seq - y.seq;
  return byId(x, y);
}

function isStateEvent(e: EventRow): boolean {
  return (
    e.action === 'created' || ((e.action === 'transition' || e.action === 'jump') && e.field === 'state')
  );
}

/**
 * Kept between projections by a member's session: an event read as the same object (`readDoc`'s
 * cache) and projected under the same merges of ids is the same projected object, so the next
 * `applyShared` can tell the events that changed by identity, without comparing 50,000 of them.
 */
export class ProjectionMemo {
  folds = '';
  events = new WeakMap<Authored<EventRow>, EventRow>();
}

/** The ids merged into another (`id→kept`), as one text: equal texts, equal merges. */
function foldsOf(...aliases: ReadonlyMap<string, string>[]): string {
  const out: string[] = [];
  for (const alias of aliases) for (const [id, kept] of alias) if (id !== kept) out.push(`${id}>${kept}`);
  return out.join(',');
}

export function projectWorkspace(content: DocContent, memo?: ProjectionMemo): Projection {
  const workspaceRow = content.workspace?.row ?? null;

  const accounts = mergeBy(
    content.accounts.map((a) => a.row),
    (a) => a.guangguangId,
  );
  const accountOf = (id: string) => accounts.alias.get(id) ?? id;
  const accountRows = [...accounts.kept.values()].map(newestOf);

  const bindings = mergeBy(
    content.bindings.map(({ row }) => ({
      ...row,
      mainAccountId: accountOf(row.mainAccountId),
      matrixAccountId: accountOf(row.matrixAccountId),
    })),
    (b) => b.matrixAccountId,
  );
  const bindingOf = (id: string) => bindings.alias.get(id) ?? id;

  const permissions = mergeBy(
    content.permissions.map(({ row }) => ({ ...row, bindingId: bindingOf(row.bindingId) })),
    (p) => `${p.bindingId}\u0000${p.scope}`,
  );
  const permissionOf = (id: string) => permissions.alias.get(id) ?? id;

  if (memo) {
    const folds = foldsOf(accounts.alias, bindings.alias, permissions.alias);
    if (folds !== memo.folds) {
      memo.folds = folds;
      memo.events = new WeakMap();
    }
  }
  const project = ({ row, by }: Authored<EventRow>): EventRow => {
    const entityId =
      row.entityType === 'account'
        ? accountOf(row.entityId)
        : row.entityType === 'binding'
          ? bindingOf(row.entityId)
          : row.entityType === 'permission'
            ? permissionOf(row.entityId)
            : row.entityId;
    return {
      ...row,
      entityId,
      bindingId: row.bindingId === null ? null : bindingOf(row.bindingId),
      actorAccountId: row.actorAccountId === null ? null : accountOf(row.actorAccountId),
      author: by,
    };
  };
  const events = [...content.events].sort(compareEvents).map((authored) => {
    if (!memo) return project(authored);
    let e = memo.events.get(authored);
    if (!e) memo.events.set(authored, (e = project(authored)));
    return e;
  });
  const stateEvents = new Map<string, EventRow[]>();
  for (const e of events) {
    if (!isStateEvent(e) || (e.entityType !== 'binding' && e.entityType !== 'permission')) continue;
    const list = stateEvents.get(e.entityId);
    if (list) list.push(e);
    else stateEvents.set(e.entityId, [e]);
  }

  const bindingRows = [...bindings.kept.values()].map((group) => {
    const row: BindingRow = { ...newestOf(group) };
    const steps = (stateEvents.get(row.id) ?? []).filter((e) =>
      (BINDING_STATES as readonly string[]).includes(e.to ?? ''),
    );
    const last = steps.at(-1);
    if (last) {
      row.state = last.to as BindingState;
      row.stateChangedAt = last.at;
      row.stateSource = last.source;
      const invited = steps.filter((e) => e.to === 'pending').at(-1);
      row.invitedAt = invited ? invited.at : row.state === 'draft' ? null : row.invitedAt;
    }
    return row;
  });
  const bindingById = new Map(bindingRows.map((b) => [b.id, b]));

  const permissionRows = [...permissions.kept.values()].map((group) => {
    const row: PermissionRow = { ...newestOf(group) };
    const steps = (stateEvents.get(row.id) ?? []).filter((e) =>
      (PERMISSION_STATES as readonly string[]).includes(e.to ?? ''),
    );
    const last = steps.at(-1);
    if (last) {
      row.state = last.to as PermissionState;
      row.stateChangedAt = last.at;
      row.stateSource = last.source;
      const requested = steps.filter((e) => e.to === 'requested').at(-1);
      if (requested) row.requestedAt = requested.at;
    }
    const binding = bindingById.get(row.bindingId);
    if (binding && binding.state !== 'accepted' && ACTIVE_PERMISSION_STATES.includes(row.state)) {
      row.state = 'revoked';
      row.stateChangedAt = Math.max(row.stateChangedAt, binding.stateChangedAt);
      row.stateSource = binding.stateSource;
    }
    return row;
  });

  return {
    workspace: workspaceRow && { ...workspaceRow, mainAccountId: accountOf(workspaceRow.mainAccountId) },
    accounts: accountRows.sort(byId),
    bindings: bindingRows.sort(byId),
    permissions: permissionRows.sort(byId),
    events,
  };
}
