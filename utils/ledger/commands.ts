/**
 * Ledger commands: every user action is one call = one Dexie transaction with client-generated ids,
 * writing its rows and its events together (or nothing). Run them in the background service worker.
 *
 * Anything async that is not Dexie (HMAC of a phone number, hashing) happens BEFORE the transaction.
 * Errors: `IllegalTransitionError`, `LedgerNotFoundError`, `LedgerValidationError`,
 * `LedgerConflictError`, `LedgerStorageFullError` (all `LedgerError` with `zh` + `en`).
 */
import { dropAccountWindow } from './account-window';
import type { LedgerDb } from './db';
import { LedgerConflictError, LedgerNotFoundError, LedgerValidationError } from './errors';
import {
  Writer,
  createAccount,
  createBinding,
  createPermission,
  findAccountByGg,
  findBindingOf,
  findPermission,
  requireBinding,
  requireWorkspace,
  stepBinding,
  stepPermission,
  updateAccount,
  writeTransaction,
  newId,
  type AccountFields,
} from './engine';
import { BINDING_MACHINE, PERMISSION_MACHINE, assertInitial, assertTransition } from './lifecycle';
import { protectPhone } from './phone';
import {
  AccountInputSchema,
  BindingStateSchema,
  CommandOptionsSchema,
  IdSchema,
  PermissionScopeSchema,
  PermissionStateSchema,
  SettingsPatchSchema,
  WorkspaceNameSchema,
  parseInput,
  type AccountInput,
} from './schemas';
import { readSettings } from './settings';
import type {
  AccountRow,
  BindingRow,
  BindingState,
  EventSource,
  LedgerSettings,
  PermissionRow,
  PermissionScope,
  PermissionState,
  WorkspaceRow,
} from './types';

export type { AccountInput } from './schemas';

export interface CommandOptions {
  /** Write clock (`createdAt`/`updatedAt`); default `Date.now()`. */
  now?: number;
  /** When the action happened, if earlier than now (back-filling); default `now`. */
  at?: number;
  /** Default `manual`. */
  source?: EventSource;
  /** Who acted; default: the usual actor of the step (main account for invites, matrix for accepts …). */
  actorAccountId?: string | null;
  /** Free text the user gave, kept in the event. */
  reason?: string | null;
}

function writer(db: LedgerDb, opts: CommandOptions | undefined, captureKey: string | null = null): Writer {
  const o = parseInput(CommandOptionsSchema, opts ?? {}, 'options');
  const now = o.now ?? Date.now();
  return new Writer(db, now, o.at ?? now, o.source ?? 'manual', captureKey);
}

function stepOpts(opts: CommandOptions | undefined) {
  return {
    ...(opts?.actorAccountId !== undefined ? { actorAccountId: opts.actorAccountId } : {}),
    reason: opts?.reason ?? null,
  };
}

/** Validates an account input and turns a phone into mask + HMAC (outside any transaction). */
async function accountFields(db: LedgerDb, input: AccountInput, label: string): Promise<AccountFields> {
  const a = parseInput(AccountInputSchema, input, label);
  const { phone, ...rest } = a;
  const f: AccountFields = { ...rest };
  if (phone === null) f.phone = null;
  else if (phone !== undefined) f.phone = await protectPhone(db, phone);
  return f;
}

function id(value: string, label: string): string {
  return parseInput(IdSchema, value, label);
}

// ---------------------------------------------------------------- workspaces

/** A workspace for one main account (created with it, in the same transaction). */
export async function createWorkspace(
  db: LedgerDb,
  input: { name: string; mainAccount: AccountInput },
  opts?: CommandOptions,
): Promise<{ workspace: WorkspaceRow; mainAccount: AccountRow }> {
  const name = parseInput(WorkspaceNameSchema, input?.name, 'name');
  const fields = await accountFields(db, input?.mainAccount, 'mainAccount');
  const w = writer(db, opts);
  return writeTransaction(db, async () => {
    const wsId = newId();
    w.event({ workspaceId: wsId, entityType: 'workspace', entityId: wsId, action: 'created', to: name });
    const mainAccount = await createAccount(w, wsId, 'main', fields);
    const workspace: WorkspaceRow = {
      id: wsId,
      name,
      mainAccountId: mainAccount.id,
      createdAt: w.now,
      updatedAt: w.now,
    };
    await db.workspaces.add(workspace);
    await w.flush();
    return { workspace, mainAccount };
  });
}

export async function renameWorkspace(
  db: LedgerDb,
  workspaceId: string,
  name: string,
  opts?: CommandOptions,
): Promise<WorkspaceRow> {
  const n = parseInput(WorkspaceNameSchema, name, 'name');
  const w = writer(db, opts);
  return writeTransaction(db, async () => {
    const ws = await requireWorkspace(db, workspaceId);
    if (ws.name === n) return ws;
    const next = { ...ws, name: n, updatedAt: w.now };
    await db.workspaces.put(next);
    w.event({
      workspaceId,
      entityType: 'workspace',
      entityId: workspaceId,
      action: 'updated',
      field: 'name',
      from: ws.name,
      to: n,
    });
    await w.flush();
    return next;
  });
}

