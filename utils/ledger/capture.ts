/**
 * Page captures: what the content script read from the 光合 matrix page, applied to the ledger.
 *
 * - A capture is applied in ONE transaction and recorded under a deterministic key:
 *   `<workspaceId>/id:<captureId>` when the capture has an id (every submit capture does), otherwise
 *   `<workspaceId>/list:<sha256 of capturedAt + rows>`. Recording the same capture again finds the key
 *   and writes nothing (`duplicate: true`). On top of that, applying is idempotent per row: a state the
 *   ledger already has produces no event, so a later re-scan showing the same states adds no events.
 * - A status change that is one legal step is applied as a `transition`, source `page`.
 * - A change that is not (e.g. the page says it is bound for a binding we have as `cancelled`) is applied
 *   anyway, because the page is the platform's truth, and logged honestly as a `jump` event whose
 *   `reason` names the unseen steps (or says there is no legal path). Nothing throws for page data
 *   except a capture that fails validation.
 * - Rows whose status text was not recognised (`state: null`) are reported back in `unrecognised` and
 *   leave their binding alone. Accounts missing from a list capture keep their state (the list may be
 *   paged); only an invite recorded from its submit (`invite-submitted`, marked unconfirmed) is flagged
 *   `missing` by a list that does not show it, and confirmed (mark cleared) by any capture that does.
 * - Capture records older than 30 days are pruned when a new capture is recorded.
 */
import type { LedgerDb } from './db';
import { sha256Hex, stableStringify } from './canonical';
import {
  Writer,
  createAccount,
  createBinding,
  createPermission,
  findAccountByGg,
  findBindingOf,
  findPermission,
  markUnconfirmed,
  requireWorkspace,
  stepBinding,
  stepPermission,
  updateAccount,
  writeTransaction,
  type AccountFields,
} from './engine';
import { BINDING_MACHINE } from './lifecycle';
import {
  BINDING_MATCH_ORDER,
  BINDING_TERMS,
  PERMISSION_MATCH_ORDER,
  PERMISSION_TERMS,
  stateFromText,
} from '../platform/terms';
import { protectPhone } from './phone';
import { PageCaptureSchema, parseInput, type PageCapture, type PageCaptureRow } from './schemas';
import {
  DAY_MS,
  PERMISSION_SCOPES,
  type AccountRow,
  type BindingRow,
  type BindingState,
  type PermissionState,
  type WorkspaceRow,
} from './types';

export type { PageCapture, PageCaptureRow } from './schemas';

export const CAPTURE_RETENTION_MS = 30 * DAY_MS;

export interface CaptureResult {
  captureKey: string;
  /** The same capture was already recorded: nothing was written. */
  duplicate: boolean;
  accountsCreated: number;
  bindingsCreated: number;
  permissionsCreated: number;
  /** Legal single steps applied. */
  transitions: number;
  /** Changes applied that were not one legal step (logged as `jump`). */
  jumps: number;
  events: number;
  /** 逛逛号 of rows whose status could not be mapped, or that named nothing we could apply. */
  unrecognised: string[];
}

/** The idempotency key of a capture (validated input). */
export async function captureKeyOf(workspaceId: string, capture: PageCapture): Promise<string> {
  if (capture.captureId) return `${workspaceId}/id:${capture.captureId}`;
  if (capture.kind !== 'matrix-list') throw new Error('submit captures always have a captureId');
  const rows = [...capture.rows].sort((a, b) => (a.guangguangId < b.guangguangId ? -1 : 1));
  return `${workspaceId}/list:${await sha256Hex(stableStringify({ capturedAt: capture.capturedAt, rows }))}`;
}

/** Best-effort mapping of the platform's binding status text to a state (null when unknown). */
export function bindingStateFromText(text: string): BindingState | null {
  return stateFromText(text, BINDING_TERMS, BINDING_MATCH_ORDER);
}

