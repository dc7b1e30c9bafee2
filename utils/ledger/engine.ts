/**
 * Internal write helpers shared by the commands and page captures. Every function here runs INSIDE one
 * Dexie `rw` transaction opened by `writeTransaction` and awaits only Dexie, so a command is atomic:
 * either all its rows and events are written, or none.
 */
import type { LedgerDb } from './db';
import { LedgerConflictError, LedgerNotFoundError, guardStorage } from './errors';
import { syncAccountWindows } from './account-window';
import { recordOutgoing } from './outbox';
import { syncPending } from './pending';
import {
  ACTIVE_PERMISSION_STATES,
  BINDING_MACHINE,
  PERMISSION_MACHINE,
  assertInitial,
  assertTransition,
  findTransition,
  shortestPath,
  type Machine,
  type TransitionActor,
} from './lifecycle';
import type {
  AccountRole,
  AccountRow,
  BindingRow,
  BindingState,
  EventAction,
  EventCause,
  EventRow,
  EventSource,
  Identity,
  PermissionRow,
  PermissionScope,
  PermissionState,
  UnconfirmedMark,
  WorkspaceRow,
} from './types';
import { confirmationOf } from './types';

export function newId(): string {
  return crypto.randomUUID();
}

/**
 * Runs `fn` in one rw transaction over every ledger table; quota errors become `LedgerStorageFullError`.
 * The scope is always an `async` function: Dexie keeps its transaction zone across native `await`s only
 * when the scope function itself is async (a plain arrow returning a promise commits too early).
 */
export function writeTransaction<T>(db: LedgerDb, fn: () => Promise<T>): Promise<T> {
  return guardStorage(() =>
    db.transaction(
      'rw',
      [
        db.workspaces,
        db.accounts,
        db.bindings,
        db.permissions,
        db.events,
        db.settings,
        db.captures,
        db.institutions,
        db.members,
        db.memberEvents,
        db.pending,
        db.outbox,
        db.meta,
      ],
      async () => await fn(),
    ),
  );
}

/** Per-command write context: the clock, the source, and the events collected in order. */
export class Writer {
  private seq = 0;
  readonly events: EventRow[] = [];

  constructor(
    readonly db: LedgerDb,
    /** Write time: `createdAt`/`updatedAt`. */
    readonly now: number,
    /** When the recorded thing happened: event `at`, `stateChangedAt`, `invitedAt`, `requestedAt`. */
    readonly at: number,
    readonly source: EventSource,
    readonly captureKey: string | null = null,
  ) {}

  event(e: {
    workspaceId: string;
    entityType: EventRow['entityType'];
    entityId: string;
    bindingId?: string | null;
    scope?: PermissionScope | null;
    action: EventAction;
    field?: string | null;
    from?: string | null;
    to?: string | null;
    actorAccountId?: string | null;
    reason?: string | null;
    cause?: EventCause | null;
  }): void {
    this.events.push({
      id: newId(),
      workspaceId: e.workspaceId,
      entityType: e.entityType,
      entityId: e.entityId,
      bindingId: e.bindingId ?? null,
      scope: e.scope ?? null,
      action: e.action,
      field: e.field ?? null,
      from: e.from ?? null,
      to: e.to ?? null,
      at: this.at,
      seq: this.seq++,
      source: this.source,
      actorAccountId: e.actorAccountId ?? null,
      reason: e.reason ?? null,
      cause: e.cause ?? null,
      captureKey: this.captureKey,
    });
  }

  /**
   * Writes the collected events. `seq` continues after the last event already stored with the same
   * `at`, so events of two commands in the same millisecond still sort in write order.
   *
   * Then brings the pending table (`pending.ts`) up to date for everything the events name: every row
   * change of this write path comes with an event, so the bindings of binding and permission events and
   * the accounts of account events are exactly the rows whose pending items may have changed, and
   * the accounts whose place in the account window (`account-window.ts`) may have.
   */
  async flush(): Promise<void> {
    if (!this.events.length) return;
    const last = await this.db.events
      .where('[at+seq]')
      .between([this.at, -Infinity], [this.at, Infinity])
      .last();
    const base = last ? last.seq + 1 : 0;
    for (const e of this.events) e.seq += base;
    await this.db.events.bulkAdd(this.events);
    await recordOutgoing(this.db, this.events);
    const bindings = new Set<string>();
    const accounts = new Set<string>();
    for (const e of this.events) {
      if (e.bindingId !== null) bindings.add(e.bindingId);
      if (e.entityType === 'account') accounts.add(e.entityId);
    }
    await syncPending(this.db, bindings, accounts);
    await syncAccountWindows(this.db, accounts);
  }
}