/** Deletes a workspace and everything in it (accounts, bindings, permissions, events, captures). */
export async function deleteWorkspace(
  db: LedgerDb,
  workspaceId: string,
): Promise<{ accounts: number; bindings: number; permissions: number; events: number }> {
  id(workspaceId, 'workspaceId');
  return writeTransaction(db, async () => {
    await requireWorkspace(db, workspaceId);
    const accounts = await db.accounts.where('workspaceId').equals(workspaceId).delete();
    const bindings = await db.bindings.where('workspaceId').equals(workspaceId).delete();
    const permissions = await db.permissions.where('workspaceId').equals(workspaceId).delete();
    const events = await db.events.where('workspaceId').equals(workspaceId).delete();
    await db.pending.where('workspaceId').equals(workspaceId).delete();
    await db.captures.where('workspaceId').equals(workspaceId).delete();
    await db.workspaces.delete(workspaceId);
    await dropAccountWindow(db, workspaceId);
    const selected = await db.settings.get('selectedWorkspaceId');
    if (selected?.value === workspaceId) {
      await db.settings.put({ key: 'selectedWorkspaceId', value: null, updatedAt: Date.now() });
    }
    return { accounts, bindings, permissions, events };
  });
}

// ---------------------------------------------------------------- accounts

/**
 * Creates a matrix account, or updates the account with `input.id` or with the same 逛逛号 in the
 * workspace. Fields left `undefined` are unchanged; `phone: null` clears the stored mask + hash.
 */
export async function upsertAccount(
  db: LedgerDb,
  workspaceId: string,
  input: AccountInput & { id?: string },
  opts?: CommandOptions,
): Promise<AccountRow> {
  const accountId = input?.id === undefined ? undefined : id(input.id, 'id');
  const { id: _ignored, ...rest } = input ?? ({} as AccountInput & { id?: string });
  const fields = await accountFields(db, rest, 'account');
  const w = writer(db, opts);
  return writeTransaction(db, async () => {
    await requireWorkspace(db, workspaceId);
    let row: AccountRow | undefined;
    if (accountId !== undefined) {
      row = await db.accounts.get(accountId);
      if (!row || row.workspaceId !== workspaceId) throw new LedgerNotFoundError('account', accountId);
    } else {
      row = await findAccountByGg(db, workspaceId, fields.guangguangId);
    }
    const result = row
      ? await updateAccount(w, row, fields)
      : await createAccount(w, workspaceId, 'matrix', fields);
    await w.flush();
    return result;
  });
}

// ---------------------------------------------------------------- bindings

export type InviteTarget = { accountId: string } | { account: AccountInput };

/**
 * Records an invite of a matrix account (by existing id, or by 逛逛号 + details, created if new) as a
 * `draft` or as sent (`pending`). If the account already has a binding in this workspace, that binding
 * is reused: `draft → pending`, or a re-invite from `declined`/`expired`/`cancelled`/`unbound`.
 * Anything else (e.g. it is already `pending` or `accepted`) is an `IllegalTransitionError`.
 */
export async function recordInvite(
  db: LedgerDb,
  workspaceId: string,
  input: InviteTarget & { state?: 'draft' | 'pending' },
  opts?: CommandOptions,
): Promise<{ account: AccountRow; binding: BindingRow }> {
  const state: BindingState = parseInput(BindingStateSchema, input?.state ?? 'pending', 'state');
  assertInitial(BINDING_MACHINE, state);
  const byId = 'accountId' in input ? id(input.accountId, 'accountId') : undefined;
  const fields = 'account' in input ? await accountFields(db, input.account, 'account') : undefined;
  if (byId === undefined && fields === undefined) {
    throw new LedgerValidationError(['accountId or account is required']);
  }
  const w = writer(db, opts);
  return writeTransaction(db, async () => {
    const ws = await requireWorkspace(db, workspaceId);
    let account: AccountRow;
    if (byId !== undefined) {
      const a = await db.accounts.get(byId);
      if (!a || a.workspaceId !== workspaceId) throw new LedgerNotFoundError('account', byId);
      account = a;
    } else {
      const f = fields as AccountFields;
      const existing = await findAccountByGg(db, workspaceId, f.guangguangId);
      account = existing
        ? await updateAccount(w, existing, f)
        : await createAccount(w, workspaceId, 'matrix', f);
    }
    if (account.role !== 'matrix') {
      throw new LedgerConflictError('主账号不能邀请自己', 'The main account cannot invite itself');
    }
    const current = await findBindingOf(db, workspaceId, account.id);
    let binding: BindingRow;
    if (!current) {
      binding = await createBinding(w, ws, account.id, state, stepOpts(opts));
    } else if (current.state === state) {
      // Recording the same invite twice (two panels, or a retry) is not an error: it is already so.
      binding = current;
    } else {
      assertTransition(BINDING_MACHINE, current.state, state);
      binding = (await stepBinding(w, current, state, stepOpts(opts))).binding;
    }
    await w.flush();
    return { account, binding };
  });
}