/** Best-effort mapping of a permission status text to a state (null when unknown). */
export function permissionStateFromText(text: string): PermissionState | null {
  return stateFromText(text, PERMISSION_TERMS, PERMISSION_MATCH_ORDER);
}

async function ensureAccount(
  w: Writer,
  ws: WorkspaceRow,
  gg: string,
  nickname: string | undefined,
  phone?: AccountFields['phone'],
): Promise<AccountRow> {
  const existing = await findAccountByGg(w.db, ws.id, gg);
  if (!existing) {
    return createAccount(w, ws.id, 'matrix', {
      guangguangId: gg,
      nickname: nickname ?? '',
      phone: phone ?? null,
    });
  }
  const patch: Partial<AccountFields> = {};
  if (nickname) patch.nickname = nickname;
  if (phone) patch.phone = phone;
  return updateAccount(w, existing, patch);
}

/** Brings the binding of `account` to `state` (creating it if needed); page truth, jumps allowed. */
async function ensureBindingState(
  w: Writer,
  ws: WorkspaceRow,
  account: AccountRow,
  state: BindingState,
  reason?: string,
): Promise<BindingRow> {
  const b = await findBindingOf(w.db, ws.id, account.id);
  if (!b) {
    const usual = BINDING_MACHINE.initial.includes(state);
    return createBinding(w, ws, account.id, state, {
      allowJump: true,
      actorAccountId: usual ? ws.mainAccountId : null,
      reason: reason ?? (usual ? null : `first seen on the page as ${state}`),
    });
  }
  if (b.state === state) return b;
  return (await stepBinding(w, b, state, { allowJump: true, ...(reason ? { reason } : {}) })).binding;
}

async function applyPermissionState(
  w: Writer,
  binding: BindingRow,
  scope: (typeof PERMISSION_SCOPES)[number],
  state: PermissionState,
  createIfMissing = true,
): Promise<void> {
  const p = await findPermission(w.db, binding.id, scope);
  if (!p) {
    if (!createIfMissing) return;
    await createPermission(w, binding, scope, state, {
      allowJump: true,
      actorAccountId: state === 'requested' ? binding.mainAccountId : null,
      reason: state === 'requested' ? null : `first seen on the page as ${state}`,
    });
    return;
  }
  if (p.state !== state) await stepPermission(w, binding, p, state, { allowJump: true });
}

async function applyListRow(w: Writer, ws: WorkspaceRow, row: PageCaptureRow, unrecognised: string[]) {
  const account = await ensureAccount(w, ws, row.guangguangId, row.nickname);
  if (account.role !== 'matrix' || row.state === null) {
    unrecognised.push(row.guangguangId);
    return;
  }
  // On the list: an invite recorded from its submit alone is confirmed.
  const binding = await markUnconfirmed(w, await ensureBindingState(w, ws, account, row.state), null);
  for (const scope of PERMISSION_SCOPES) {
    const s = row.permissions?.[scope];
    if (s) await applyPermissionState(w, binding, scope, s);
  }
}

/**
 * A list that was read (at least one row: a table still loading reads as none) and does not show an
 * invite recorded from its submit flags that invite as missing; a later list that shows it confirms it.
 */
async function flagMissing(w: Writer, ws: WorkspaceRow, rows: readonly PageCaptureRow[]): Promise<void> {
  if (!rows.length) return;
  const listed = new Set(rows.map((r) => r.guangguangId));
  const marked = (await w.db.bindings.where('workspaceId').equals(ws.id).toArray()).filter(
    (b) => b.unconfirmed && b.unconfirmed.missingSince === null,
  );
  for (const b of marked) {
    const account = await w.db.accounts.get(b.matrixAccountId);
    if (!account || listed.has(account.guangguangId)) continue;
    await markUnconfirmed(w, b, { since: b.unconfirmed!.since, missingSince: w.at });
  }
}

/**
 * Applies a page capture to a workspace (see the module comment). `capture` is validated here, so it
 * may come straight from a message. Throws `LedgerValidationError` for a malformed capture and
 * `LedgerNotFoundError` for an unknown workspace.
 */