export interface StepOptions {
  /** `undefined`: the machine's usual actor for the step; `null`: nobody recorded. */
  actorAccountId?: string | null;
  reason?: string | null;
  cause?: EventCause | null;
  /** Page captures: apply even when not a legal single step, recorded as a `jump`. */
  allowJump?: boolean;
}

function actorFor(
  actor: TransitionActor | undefined,
  binding: BindingRow,
  explicit: string | null | undefined,
) {
  if (explicit !== undefined) return explicit;
  if (actor === 'main') return binding.mainAccountId;
  if (actor === 'matrix') return binding.matrixAccountId;
  return null;
}

function jumpReason<S extends string>(m: Machine<S>, from: S, to: S): string {
  const path = shortestPath(m, from, to);
  return path
    ? `page jump; unseen steps: ${[from, ...path].join(' → ')}`
    : `page jump; no legal path ${from} → ${to}`;
}

// ---------------------------------------------------------------- reads

export async function requireWorkspace(db: LedgerDb, id: string): Promise<WorkspaceRow> {
  const ws = await db.workspaces.get(id);
  if (!ws) throw new LedgerNotFoundError('workspace', id);
  return ws;
}

export async function requireBinding(db: LedgerDb, id: string): Promise<BindingRow> {
  const b = await db.bindings.get(id);
  if (!b) throw new LedgerNotFoundError('binding', id);
  return b;
}

export function findAccountByGg(db: LedgerDb, workspaceId: string, guangguangId: string) {
  return db.accounts.where('[workspaceId+guangguangId]').equals([workspaceId, guangguangId]).first();
}

export function findBindingOf(db: LedgerDb, workspaceId: string, matrixAccountId: string) {
  return db.bindings.where('[workspaceId+matrixAccountId]').equals([workspaceId, matrixAccountId]).first();
}

export function findPermission(db: LedgerDb, bindingId: string, scope: PermissionScope) {
  return db.permissions.where('[bindingId+scope]').equals([bindingId, scope]).first();
}

// ---------------------------------------------------------------- accounts

/** Account fields after validation, phone already turned into mask + hash (or left out). */
export interface AccountFields {
  nickname?: string;
  guangguangId: string;
  identity?: Identity | null;
  storeName?: string | null;
  storeType?: string | null;
  phone?: { phoneMask: string; phoneHash: string } | null;
  note?: string;
}

const PLAIN_FIELDS = ['nickname', 'guangguangId', 'identity', 'storeName', 'storeType', 'note'] as const;

export async function createAccount(
  w: Writer,
  workspaceId: string,
  role: AccountRole,
  f: AccountFields,
): Promise<AccountRow> {
  if (await findAccountByGg(w.db, workspaceId, f.guangguangId)) {
    throw new LedgerConflictError(
      `逛逛号 ${f.guangguangId} 已在此工作区中`,
      `逛逛号 ${f.guangguangId} is already in this workspace`,
    );
  }
  const row: AccountRow = {
    id: newId(),
    workspaceId,
    role,
    nickname: f.nickname ?? '',
    guangguangId: f.guangguangId,
    identity: f.identity ?? null,
    storeName: f.storeName ?? null,
    storeType: f.storeType ?? null,
    phoneMask: f.phone?.phoneMask ?? null,
    phoneHash: f.phone?.phoneHash ?? null,
    note: f.note ?? '',
    createdAt: w.now,
    updatedAt: w.now,
  };
  await w.db.accounts.add(row);
  w.event({ workspaceId, entityType: 'account', entityId: row.id, action: 'created', to: role });
  return row;
}

