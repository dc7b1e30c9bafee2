import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  getBindingTimeline,
  getPendingQueue,
  listAccounts,
  listWorkspaces,
  rebuildPending,
  recordInvite,
  requestPermission,
  staleCount,
  transitionBinding,
  updateSettings,
  type AccountRow,
  type BindingRow,
  type LedgerDb,
  type PermissionRow,
} from '@/utils/ledger';
import { acceptedBinding, freshDb, newWorkspace, T0 } from './helpers';

/** Bulk-seeds `n` matrix accounts with bindings cycling through states (fast: no commands). */
async function seedMany(db: LedgerDb, workspaceId: string, mainAccountId: string, n: number) {
  const states = ['pending', 'accepted', 'declined', 'draft'] as const;
  const accounts: AccountRow[] = [];
  const bindings: BindingRow[] = [];
  const permissions: PermissionRow[] = [];
  for (let i = 0; i < n; i++) {
    const id = crypto.randomUUID();
    accounts.push({
      id,
      workspaceId,
      role: 'matrix',
      nickname: `达人${i}`,
      guangguangId: `gg${String(i).padStart(5, '0')}`,
      identity: 'expert',
      storeName: null,
      storeType: null,
      phoneMask: null,
      phoneHash: null,
      note: '',
      createdAt: T0,
      updatedAt: T0,
    });
    const state = states[i % states.length]!;
    const bId = crypto.randomUUID();
    bindings.push({
      id: bId,
      workspaceId,
      mainAccountId,
      matrixAccountId: id,
      state,
      invitedAt: state === 'draft' ? null : T0 + i,
      stateChangedAt: T0 + i,
      stateSource: 'manual',
      createdAt: T0,
      updatedAt: T0,
    });
    if (state === 'accepted') {
      for (const scope of ['proxy-publish', 'shop-card'] as const) {
        permissions.push({
          id: crypto.randomUUID(),
          workspaceId,
          bindingId: bId,
          scope,
          state: i % 8 === 1 ? 'requested' : 'granted',
          requestedAt: T0 + i,
          stateChangedAt: T0 + i,
          stateSource: 'manual',
          createdAt: T0,
          updatedAt: T0,
        });
      }
    }
  }
  // Raw writes bypass the write path, so the derived pending table is rebuilt as an import does.
  await db.transaction('rw', db.accounts, db.bindings, db.permissions, db.pending, async () => {
    await db.accounts.bulkAdd(accounts);
    await db.bindings.bulkAdd(bindings);
    await db.permissions.bulkAdd(permissions);
    await rebuildPending(db, [workspaceId]);
  });
}