export async function recordPageCapture(
  db: LedgerDb,
  workspaceId: string,
  capture: PageCapture,
  opts?: { now?: number },
): Promise<CaptureResult> {
  const c = parseInput(PageCaptureSchema, capture, 'capture');
  const key = await captureKeyOf(workspaceId, c);
  const phone =
    (c.kind === 'invite-sent' || c.kind === 'invite-submitted') && c.phone
      ? await protectPhone(db, c.phone)
      : undefined;
  const now = opts?.now ?? Date.now();
  const w = new Writer(db, now, c.capturedAt, 'page', key);
  const unrecognised: string[] = [];
  const result = (duplicate: boolean): CaptureResult => ({
    captureKey: key,
    duplicate,
    accountsCreated: w.events.filter((e) => e.entityType === 'account' && e.action === 'created').length,
    bindingsCreated: w.events.filter((e) => e.entityType === 'binding' && e.action === 'created').length,
    permissionsCreated: w.events.filter((e) => e.entityType === 'permission' && e.action === 'created')
      .length,
    transitions: w.events.filter((e) => e.action === 'transition').length,
    jumps: w.events.filter((e) => e.action === 'jump').length,
    events: w.events.length,
    unrecognised,
  });

  return writeTransaction(db, async () => {
    const ws = await requireWorkspace(db, workspaceId);
    if (await db.captures.get(key)) return result(true);
    await db.captures
      .where('recordedAt')
      .below(now - CAPTURE_RETENTION_MS)
      .delete();

    switch (c.kind) {
      case 'matrix-list':
        for (const row of c.rows) await applyListRow(w, ws, row, unrecognised);
        await flagMissing(w, ws, c.rows);
        break;
      case 'invite-sent': {
        const account = await ensureAccount(w, ws, c.guangguangId, c.nickname, phone);
        if (account.role !== 'matrix') unrecognised.push(c.guangguangId);
        else await markUnconfirmed(w, await ensureBindingState(w, ws, account, 'pending'), null);
        break;
      }
      case 'invite-submitted': {
        const account = await ensureAccount(w, ws, c.guangguangId, c.nickname, phone);
        if (account.role !== 'matrix') unrecognised.push(c.guangguangId);
        else {
          const binding = await ensureBindingState(
            w,
            ws,
            account,
            'pending',
            'the platform answered the invite with success; not yet seen on the list',
          );
          await markUnconfirmed(w, binding, { since: c.capturedAt, missingSince: null });
        }
        break;
      }
      case 'permission-requested': {
        const account = await ensureAccount(w, ws, c.guangguangId, c.nickname);
        if (account.role !== 'matrix') {
          unrecognised.push(c.guangguangId);
          break;
        }
        const binding = await ensureBindingState(
          w,
          ws,
          account,
          'accepted',
          'inferred: a permission was requested',
        );
        for (const scope of new Set(c.scopes)) await applyPermissionState(w, binding, scope, 'requested');
        break;
      }
      case 'permission-withdrawn': {
        const account = await findAccountByGg(db, ws.id, c.guangguangId);
        const binding = account ? await findBindingOf(db, ws.id, account.id) : undefined;
        if (!binding) {
          unrecognised.push(c.guangguangId);
          break;
        }
        for (const scope of new Set(c.scopes))
          await applyPermissionState(w, binding, scope, 'revoked', false);
        break;
      }
      case 'unbind-done': {
        const account = await ensureAccount(w, ws, c.guangguangId, c.nickname);
        if (account.role !== 'matrix') unrecognised.push(c.guangguangId);
        else await ensureBindingState(w, ws, account, 'unbound');
        break;
      }
    }

    await w.flush();
    const r = result(false);
    await db.captures.add({
      key,
      workspaceId,
      kind: c.kind,
      capturedAt: c.capturedAt,
      recordedAt: now,
      rowCount: c.kind === 'matrix-list' ? c.rows.length : 1,
      eventCount: r.events,
    });
    return r;
  });
}