/** Applies the given fields (undefined = unchanged), one `updated` event per changed field. */
export async function updateAccount(
  w: Writer,
  row: AccountRow,
  f: Partial<AccountFields>,
): Promise<AccountRow> {
  const next: AccountRow = { ...row };
  let changed = false;
  for (const k of PLAIN_FIELDS) {
    const val = f[k];
    if (val === undefined || val === row[k]) continue;
    changed = true;
    if (k === 'guangguangId') {
      const other = await findAccountByGg(w.db, row.workspaceId, val as string);
      if (other && other.id !== row.id) {
        throw new LedgerConflictError(
          `逛逛号 ${String(val)} 已属于另一个账号`,
          `逛逛号 ${String(val)} already belongs to another account`,
        );
      }
    }
    (next as unknown as Record<string, unknown>)[k] = val;
    w.event({
      workspaceId: row.workspaceId,
      entityType: 'account',
      entityId: row.id,
      action: 'updated',
      field: k,
      from: row[k],
      to: val,
    });
  }
  if (f.phone !== undefined && (f.phone?.phoneHash ?? null) !== row.phoneHash) {
    changed = true;
    next.phoneMask = f.phone?.phoneMask ?? null;
    next.phoneHash = f.phone?.phoneHash ?? null;
    // The log shows masks only, never the number or its hash.
    w.event({
      workspaceId: row.workspaceId,
      entityType: 'account',
      entityId: row.id,
      action: 'updated',
      field: 'phone',
      from: row.phoneMask,
      to: next.phoneMask,
    });
  }
  if (changed) {
    next.updatedAt = w.now;
    await w.db.accounts.put(next);
  }
  return next;
}

// ---------------------------------------------------------------- bindings

export async function createBinding(
  w: Writer,
  ws: WorkspaceRow,
  matrixAccountId: string,
  state: BindingState,
  opts: StepOptions = {},
): Promise<BindingRow> {
  if (!opts.allowJump) assertInitial(BINDING_MACHINE, state);
  const row: BindingRow = {
    id: newId(),
    workspaceId: ws.id,
    mainAccountId: ws.mainAccountId,
    matrixAccountId,
    state,
    invitedAt: state === 'draft' ? null : w.at,
    stateChangedAt: w.at,
    stateSource: w.source,
    createdAt: w.now,
    updatedAt: w.now,
  };
  await w.db.bindings.add(row);
  w.event({
    workspaceId: ws.id,
    entityType: 'binding',
    entityId: row.id,
    bindingId: row.id,
    action: 'created',
    field: 'state',
    to: state,
    actorAccountId: opts.actorAccountId === undefined ? ws.mainAccountId : opts.actorAccountId,
    reason: opts.reason ?? null,
    cause: opts.cause ?? null,
  });
  return row;
}

/**
 * Sets (`mark`) or clears (null) a binding's unconfirmed mark, with one `updated` event whose from/to
 * read `submitted`, `missing` or `confirmed`. Nothing is written when that reading does not change.
 */
export async function markUnconfirmed(
  w: Writer,
  binding: BindingRow,
  mark: UnconfirmedMark | null,
): Promise<BindingRow> {
  const from = confirmationOf(binding.unconfirmed);
  const to = confirmationOf(mark);
  if (from === to) return binding;
  const { unconfirmed: _was, ...rest } = binding;
  void _was;
  const next: BindingRow = mark
    ? { ...rest, unconfirmed: mark, updatedAt: w.now }
    : { ...rest, updatedAt: w.now };
  await w.db.bindings.put(next);
  w.event({
    workspaceId: binding.workspaceId,
    entityType: 'binding',
    entityId: binding.id,
    bindingId: binding.id,
    action: 'updated',
    field: 'unconfirmed',
    from,
    to,
  });
  return next;
}

export interface BindingStepResult {
  binding: BindingRow;
  /** Permissions revoked because the binding left `accepted`. */
  revoked: PermissionRow[];
  /** False when the binding already was in `to` (nothing written). */
  changed: boolean;
}

/**
 * Moves a binding to `to`: a legal step, or (with `allowJump`) any change, recorded as a `jump`.
 * Leaving `accepted` revokes every requested/granted permission of the binding, one event each.
 */
