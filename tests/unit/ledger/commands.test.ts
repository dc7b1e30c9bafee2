import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  isQuotaError,
  mapStorageError,
  IllegalTransitionError,
  LedgerConflictError,
  LedgerNotFoundError,
  LedgerStorageFullError,
  LedgerValidationError,
  createWorkspace,
  deleteWorkspace,
  getBindingTimeline,
  getEntityHistory,
  getSettings,
  recordInvite,
  renameWorkspace,
  requestPermission,
  transitionBinding,
  transitionPermission,
  unbind,
  updateSettings,
  upsertAccount,
} from '@/utils/ledger';
import { acceptedBinding, contentHash, freshDb, newWorkspace, quotaSimulator, T0 } from './helpers';

describe('workspaces', () => {
  it('creates a workspace with its main account and two events in one go', async () => {
    const db = freshDb();
    const { workspace, mainAccount } = await newWorkspace(db);
    expect(workspace.mainAccountId).toBe(mainAccount.id);
    expect(mainAccount).toMatchObject({
      role: 'main',
      workspaceId: workspace.id,
      identity: 'tmall-merchant',
    });
    expect(workspace.id).toMatch(/^[0-9a-f-]{36}$/);
    const events = (await db.events.toArray()).sort((a, b) => a.seq - b.seq);
    expect(events.map((e) => [e.entityType, e.action, e.seq])).toEqual([
      ['workspace', 'created', 0],
      ['account', 'created', 1],
    ]);
  });

  it('validates input with named fields', async () => {
    const db = freshDb();
    const err = await createWorkspace(db, { name: ' ', mainAccount: { guangguangId: '' } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LedgerValidationError);
    expect((err as LedgerValidationError).issues.join('\n')).toMatch(/^name: min_length/m);
    expect((err as LedgerValidationError).zh).toMatch(/输入无效/);
    expect(await db.workspaces.count()).toBe(0);
  });

  it('renames with an event; deleteWorkspace removes everything in it and nothing else', async () => {
    const db = freshDb();
    const a = await newWorkspace(db, 'A');
    const b = await newWorkspace(db, 'B');
    await acceptedBinding(db, a.workspace.id, 'x', T0, ['proxy-publish']);
    await acceptedBinding(db, b.workspace.id, 'y', T0, ['shop-card']);
    await renameWorkspace(db, a.workspace.id, 'A2');
    await updateSettings(db, { selectedWorkspaceId: a.workspace.id });
    const bEvents = await db.events.where('workspaceId').equals(b.workspace.id).count();

    const r = await deleteWorkspace(db, a.workspace.id);
    expect(r).toMatchObject({ accounts: 2, bindings: 1, permissions: 1 });
    expect(await db.workspaces.toArray()).toHaveLength(1);
    for (const t of [db.accounts, db.bindings, db.permissions, db.events]) {
      expect(await t.where('workspaceId').equals(a.workspace.id).count()).toBe(0);
    }
    expect(await db.events.where('workspaceId').equals(b.workspace.id).count()).toBe(bEvents);
    expect((await getSettings(db)).selectedWorkspaceId).toBeNull();
    await expect(deleteWorkspace(db, a.workspace.id)).rejects.toBeInstanceOf(LedgerNotFoundError);
  });
});

describe('accounts', () => {
  it('upserts by 逛逛号, logs one event per changed field, never logs the number', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const a = await upsertAccount(db, workspace.id, { guangguangId: 'gg1', nickname: '小红' }, { now: T0 });
    const b = await upsertAccount(
      db,
      workspace.id,
      { guangguangId: 'gg1', nickname: '小红红', phone: '13800138000', storeName: '店' },
      { now: T0 + 1 },
    );
    expect(b.id).toBe(a.id);
    expect(b).toMatchObject({
      nickname: '小红红',
      phoneMask: '138****8000',
      storeName: '店',
      updatedAt: T0 + 1,
    });
    expect(b.phoneHash).toMatch(/^[0-9a-f]{64}$/);
    const hist = await getEntityHistory(db, a.id);
    expect(hist.map((e) => e.field).sort()).toEqual(['nickname', 'phone', 'storeName', null].sort());
    expect(hist.find((e) => e.field === 'phone')).toMatchObject({ from: null, to: '138****8000' });

    const same = await upsertAccount(db, workspace.id, { id: a.id, guangguangId: 'gg1', nickname: '小红红' });
    expect(same.updatedAt).toBe(T0 + 1); // nothing changed, nothing written
    const cleared = await upsertAccount(db, workspace.id, { id: a.id, guangguangId: 'gg1', phone: null });
    expect(cleared).toMatchObject({ phoneMask: null, phoneHash: null, nickname: '小红红', storeName: '店' });
  });

  it('refuses a 逛逛号 that belongs to another account, and a bad phone', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    await upsertAccount(db, workspace.id, { guangguangId: 'gg1' });
    const two = await upsertAccount(db, workspace.id, { guangguangId: 'gg2' });
    await expect(upsertAccount(db, workspace.id, { id: two.id, guangguangId: 'gg1' })).rejects.toBeInstanceOf(
      LedgerConflictError,
    );
    await expect(
      upsertAccount(db, workspace.id, { guangguangId: 'gg3', phone: '1380013800' }),
    ).rejects.toBeInstanceOf(LedgerValidationError);
    await expect(upsertAccount(db, 'nope', { guangguangId: 'gg3' })).rejects.toBeInstanceOf(
      LedgerNotFoundError,
    );
  });
});

