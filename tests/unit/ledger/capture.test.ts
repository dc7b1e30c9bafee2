import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BINDING_STATES,
  LedgerValidationError,
  PERMISSION_STATES,
  bindingStateFromText,
  getBindingTimeline,
  listAccounts,
  permissionStateFromText,
  recordInvite,
  recordPageCapture,
  transitionBinding,
  type PageCapture,
} from '@/utils/ledger';
import { acceptedBinding, contentHash, freshDb, newWorkspace, T0 } from './helpers';

const list = (rows: Extract<PageCapture, { kind: 'matrix-list' }>['rows'], capturedAt = T0): PageCapture => ({
  kind: 'matrix-list',
  capturedAt,
  rows,
});

describe('recordPageCapture', () => {
  it('the same capture twice gives one record and one set of events', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const cap = list([
      { guangguangId: 'a1', nickname: '甲', state: 'pending' },
      { guangguangId: 'b2', nickname: '乙', state: 'accepted', permissions: { 'proxy-publish': 'granted' } },
    ]);
    const r1 = await recordPageCapture(db, workspace.id, cap, { now: T0 + 10 });
    expect(r1).toMatchObject({
      duplicate: false,
      accountsCreated: 2,
      bindingsCreated: 2,
      permissionsCreated: 1,
    });
    const hash = await contentHash(db);
    const r2 = await recordPageCapture(db, workspace.id, cap, { now: T0 + 20 });
    expect(r2).toMatchObject({ duplicate: true, events: 0, captureKey: r1.captureKey });
    expect(await contentHash(db)).toBe(hash);
    expect(await db.captures.count()).toBe(1);

    // A later re-scan showing the same states is a new capture but adds no events.
    const r3 = await recordPageCapture(
      db,
      workspace.id,
      { ...cap, capturedAt: T0 + 60_000 },
      { now: T0 + 60_000 },
    );
    expect(r3).toMatchObject({ duplicate: false, events: 0 });
    expect(await db.events.where('workspaceId').equals(workspace.id).count()).toBe(2 + r1.events);
  });

  it('the key is independent of row order', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const rows = [
      { guangguangId: 'a1', state: 'pending' as const },
      { guangguangId: 'b2', state: 'pending' as const },
    ];
    const r1 = await recordPageCapture(db, workspace.id, list(rows));
    const r2 = await recordPageCapture(db, workspace.id, list([...rows].reverse()));
    expect(r2.duplicate).toBe(true);
    expect(r2.captureKey).toBe(r1.captureKey);
  });

  it('applies a legal change as a page transition with the usual actor', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const { binding, account } = await recordInvite(
      db,
      workspace.id,
      { account: { guangguangId: 'a1' } },
      { now: T0 },
    );
    const r = await recordPageCapture(
      db,
      workspace.id,
      list([{ guangguangId: 'a1', state: 'accepted' }], T0 + 5),
    );
    expect(r).toMatchObject({ transitions: 1, jumps: 0 });
    const [e] = await getBindingTimeline(db, binding.id);
    expect(e).toMatchObject({
      action: 'transition',
      from: 'pending',
      to: 'accepted',
      source: 'page',
      actorAccountId: account.id,
      at: T0 + 5,
      captureKey: r.captureKey,
    });
    expect((await db.bindings.get(binding.id))?.stateSource).toBe('page');
  });

  it('records an impossible change honestly as a jump (page is truth), without throwing', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const { binding } = await recordInvite(
      db,
      workspace.id,
      { account: { guangguangId: 'a1' } },
      { now: T0 },
    );
    await transitionBinding(db, binding.id, 'cancelled', { now: T0 + 1 });
    const r = await recordPageCapture(
      db,
      workspace.id,
      list([{ guangguangId: 'a1', state: 'accepted' }], T0 + 5),
    );
    expect(r).toMatchObject({ transitions: 0, jumps: 1 });
    const [e] = await getBindingTimeline(db, binding.id);
    expect(e).toMatchObject({
      action: 'jump',
      from: 'cancelled',
      to: 'accepted',
      source: 'page',
      actorAccountId: null,
    });
    expect(e?.reason).toBe('page jump; unseen steps: cancelled → pending → accepted');
    expect((await db.bindings.get(binding.id))?.state).toBe('accepted');
  });

  it('a page jump away from accepted revokes active permissions; page permission states still apply', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const { binding } = await acceptedBinding(db, workspace.id, 'a1', T0, ['proxy-publish', 'shop-card']);
    const r = await recordPageCapture(
      db,
      workspace.id,
      list([{ guangguangId: 'a1', state: 'pending', permissions: { 'shop-card': 'granted' } }], T0 + 9),
    );
    expect(r.jumps).toBe(2); // accepted → pending, revoked → granted (shop-card as the page shows it)
    const views = await listAccounts(db, workspace.id, { role: 'matrix' });
    expect(views[0]!.binding?.state).toBe('pending');
    expect(views[0]!.permissions['proxy-publish']?.state).toBe('revoked');
    expect(views[0]!.permissions['shop-card']?.state).toBe('granted');
    const tl = await getBindingTimeline(db, binding.id);
    expect(tl.find((e) => e.scope === 'proxy-publish' && e.to === 'revoked')?.cause).toBe(
      'binding-left-accepted',
    );
  });

  it('reports unrecognised rows and leaves their binding alone', async () => {
    const db = freshDb();
    const { workspace, mainAccount } = await newWorkspace(db);
    const r = await recordPageCapture(
      db,
      workspace.id,
      list([
        { guangguangId: 'a1', state: null, statusText: '奇怪的状态' },
        { guangguangId: mainAccount.guangguangId, state: 'accepted' },
      ]),
    );
    expect(r.unrecognised).toEqual(['a1', mainAccount.guangguangId]);
    expect(await db.bindings.count()).toBe(0);
  });

  it('submit captures: invite, permission request, withdrawal, unbind — each idempotent by capture id', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const ws = workspace.id;
    const invite: PageCapture = {
      kind: 'invite-sent',
      captureId: 'c1',
      capturedAt: T0,
      guangguangId: 'a1',
      nickname: '甲',
      phone: '13912345678',
    };
    expect((await recordPageCapture(db, ws, invite)).bindingsCreated).toBe(1);
    expect((await recordPageCapture(db, ws, invite)).duplicate).toBe(true);
    // Another capture id, same fact: nothing new.
    expect((await recordPageCapture(db, ws, { ...invite, captureId: 'c1b' })).events).toBe(0);
    const acc = (await listAccounts(db, ws, { role: 'matrix' }))[0]!;
    expect(acc.account.phoneMask).toBe('139****5678');
    expect(acc.binding?.state).toBe('pending');

    const req = await recordPageCapture(db, ws, {
      kind: 'permission-requested',
      captureId: 'c2',
      capturedAt: T0 + 1,
      guangguangId: 'a1',
      scopes: ['proxy-publish', 'shop-card'],
    });
    // The binding must have been accepted for a request to be possible: recorded as a transition.
    expect(req).toMatchObject({ transitions: 1, permissionsCreated: 2 });
    const w = await recordPageCapture(db, ws, {
      kind: 'permission-withdrawn',
      captureId: 'c3',
      capturedAt: T0 + 2,
      guangguangId: 'a1',
      scopes: ['shop-card', 'product-pool'],
    });
    expect(w).toMatchObject({ transitions: 1, permissionsCreated: 0 });
    const u = await recordPageCapture(db, ws, {
      kind: 'unbind-done',
      captureId: 'c4',
      capturedAt: T0 + 3,
      guangguangId: 'a1',
    });
    expect(u.transitions).toBe(2); // accepted → unbound, proxy-publish requested → revoked
    const after = (await listAccounts(db, ws, { role: 'matrix' }))[0]!;
    expect(after.binding?.state).toBe('unbound');
    expect(Object.values(after.permissions).map((p) => p?.state)).toEqual(['revoked', 'revoked']);
  });

  it('rejects a malformed capture with named fields, and an unknown workspace', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const bad = { kind: 'matrix-list', capturedAt: 'now', rows: [{ guangguangId: 5, state: 'bound' }] };
    const err = await recordPageCapture(db, workspace.id, bad as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerValidationError);
    const issues = (err as LedgerValidationError).issues.join('\n');
    expect(issues).toContain('capture.capturedAt: expected number');
    expect(issues).toContain('capture.rows[0].guangguangId: expected string');
    expect(issues).toContain('capture.rows[0].state: expected');
    await expect(recordPageCapture(db, 'nope', list([]))).rejects.toThrow(/No workspace/);
  });

  it('property: any sequence of page states is applied without error, and the log replays to the state', async () => {
    const stateArb = fc.constantFrom(...BINDING_STATES);
    const permArb = fc.option(fc.constantFrom(...PERMISSION_STATES), { nil: undefined });
    const step = fc.record({ state: stateArb, publish: permArb });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const db = freshDb();
        const { workspace } = await newWorkspace(db);
        let t = T0;
        for (const s of steps) {
          t += 1000;
          await recordPageCapture(
            db,
            workspace.id,
            list(
              [
                {
                  guangguangId: 'x',
                  state: s.state,
                  permissions: s.publish ? { 'proxy-publish': s.publish } : {},
                },
              ],
              t,
            ),
          );
        }
        const [view] = await listAccounts(db, workspace.id, { role: 'matrix' });
        expect(view!.binding!.state).toBe(steps.at(-1)!.state);
        // Replaying the event log (oldest first) reproduces every state.
        const events = (await getBindingTimeline(db, view!.binding!.id)).reverse();
        const replay = new Map<string, string | null>();
        for (const e of events) {
          if (e.field === 'state') {
            expect(e.from).toBe(replay.get(e.entityId) ?? null);
            replay.set(e.entityId, e.to);
          }
        }
        expect(replay.get(view!.binding!.id)).toBe(view!.binding!.state);
        const p = view!.permissions['proxy-publish'];
        if (p) expect(replay.get(p.id)).toBe(p.state);
        await db.delete();
      }),
      { numRuns: 40 },
    );
  });
});

describe('status text mapping (best effort)', () => {
  it.each([
    ['已绑定', 'accepted'],
    ['待接受', 'pending'],
    ['邀请中', 'pending'],
    ['已拒绝', 'declined'],
    ['已过期', 'expired'],
    ['已失效', 'expired'],
    ['已取消', 'cancelled'],
    ['已解绑', 'unbound'],
    ['???', null],
  ])('%s → %s', (text, state) => {
    expect(bindingStateFromText(text)).toBe(state);
  });
  it('permission texts', () => {
    expect(permissionStateFromText('已授权')).toBe('granted');
    expect(permissionStateFromText('待同意')).toBe('requested');
    expect(permissionStateFromText('已拒绝')).toBe('declined');
    expect(permissionStateFromText('已收回')).toBe('revoked');
    expect(permissionStateFromText('已回收')).toBe('revoked');
    expect(permissionStateFromText('')).toBeNull();
  });
});