export async function stepBinding(
  w: Writer,
  binding: BindingRow,
  to: BindingState,
  opts: StepOptions = {},
): Promise<BindingStepResult> {
  if (binding.state === to && opts.allowJump) return { binding, revoked: [], changed: false };
  const t = findTransition(BINDING_MACHINE, binding.state, to);
  if (!t && !opts.allowJump) assertTransition(BINDING_MACHINE, binding.state, to);
  const next: BindingRow = {
    ...binding,
    state: to,
    stateChangedAt: w.at,
    stateSource: w.source,
    invitedAt: to === 'pending' ? w.at : binding.invitedAt,
    updatedAt: w.now,
  };
  await w.db.bindings.put(next);
  const reInvite = to === 'pending' && binding.state !== 'draft';
  w.event({
    workspaceId: binding.workspaceId,
    entityType: 'binding',
    entityId: binding.id,
    bindingId: binding.id,
    action: t ? 'transition' : 'jump',
    field: 'state',
    from: binding.state,
    to,
    actorAccountId: actorFor(t?.actor, binding, opts.actorAccountId),
    reason: opts.reason ?? (t ? null : jumpReason(BINDING_MACHINE, binding.state, to)),
    cause: opts.cause ?? (reInvite ? 're-invite' : null),
  });
  const revoked: PermissionRow[] = [];
  if (binding.state === 'accepted' && to !== 'accepted') {
    const perms = await w.db.permissions.where('bindingId').equals(binding.id).toArray();
    for (const p of perms) {
      if (!ACTIVE_PERMISSION_STATES.includes(p.state)) continue;
      const r = await stepPermission(w, next, p, 'revoked', {
        actorAccountId: to === 'unbound' ? actorFor(t?.actor, binding, opts.actorAccountId) : null,
        cause: to === 'unbound' ? 'unbind' : 'binding-left-accepted',
      });
      revoked.push(r.permission);
    }
  }
  return { binding: next, revoked, changed: true };
}

// ---------------------------------------------------------------- permissions

export async function createPermission(
  w: Writer,
  binding: BindingRow,
  scope: PermissionScope,
  state: PermissionState,
  opts: StepOptions = {},
): Promise<PermissionRow> {
  if (!opts.allowJump) assertInitial(PERMISSION_MACHINE, state);
  const row: PermissionRow = {
    id: newId(),
    workspaceId: binding.workspaceId,
    bindingId: binding.id,
    scope,
    state,
    requestedAt: w.at,
    stateChangedAt: w.at,
    stateSource: w.source,
    createdAt: w.now,
    updatedAt: w.now,
  };
  await w.db.permissions.add(row);
  w.event({
    workspaceId: binding.workspaceId,
    entityType: 'permission',
    entityId: row.id,
    bindingId: binding.id,
    scope,
    action: 'created',
    field: 'state',
    to: state,
    actorAccountId: opts.actorAccountId === undefined ? binding.mainAccountId : opts.actorAccountId,
    reason: opts.reason ?? null,
    cause: opts.cause ?? null,
  });
  return row;
}

export async function stepPermission(
  w: Writer,
  binding: BindingRow,
  perm: PermissionRow,
  to: PermissionState,
  opts: StepOptions = {},
): Promise<{ permission: PermissionRow; changed: boolean }> {
  if (perm.state === to && opts.allowJump) return { permission: perm, changed: false };
  const t = findTransition(PERMISSION_MACHINE, perm.state, to);
  if (!t && !opts.allowJump) assertTransition(PERMISSION_MACHINE, perm.state, to);
  const next: PermissionRow = {
    ...perm,
    state: to,
    requestedAt: to === 'requested' ? w.at : perm.requestedAt,
    stateChangedAt: w.at,
    stateSource: w.source,
    updatedAt: w.now,
  };
  await w.db.permissions.put(next);
  w.event({
    workspaceId: perm.workspaceId,
    entityType: 'permission',
    entityId: perm.id,
    bindingId: perm.bindingId,
    scope: perm.scope,
    action: t ? 'transition' : 'jump',
    field: 'state',
    from: perm.state,
    to,
    actorAccountId: actorFor(t?.actor, binding, opts.actorAccountId),
    reason: opts.reason ?? (t ? null : jumpReason(PERMISSION_MACHINE, perm.state, to)),
    cause: opts.cause ?? null,
  });
  return { permission: next, changed: true };
}