describe('queries', () => {
  it('lists workspaces by name with counts', async () => {
    const db = freshDb();
    const b = await newWorkspace(db, '乙店');
    const a = await newWorkspace(db, '甲店');
    await acceptedBinding(db, a.workspace.id, 'x');
    await recordInvite(db, a.workspace.id, { account: { guangguangId: 'y' } });
    const { binding } = await acceptedBinding(db, b.workspace.id, 'z');
    await requestPermission(db, binding.id, ['proxy-publish', 'shop-card']);
    const list = await listWorkspaces(db);
    expect(list.map((s) => s.workspace.name)).toEqual(['甲店', '乙店']);
    expect(list[0]).toMatchObject({
      matrixCount: 2,
      acceptedCount: 1,
      pendingInvites: 1,
      requestedPermissions: 0,
    });
    expect(list[1]).toMatchObject({
      matrixCount: 1,
      acceptedCount: 1,
      pendingInvites: 0,
      requestedPermissions: 2,
    });
    expect(list[0]!.mainAccount?.role).toBe('main');
  });

  it('joins accounts with binding and permissions; search and filters', async () => {
    const db = freshDb();
    const { workspace, mainAccount } = await newWorkspace(db);
    await seedMany(db, workspace.id, mainAccount.id, 40);
    const all = await listAccounts(db, workspace.id);
    expect(all).toHaveLength(41);
    expect(all[0]!.account.role).toBe('main');
    expect(all[0]!.binding).toBeNull();
    const accepted = all.find((v) => v.binding?.state === 'accepted')!;
    expect(Object.keys(accepted.permissions).sort()).toEqual(['proxy-publish', 'shop-card']);

    expect(
      (await listAccounts(db, workspace.id, { search: '达人1' })).map((v) => v.account.nickname).sort(),
    ).toEqual(['达人1', ...Array.from({ length: 10 }, (_, i) => `达人1${i}`)].sort());
    expect(await listAccounts(db, workspace.id, { search: 'GG0003' })).toHaveLength(10); // case-insensitive 逛逛号
    expect(await listAccounts(db, workspace.id, { bindingStates: ['pending'] })).toHaveLength(10);
    expect(await listAccounts(db, workspace.id, { bindingStates: ['none'] })).toHaveLength(1);
    expect(await listAccounts(db, workspace.id, { permissionStates: ['requested'] })).toHaveLength(5);
    expect(
      await listAccounts(db, workspace.id, {
        permissionStates: ['granted'],
        permissionScope: 'product-pool',
      }),
    ).toHaveLength(0);
  });

  it('pending queue: invites and requested permissions, oldest first, with age', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const { binding: b1 } = await acceptedBinding(db, workspace.id, 'a', T0);
    await requestPermission(db, b1.id, 'shop-card', { now: T0 + 2 * DAY_MS });
    await recordInvite(
      db,
      workspace.id,
      { account: { guangguangId: 'b', nickname: '乙' } },
      { now: T0 + DAY_MS },
    );
    await recordInvite(db, workspace.id, { account: { guangguangId: 'c' }, state: 'draft' }, { now: T0 });
    const now = T0 + 3 * DAY_MS + 1;
    const q = await getPendingQueue(db, workspace.id, now);
    expect(q.map((i) => [i.kind, i.guangguangId, i.scope, i.ageDays])).toEqual([
      ['invite', 'b', null, 2],
      ['permission', 'a', 'shop-card', 1],
    ]);
    expect(q[0]).toMatchObject({ nickname: '乙', since: T0 + DAY_MS, ageMs: now - T0 - DAY_MS });
    expect(await getPendingQueue(db, null, now)).toHaveLength(2);
  });

  it('staleCount follows the threshold setting', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    await recordInvite(db, workspace.id, { account: { guangguangId: 'a' } }, { now: T0 });
    await recordInvite(db, workspace.id, { account: { guangguangId: 'b' } }, { now: T0 + DAY_MS });
    expect(await staleCount(db, T0 + 3 * DAY_MS)).toBe(0);
    expect(await staleCount(db, T0 + 3 * DAY_MS + 1)).toBe(1);
    await updateSettings(db, { staleThresholdDays: 1 });
    expect(await staleCount(db, T0 + 3 * DAY_MS)).toBe(2);
  });

  it('binding timeline: binding and permission events, newest first', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const { binding } = await acceptedBinding(db, workspace.id, 'a', T0, ['proxy-publish']);
    await transitionBinding(db, binding.id, 'unbound', { now: T0 + 10 });
    const tl = await getBindingTimeline(db, binding.id);
    expect(tl.map((e) => `${e.entityType}:${e.from ?? ''}>${e.to}`)).toEqual([
      'permission:granted>revoked',
      'binding:accepted>unbound',
      'permission:requested>granted',
      'permission:>requested',
      'binding:pending>accepted',
      'binding:>pending',
    ]);
    expect(await getBindingTimeline(db, binding.id, { limit: 2 })).toEqual(tl.slice(0, 2));
  });

  it('1,000 accounts: the joined list and the pending queue stay fast', async () => {
    const db = freshDb();
    const { workspace, mainAccount } = await newWorkspace(db);
    await seedMany(db, workspace.id, mainAccount.id, 1000);
    await listAccounts(db, workspace.id); // warm up
    let t = performance.now();
    const all = await listAccounts(db, workspace.id);
    const listMs = performance.now() - t;
    t = performance.now();
    const q = await getPendingQueue(db, workspace.id, T0 + DAY_MS);
    const queueMs = performance.now() - t;
    t = performance.now();
    await listAccounts(db, workspace.id, { search: '达人99' });
    const searchMs = performance.now() - t;
    expect(all).toHaveLength(1001);
    expect(q).toHaveLength(250 + 125 * 2);
    console.info(
      `[ledger] 1,000 accounts: list ${listMs.toFixed(1)} ms, pending ${queueMs.toFixed(1)} ms, search ${searchMs.toFixed(1)} ms`,
    );
    // Generous bounds (fake-indexeddb on a 2-core CI box); real IndexedDB is faster.
    expect(listMs).toBeLessThan(1000);
    expect(queueMs).toBeLessThan(1000);
  });
});