describe('invites', () => {
  it('records a draft, sends it, and treats the same invite recorded again as already done', async () => {
    const db = freshDb();
    const { workspace, mainAccount } = await newWorkspace(db);
    const d = await recordInvite(
      db,
      workspace.id,
      { account: { guangguangId: 'gg1' }, state: 'draft' },
      { now: T0 },
    );
    expect(d.binding).toMatchObject({ state: 'draft', invitedAt: null, mainAccountId: mainAccount.id });
    const p = await recordInvite(
      db,
      workspace.id,
      { accountId: d.account.id, state: 'pending' },
      { now: T0 + 5 },
    );
    expect(p.binding).toMatchObject({ id: d.binding.id, state: 'pending', invitedAt: T0 + 5 });
    // Two panels (or a retry) recording the same pending invite: no error, no second event.
    const events = await db.events.count();
    const again = await recordInvite(db, workspace.id, { accountId: d.account.id }, { now: T0 + 9 });
    expect(again.binding).toEqual(p.binding);
    expect(await db.events.count()).toBe(events);
    // A step the machine does not allow is still refused.
    await expect(
      recordInvite(db, workspace.id, { accountId: d.account.id, state: 'draft' }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
    const [created] = (await getBindingTimeline(db, d.binding.id)).reverse();
    expect(created).toMatchObject({ action: 'created', to: 'draft', actorAccountId: mainAccount.id });
  });

  it('re-invites after a decline on the same binding row, with cause re-invite', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const { binding } = await recordInvite(
      db,
      workspace.id,
      { account: { guangguangId: 'gg1' } },
      { now: T0 },
    );
    await transitionBinding(db, binding.id, 'declined', { now: T0 + 1 });
    const again = await recordInvite(db, workspace.id, { account: { guangguangId: 'gg1' } }, { now: T0 + 2 });
    expect(again.binding.id).toBe(binding.id);
    expect(again.binding.invitedAt).toBe(T0 + 2);
    const [latest] = await getBindingTimeline(db, binding.id);
    expect(latest).toMatchObject({ from: 'declined', to: 'pending', cause: 're-invite' });
    expect(await db.bindings.count()).toBe(1);
  });

  it('uses the usual actor of each step unless told otherwise', async () => {
    const db = freshDb();
    const { workspace, mainAccount } = await newWorkspace(db);
    const { binding, account } = await recordInvite(db, workspace.id, { account: { guangguangId: 'gg1' } });
    await transitionBinding(db, binding.id, 'accepted');
    let [e] = await getBindingTimeline(db, binding.id, { limit: 1 });
    expect(e?.actorAccountId).toBe(account.id);
    await transitionBinding(db, binding.id, 'unbound', { actorAccountId: null, reason: '合作结束' });
    [e] = await getBindingTimeline(db, binding.id, { limit: 1 });
    expect(e).toMatchObject({ actorAccountId: null, reason: '合作结束' });
    expect(mainAccount.role).toBe('main');
  });

  it('the main account cannot invite itself', async () => {
    const db = freshDb();
    const { workspace, mainAccount } = await newWorkspace(db);
    await expect(recordInvite(db, workspace.id, { accountId: mainAccount.id })).rejects.toBeInstanceOf(
      LedgerConflictError,
    );
  });
});

describe('permissions and unbind', () => {
  it('requests several scopes at once; all or none', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const { binding } = await acceptedBinding(db, workspace.id, 'gg1');
    const [p1] = await requestPermission(db, binding.id, ['proxy-publish']);
    const before = await contentHash(db);
    // proxy-publish is already requested: the whole request (incl. shop-card) is refused.
    await expect(requestPermission(db, binding.id, ['shop-card', 'proxy-publish'])).rejects.toBeInstanceOf(
      IllegalTransitionError,
    );
    expect(await contentHash(db)).toBe(before);
    await transitionPermission(db, p1!.id, 'declined');
    const again = await requestPermission(db, binding.id, ['proxy-publish', 'shop-card']);
    expect(again.map((p) => [p.scope, p.state])).toEqual([
      ['proxy-publish', 'requested'],
      ['shop-card', 'requested'],
    ]);
    expect(again[0]!.id).toBe(p1!.id);
  });

  it('needs an accepted binding to request or grant', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const { binding } = await recordInvite(db, workspace.id, { account: { guangguangId: 'gg1' } });
    const err = await requestPermission(db, binding.id, 'shop-card').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerConflictError);
    expect((err as LedgerConflictError).zh).toContain('待接受');
  });

  it('unbind revokes every requested/granted permission, one event each, and leaves others alone', async () => {
    const db = freshDb();
    const { workspace, mainAccount } = await newWorkspace(db);
    const { binding, perms } = await acceptedBinding(db, workspace.id, 'gg1', T0, [
      'proxy-publish',
      'product-pool',
    ]);
    const [req] = await requestPermission(db, binding.id, 'proxy-interaction', { now: T0 + 10 });
    const [dec] = await requestPermission(db, binding.id, 'shop-card', { now: T0 + 10 });
    await transitionPermission(db, dec!.id, 'declined', { now: T0 + 11 });

    const r = await unbind(db, binding.id, { now: T0 + 20 });
    expect(r.binding.state).toBe('unbound');
    expect(r.revoked.map((p) => p.id).sort()).toEqual([...perms.map((p) => p.id), req!.id].sort());
    expect((await db.permissions.get(dec!.id))?.state).toBe('declined');
    const tl = await getBindingTimeline(db, binding.id);
    const unbindEvents = tl.filter((e) => e.at === T0 + 20);
    expect(unbindEvents).toHaveLength(4);
    expect(unbindEvents.filter((e) => e.entityType === 'permission').every((e) => e.cause === 'unbind')).toBe(
      true,
    );
    expect(unbindEvents.every((e) => e.actorAccountId === mainAccount.id)).toBe(true);
    // Newest first, and within one command the later event first.
    expect(tl[0]!.seq).toBeGreaterThan(tl[1]!.seq);
    await expect(unbind(db, binding.id)).rejects.toBeInstanceOf(IllegalTransitionError);
  });

  it('unbind is atomic: a failure on the last permission write leaves everything as it was', async () => {
    const db = freshDb();
    const quota = quotaSimulator(db);
    const { workspace } = await newWorkspace(db);
    const { binding } = await acceptedBinding(db, workspace.id, 'gg1', T0, [
      'proxy-publish',
      'proxy-interaction',
      'shop-card',
    ]);
    const before = await contentHash(db);
    let permissionWrites = 0;
    quota.arm((table, req) => table === 'permissions' && req.type === 'put' && ++permissionWrites === 3);
    const err = await unbind(db, binding.id).catch((e: unknown) => e);
    quota.disarm();
    expect(err).toBeInstanceOf(LedgerStorageFullError);
    expect((err as LedgerStorageFullError).zh).toMatch(/存储空间已满/);
    expect((err as LedgerStorageFullError).en).toMatch(/Storage is full/);
    expect(permissionWrites).toBe(3);
    expect(await contentHash(db)).toBe(before);
    expect((await db.bindings.get(binding.id))?.state).toBe('accepted');
  });
});