/**
 * One legal step of a binding (see `BINDING_MACHINE`). Moving away from `accepted` revokes the
 * binding's requested/granted permissions in the same transaction.
 */
export async function transitionBinding(
  db: LedgerDb,
  bindingId: string,
  to: BindingState,
  opts?: CommandOptions,
): Promise<{ binding: BindingRow; revoked: PermissionRow[] }> {
  id(bindingId, 'bindingId');
  const target = parseInput(BindingStateSchema, to, 'to');
  const w = writer(db, opts);
  return writeTransaction(db, async () => {
    const b = await requireBinding(db, bindingId);
    const r = await stepBinding(w, b, target, stepOpts(opts));
    await w.flush();
    return { binding: r.binding, revoked: r.revoked };
  });
}

/** `accepted → unbound`, withdrawing every requested/granted permission (one event each), atomically. */
export function unbind(
  db: LedgerDb,
  bindingId: string,
  opts?: CommandOptions,
): Promise<{ binding: BindingRow; revoked: PermissionRow[] }> {
  return transitionBinding(db, bindingId, 'unbound', opts);
}

// ---------------------------------------------------------------- permissions

function requireAccepted(b: BindingRow): void {
  if (b.state !== 'accepted') {
    throw new LedgerConflictError(
      `绑定状态为「${BINDING_MACHINE.labelsZh[b.state]}」，只有已绑定的账号才能申请或授予权限`,
      `The binding is "${b.state}"; permissions need an accepted binding`,
    );
  }
}

/**
 * Requests one or more scopes on an accepted binding: new rows start `requested`; existing ones must be
 * `declined` or `revoked` (re-request). All scopes or none.
 */
export async function requestPermission(
  db: LedgerDb,
  bindingId: string,
  scopes: PermissionScope | readonly PermissionScope[],
  opts?: CommandOptions,
): Promise<PermissionRow[]> {
  id(bindingId, 'bindingId');
  const list = (Array.isArray(scopes) ? scopes : [scopes]).map((s, i) =>
    parseInput(PermissionScopeSchema, s, `scopes[${i}]`),
  );
  if (!list.length) throw new LedgerValidationError(['scopes: at least one scope is required']);
  const unique = [...new Set(list)];
  const w = writer(db, opts);
  return writeTransaction(db, async () => {
    const b = await requireBinding(db, bindingId);
    requireAccepted(b);
    const out: PermissionRow[] = [];
    for (const scope of unique) {
      const p = await findPermission(db, bindingId, scope);
      if (p) out.push((await stepPermission(w, b, p, 'requested', stepOpts(opts))).permission);
      else out.push(await createPermission(w, b, scope, 'requested', stepOpts(opts)));
    }
    await w.flush();
    return out;
  });
}

/** One legal step of a permission (see `PERMISSION_MACHINE`): grant, decline, revoke, re-request. */
export async function transitionPermission(
  db: LedgerDb,
  permissionId: string,
  to: PermissionState,
  opts?: CommandOptions,
): Promise<PermissionRow> {
  id(permissionId, 'permissionId');
  const target = parseInput(PermissionStateSchema, to, 'to');
  const w = writer(db, opts);
  return writeTransaction(db, async () => {
    const p = await db.permissions.get(permissionId);
    if (!p) throw new LedgerNotFoundError('permission', permissionId);
    const b = await requireBinding(db, p.bindingId);
    assertTransition(PERMISSION_MACHINE, p.state, target);
    if (target === 'granted' || target === 'requested') requireAccepted(b);
    const r = await stepPermission(w, b, p, target, stepOpts(opts));
    await w.flush();
    return r.permission;
  });
}

// ---------------------------------------------------------------- settings

/** Changes some settings (validated); returns all settings with defaults filled in. */
export async function updateSettings(
  db: LedgerDb,
  patch: Partial<LedgerSettings>,
  opts?: Pick<CommandOptions, 'now'>,
): Promise<LedgerSettings> {
  const p = parseInput(SettingsPatchSchema, patch ?? {}, 'settings');
  const now = opts?.now ?? Date.now();
  return writeTransaction(db, async () => {
    // A shop workspace or an institution's (roster.ts): both are workspaces the panel can show.
    if (p.selectedWorkspaceId && !(await db.institutions.get(p.selectedWorkspaceId)))
      await requireWorkspace(db, p.selectedWorkspaceId);
    for (const [key, value] of Object.entries(p)) {
      if (value === undefined) continue;
      const cur = await db.settings.get(key);
      if (cur && cur.value === value) continue;
      await db.settings.put({ key, value, updatedAt: now });
    }
    return readSettings(db);
  });
}
