/**
 * What a shared workspace sends, over the real server (issue 16): rows that no event names (restored
 * from a backup, older data, seeded) reach the others with the first full comparison; a viewer's session, authorised read-only, sends nothing,
 * keeps no outbox and is not stuck at "unsent", and once made editor it sends what it wrote. Every
 * wait is bounded and resolves on a status report or a poll.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SharedSession, type SyncStatus } from '../../entrypoints/background/sharing.ts';
import {
  createWorkspace,
  recordInvite,
  requestPermission,
  transitionBinding,
  upsertAccount,
  type LedgerDb,
} from '../../utils/ledger/index.ts';
import { openOutbox, outboxOf, readMark } from '../../utils/ledger/outbox.ts';
import { toBase64Url } from '../../utils/sync/base64url.ts';
import { documentName } from '../../utils/sync/invite-code.ts';
import { newWorkspaceSecret } from '../../utils/sync/keys.ts';
import { freshDb, T0 } from '../unit/ledger/helpers.ts';
import { freePort, ORIGIN, socketClass, startHarness, waitFor, type Harness } from './harness.ts';

let h: Harness;
const sessions: SharedSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.stop();
  await h?.dispose();
});

/** A member's session as the hub opens it (the outbox opened first). */
async function open(db: LedgerDb, workspaceId: string, user: string, token: string, secret: string) {
  const statuses: SyncStatus[] = [];
  const waiters: { ok: (s: SyncStatus) => boolean; done: () => void }[] = [];
  await openOutbox(db, workspaceId);
  const session = new SharedSession(
    db,
    { workspaceId, server: h.server.url, user, token, secret },
    {
      WebSocketPolyfill: socketClass(ORIGIN),
      retry: { delay: 20, minDelay: 20, maxDelay: 100 },
      onStatus: (s) => {
        statuses.push(s);
        for (const w of waiters.splice(0)) (w.ok(s) ? w.done : () => waiters.push(w))();
      },
    },
  );
  sessions.push(session);
  await session.start();
  const until = (what: string, ok: (s: SyncStatus) => boolean, ms = 5000) =>
    ok(session.current)
      ? Promise.resolve()
      : waitFor<void>(`${user}: ${what}`, (done) => waiters.push({ ok, done }), ms);
  return { db, session, statuses, until };
}

/** Resolves when `ok` holds on what `read` gives, read again every 25 ms (bounded). */
async function eventually<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function workspaceOf(db: LedgerDb) {
  const { workspace } = await createWorkspace(
    db,
    { name: '小林的杂货铺', mainAccount: { guangguangId: '2210000002', nickname: '小林' } },
    { now: T0 },
  );
  return workspace.id;
}

describe('rows that no event names', () => {
  it('a permission and an account without events reach a second member with the first share', async () => {
    h = await startHarness({ port: await freePort() });
    const dbA = freshDb();
    const ws = await workspaceOf(dbA);
    const { binding } = await recordInvite(dbA, ws, { account: { guangguangId: '3310000001' } });
    await transitionBinding(dbA, binding.id, 'accepted');
    const [perm] = await requestPermission(dbA, binding.id, 'proxy-publish');
    const lone = await upsertAccount(dbA, ws, {
      guangguangId: '3310000002',
      nickname: '只有行',
    });
    // As rows restored from a backup or written before events were kept: no event names them.
    const named = await dbA.events
      .where('workspaceId')
      .equals(ws)
      .filter((e) => e.entityId === perm!.id || e.entityId === lone.id)
      .primaryKeys();
    expect(named.length).toBeGreaterThanOrEqual(2);
    await dbA.events.bulkDelete(named);

    const doc = documentName(ws);
    const secret = toBase64Url(newWorkspaceSecret());
    const a = await open(dbA, ws, 'alice', await h.member('alice', doc, 'owner'), secret);
    await a.until('synced', (s) => s.state === 'synced' && s.unsent === 0);
    const b = await open(freshDb(), ws, 'bob', await h.member('bob', doc, 'editor'), secret);
    const got = await eventually(
      'B to hold the permission and the lone account',
      async () => ({
        permission: await b.db.permissions.get(perm!.id),
        account: await b.db.accounts.get(lone.id),
      }),
      (r) => r.permission !== undefined && r.account !== undefined,
    );
    expect(got.permission).toEqual(await dbA.permissions.get(perm!.id));
    expect(got.account?.nickname).toBe('只有行');
    expect(await b.db.permissions.where('workspaceId').equals(ws).count()).toBe(1);
  });
});

describe('a viewer', () => {
  it('writes locally: nothing is sent, its outbox stays empty, its status is read-only, not unsent; made editor, it sends', async () => {
    h = await startHarness({ port: await freePort() });
    const dbA = freshDb();
    const ws = await workspaceOf(dbA);
    const doc = documentName(ws);
    const secret = toBase64Url(newWorkspaceSecret());
    const a = await open(dbA, ws, 'alice', await h.member('alice', doc, 'owner'), secret);
    await a.until('synced', (s) => s.state === 'synced');
    const v = await open(freshDb(), ws, 'vera', await h.member('vera', doc, 'viewer'), secret);
    await v.until('read-only', (s) => s.state === 'readonly');
    await eventually('V to have the workspace', () => v.db.workspaces.get(ws), Boolean);
    expect((await readMark(v.db, ws))?.readOnly).toBe(true);

    for (let i = 0; i < 5; i++) {
      await upsertAccount(v.db, ws, { guangguangId: String(3320000000 + i), nickname: '查看者写的' });
      await v.session.localChanged();
    }
    await v.session.idle();
    expect((await outboxOf(v.db, ws)).eventIds).toEqual([]);
    expect(v.session.current).toMatchObject({ state: 'readonly', unsent: 0 });
    // Before it was authorised (the first sync's own step counts as one unsent change), then never.
    const since = v.statuses.slice(v.statuses.findIndex((s) => s.state === 'readonly'));
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((s) => s.state === 'readonly' && s.unsent === 0)).toBe(true);
    expect(v.session.current.lastSyncedAt).not.toBeNull();

    // A's later edit still reaches V; nothing of V's reaches A.
    const account = await upsertAccount(dbA, ws, { guangguangId: '3310000001' });
    await a.session.localChanged();
    await eventually('V to receive A’s edit', () => v.db.accounts.get(account.id), Boolean);
    await a.until('synced', (s) => s.state === 'synced' && s.unsent === 0);
    const gg = async (db: LedgerDb) =>
      (await db.accounts.where('workspaceId').equals(ws).toArray()).map((r) => r.guangguangId);
    expect(await gg(dbA)).not.toContain('3320000000');
    expect(v.session.current).toMatchObject({ state: 'readonly', unsent: 0 });

    // Made editor: the server closes the read-only connection, the reconnect is read-write, and the
    // full comparison that follows sends what V wrote meanwhile.
    await h.admin.grant('vera', doc, 'editor');
    await v.until('synced read-write', (s) => s.state === 'synced' && s.unsent === 0, 10_000);
    expect((await readMark(v.db, ws))?.readOnly).toBeUndefined();
    const all = await eventually(
      'A to receive V’s earlier writes',
      () => gg(dbA),
      (list) => list.filter((g) => g.startsWith('332')).length === 5,
    );
    expect(all).toContain('3310000001');
  });
});