describe('storage errors', () => {
  it('recognises quota errors however they are wrapped', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('aborted', quota))).toBe(true);
    expect(isQuotaError({ name: 'BulkError', failures: [new Error('x'), quota] })).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('aborted', new Error('other')))).toBe(false);
    expect(isQuotaError(new Dexie.ConstraintError('dup'))).toBe(false);
    expect(() => mapStorageError(quota)).toThrow(LedgerStorageFullError);
    const other = new Error('x');
    expect(() => mapStorageError(other)).toThrow(other);
  });

  it('a full disk while creating a workspace writes nothing', async () => {
    const db = freshDb();
    const quota = quotaSimulator(db);
    quota.arm((table) => table === 'events');
    await expect(newWorkspace(db)).rejects.toBeInstanceOf(LedgerStorageFullError);
    quota.disarm();
    expect(await db.workspaces.count()).toBe(0);
    expect(await db.accounts.count()).toBe(0);
  });
});

describe('settings', () => {
  it('has defaults, validates and stores changes', async () => {
    const db = freshDb();
    expect(await getSettings(db)).toEqual({
      staleThresholdDays: 3,
      notificationsEnabled: true,
      selectedWorkspaceId: null,
    });
    await updateSettings(db, { staleThresholdDays: 5, notificationsEnabled: false });
    expect(await getSettings(db)).toMatchObject({ staleThresholdDays: 5, notificationsEnabled: false });
    for (const bad of [{ staleThresholdDays: 0 }, { staleThresholdDays: 2.5 }, { bogus: 1 }]) {
      await expect(updateSettings(db, bad as never)).rejects.toBeInstanceOf(LedgerValidationError);
    }
    await expect(updateSettings(db, { selectedWorkspaceId: 'missing' })).rejects.toBeInstanceOf(
      LedgerNotFoundError,
    );
    // A corrupted stored value reads as the default.
    await db.settings.put({ key: 'staleThresholdDays', value: 'x', updatedAt: 1 });
    expect((await getSettings(db)).staleThresholdDays).toBe(3);
  });
});
