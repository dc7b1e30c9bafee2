/**
 * The ledger reads of the side panel's first screen (the header's workspace, the page card's status
 * of the account in view); the 台账 tab's other reads are in `tab-queries.ts`, so that they load with
 * its chunk, not at startup. Each uses only Dexie calls (no other awaits), so each can be wrapped
 * in Dexie `liveQuery(() => listAccounts(db, id, filter))` and re-runs when the background writes.
 */
import type { LedgerDb } from './db';
import { readSettings } from './settings';
import type {
  AccountRole,
  AccountRow,
  BindingRow,
  BindingState,
  LedgerSettings,
  PermissionRow,
  PermissionScope,
  PermissionState,
  WorkspaceRow,
} from './types';

export interface WorkspaceSummary {
  workspace: WorkspaceRow;
  mainAccount: AccountRow | null;
  matrixCount: number;
  acceptedCount: number;
  pendingInvites: number;
  requestedPermissions: number;
}

/** Workspaces by name (Chinese collation), with counts. */
export async function listWorkspaces(db: LedgerDb): Promise<WorkspaceSummary[]> {
  const workspaces = await db.workspaces.toArray();
  const mains = await db.accounts.bulkGet(workspaces.map((w) => w.mainAccountId));
  const out = await Promise.all(
    workspaces.map(async (workspace, i) => ({
      workspace,
      mainAccount: mains[i] ?? null,
      matrixCount: await db.accounts.where('[workspaceId+role]').equals([workspace.id, 'matrix']).count(),
      acceptedCount: await db.bindings
        .where('[workspaceId+state]')
        .equals([workspace.id, 'accepted'])
        .count(),
      pendingInvites: await db.bindings
        .where('[workspaceId+state]')
        .equals([workspace.id, 'pending'])
        .count(),
      requestedPermissions: await db.permissions
        .where('[workspaceId+state]')
        .equals([workspace.id, 'requested'])
        .count(),
    })),
  );
  return out.sort((a, b) => collator.compare(a.workspace.name, b.workspace.name));
}

export interface AccountView {
  account: AccountRow;
  /** The account's binding in this workspace (null for the main account or a never-invited one). */
  binding: BindingRow | null;
  permissions: Partial<Record<PermissionScope, PermissionRow>>;
}

export interface AccountFilter {
  /** Case-insensitive substring of the nickname or the 逛逛号. */
  search?: string;
  role?: AccountRole;
  /** Keep accounts whose binding is in one of these states (`none`: no binding). */
  bindingStates?: readonly (BindingState | 'none')[];
  /** Keep accounts with a permission in one of these states (of `permissionScope`, or of any scope). */
  permissionStates?: readonly PermissionState[];
  permissionScope?: PermissionScope;
}

/** Names in Chinese collation order (拼音), as every list of the panel sorts them. */
export const collator = new Intl.Collator('zh-CN');

/** The list's order: main account first, then by nickname (Chinese collation), then by 逛逛号. */
export function compareAccounts(a: AccountRow, b: AccountRow): number {
  return (
    (a.role === 'main' ? 0 : 1) - (b.role === 'main' ? 0 : 1) ||
    collator.compare(a.nickname, b.nickname) ||
    (a.guangguangId < b.guangguangId ? -1 : a.guangguangId > b.guangguangId ? 1 : 0)
  );
}

/** Accounts joined with their binding (by account) and that binding's permissions (by scope). */
export function joinViews(
  accounts: readonly AccountRow[],
  bindings: readonly BindingRow[],
  permissions: readonly PermissionRow[],
  filter: AccountFilter,
): AccountView[] {
  const bindingByAccount = new Map(bindings.map((b) => [b.matrixAccountId, b]));
  const permsByBinding = new Map<string, Partial<Record<PermissionScope, PermissionRow>>>();
  for (const p of permissions) {
    let m = permsByBinding.get(p.bindingId);
    if (!m) permsByBinding.set(p.bindingId, (m = {}));
    m[p.scope] = p;
  }
  const q = filter.search?.trim().toLowerCase() ?? '';
  const views: AccountView[] = [];
  for (const account of accounts) {
    if (filter.role && account.role !== filter.role) continue;
    if (q && !account.nickname.toLowerCase().includes(q) && !account.guangguangId.toLowerCase().includes(q))
      continue;
    const binding = bindingByAccount.get(account.id) ?? null;
    if (filter.bindingStates && !filter.bindingStates.includes(binding?.state ?? 'none')) continue;
    const perms = (binding && permsByBinding.get(binding.id)) || {};
    if (filter.permissionStates) {
      const wanted = filter.permissionStates;
      const list = filter.permissionScope ? [perms[filter.permissionScope]] : Object.values(perms);
      if (!list.some((p) => p && wanted.includes(p.state))) continue;
    }
    views.push({ account, binding, permissions: perms });
  }
  return views;
}

/**
 * Accounts of a workspace joined with their binding and permissions: three indexed reads and an
 * in-memory join (about 1,000 accounts in well under 100 ms). Main account first, then by nickname.
 */
export async function listAccounts(
  db: LedgerDb,
  workspaceId: string,
  filter: AccountFilter = {},
): Promise<AccountView[]> {
  const [accounts, bindings, permissions] = await Promise.all([
    db.accounts.where('workspaceId').equals(workspaceId).toArray(),
    db.bindings.where('workspaceId').equals(workspaceId).toArray(),
    db.permissions.where('workspaceId').equals(workspaceId).toArray(),
  ]);
  return joinViews(accounts, bindings, permissions, filter).sort((a, b) =>
    compareAccounts(a.account, b.account),
  );
}

/** The matrix checklist's counts over a workspace's matrix accounts (`progressCounts` of its views). */
export interface ProgressCounts {
  accounts: number;
  pending: number;
  accepted: number;
  /** Accounts with 代发布 or 代互动 granted. */
  grantedProxy: number;
  /** Accounts with 商品池 or 店铺卡 granted. */
  grantedProducts: number;
  unbound: number;
}

const PROXY_SCOPES: readonly PermissionScope[] = ['proxy-publish', 'proxy-interaction'];
const PRODUCT_SCOPES: readonly PermissionScope[] = ['product-pool', 'shop-card'];

/**
 * The checklist's counts without reading the account list: counts on `[workspaceId+role]` and
 * `[workspaceId+state]`, and the workspace's granted permissions (one range read), counted by
 * binding. Equal to counting the joined views, since a workspace's bindings are one per matrix
 * account of that workspace, and a binding's permissions one per scope.
 */
export async function getProgressCounts(db: LedgerDb, workspaceId: string): Promise<ProgressCounts> {
  const byState = (state: BindingState) =>
    db.bindings.where('[workspaceId+state]').equals([workspaceId, state]).count();
  const [accounts, pending, accepted, unbound, granted] = await Promise.all([
    db.accounts.where('[workspaceId+role]').equals([workspaceId, 'matrix']).count(),
    byState('pending'),
    byState('accepted'),
    byState('unbound'),
    db.permissions.where('[workspaceId+state]').equals([workspaceId, 'granted']).toArray(),
  ]);
  const proxy = new Set<string>();
  const products = new Set<string>();
  for (const p of granted) {
    if (PROXY_SCOPES.includes(p.scope)) proxy.add(p.bindingId);
    else if (PRODUCT_SCOPES.includes(p.scope)) products.add(p.bindingId);
  }
  return { accounts, pending, accepted, grantedProxy: proxy.size, grantedProducts: products.size, unbound };
}

/** Settings with defaults filled in. */
export function getSettings(db: LedgerDb): Promise<LedgerSettings> {
  return readSettings(db);
}
