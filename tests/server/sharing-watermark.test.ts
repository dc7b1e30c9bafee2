/**
 * The sent watermark over the real server (issue 16; utils/ledger/outbox.ts): a session that shares
 * with a mark sends its first change in full, then only the outbox; an event written while the
 * server is down and the worker then stopped still reaches the others from the next session; and a
 * server document that lost what it had acknowledged (restored from an older copy) is found at the
 * first sync and compared in full again. Every wait is bounded and resolves on an event or a poll.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { SharedSession, type SyncStatus } from '../../entrypoints/background/sharing.ts';
import { createWorkspace, upsertAccount, type LedgerDb } from '../../utils/ledger/index.ts';
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

async function open(db: LedgerDb, workspaceId: string, user: string, token: string, secret: string) {
  const waiters: { ok: (s: SyncStatus) => boolean; done: () => void }[] = [];
  const session = new SharedSession(
    db,
    { workspaceId, server: h.server.url, user, token, secret },
    {
      WebSocketPolyfill: socketClass(ORIGIN),
      retry: { delay: 20, minDelay: 20, maxDelay: 100 },
      onStatus: (s) => {
        for (const w of waiters.splice(0)) (w.ok(s) ? w.done : () => waiters.push(w))();
      },
    },
  );
  sessions.push(session);
  await session.start();
  const until = (what: string, ok: (s: SyncStatus) => boolean) =>
    ok(session.current)
      ? Promise.resolve()
      : waitFor<void>(`${user}: ${what}`, (done) => waiters.push({ ok, done }));
  return { session, until };
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

const eventIds = async (db: LedgerDb, ws: string) =>
  (await db.events.where('workspaceId').equals(ws).primaryKeys()).sort();

async function shared() {
  h = await startHarness({ port: await freePort() });
  const dbA = freshDb();
  const { workspace } = await createWorkspace(
    dbA,
    { name: '小林的杂货铺', mainAccount: { guangguangId: '2210000002', nickname: '小林' } },
    { now: T0 },
  );
  const ws = workspace.id;
  const doc = documentName(ws);
  const secret = toBase64Url(newWorkspaceSecret());
  const tokenA = await h.member('alice', doc, 'owner');
  // As the hub does when sharing starts.
  await openOutbox(dbA, ws);
  const a = await open(dbA, ws, 'alice', tokenA, secret);
  // The first change is compared in full; once acknowledged, the mark says so and the outbox is empty.
  await eventually(
    'the full comparison acknowledged',
    () => readMark(dbA, ws),
    (m) => m?.compared === true,
  );
  return { dbA, ws, doc, secret, tokenA, a };
}

/** A fresh member's ledger once the workspace's events there equal `expected`. */
async function freshMemberHas(ws: string, doc: string, secret: string, user: string, expected: string[]) {
  const db = freshDb();
  await open(db, ws, user, await h.member(user, doc, 'viewer'), secret);
  return eventually(
    `${user} to hold ${expected.length} events`,
    () => eventIds(db, ws),
    (got) => got.length === expected.length && got.every((id, i) => id === expected[i]),
  );
}

describe('the sent watermark of a shared workspace', () => {
  it('after the first full comparison, a change sends the outbox only and the outbox empties once acknowledged', async () => {
    const { dbA, ws, doc, secret, a } = await shared();
    expect((await outboxOf(dbA, ws)).eventIds).toEqual([]);
    await upsertAccount(dbA, ws, { guangguangId: '3310000001', nickname: '新号' });
    expect((await outboxOf(dbA, ws)).eventIds).toHaveLength(1);
    await a.session.localChanged();
    await eventually(
      'the outbox acknowledged',
      () => outboxOf(dbA, ws),
      (b) => b.eventIds.length === 0,
    );
    expect(a.session.acknowledged.compared).toBe(true);
    await freshMemberHas(ws, doc, secret, 'bob', await eventIds(dbA, ws));
  });

  it('an event written while the server is down and the worker then stopped reaches the others from the next session', async () => {
    const { dbA, ws, doc, secret, tokenA, a } = await shared();
    await h.server.close();
    await a.until('offline', (s) => s.state === 'offline');
    await upsertAccount(dbA, ws, { guangguangId: '3310000001', nickname: '离线写的' });
    await a.session.localChanged();
    await a.session.idle();
    // Written into the session's document, never acknowledged: it stays in the outbox.
    expect((await outboxOf(dbA, ws)).eventIds).toHaveLength(1);
    // The worker stops: the session and its in-memory document are gone.
    a.session.stop();
    await h.restart();
    const a2 = await open(dbA, ws, 'alice', tokenA, secret);
    await a2.until('synced', (s) => s.state === 'synced');
    await eventually(
      'the outbox acknowledged',
      () => outboxOf(dbA, ws),
      (b) => b.eventIds.length === 0,
    );
    await freshMemberHas(ws, doc, secret, 'bob', await eventIds(dbA, ws));
  });

  it('a server document restored from an older copy is found at the first sync and compared in full again', async () => {
    const { dbA, ws, doc, secret, tokenA, a } = await shared();
    // The server's copy as it was before anything was shared (an empty document).
    const older = Y.encodeStateAsUpdate(new Y.Doc());
    await upsertAccount(dbA, ws, { guangguangId: '3310000001', nickname: '新号' });
    await a.session.localChanged();
    await eventually(
      'the outbox acknowledged',
      () => outboxOf(dbA, ws),
      (b) => b.eventIds.length === 0,
    );
    a.session.stop();
    await h.server.close();
    await h.admin.storeDocument(doc, older);
    await h.restart();
    // The outbox is empty and the mark says "compared": only the check against the acknowledged
    // clocks tells the next session that the server lost everything.
    const a2 = await open(dbA, ws, 'alice', tokenA, secret);
    await a2.until('synced', (s) => s.state === 'synced');
    await freshMemberHas(ws, doc, secret, 'carol', await eventIds(dbA, ws));
    await eventually(
      'compared again',
      () => readMark(dbA, ws),
      (m) => m?.compared === true,
    );
  });
});
