/**
 * Two members' backgrounds (two ledgers, each with its SharedSession) and the real sharing server,
 * in-process on a fixed loopback port so it can be stopped and started again under the clients.
 * Issue 16's sync tests at the ledger level: every wait is bounded and resolves on an event.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWorkspace,
  recordInvite,
  requestPermission,
  transitionBinding,
  transitionPermission,
  unbind,
  upsertAccount,
  type LedgerDb,
} from '../../utils/ledger/index.ts';
import { toBase64Url } from '../../utils/sync/base64url.ts';
import { documentName } from '../../utils/sync/invite-code.ts';
import { newWorkspaceSecret } from '../../utils/sync/keys.ts';
import { SharedSession, type SyncStatus } from '../../entrypoints/background/sharing.ts';
import { freshDb, T0 } from '../unit/ledger/helpers.ts';
import { openSqliteStore } from '../../server/store-sqlite.ts';
import { issueToken, loadSecret } from '../../server/tokens.ts';
import { freePort, ORIGIN, socketClass, startHarness, waitFor, type Harness } from './harness.ts';

let h: Harness;
const sessions: SharedSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.stop();
  await h?.dispose();
});

interface Member {
  db: LedgerDb;
  session: SharedSession;
  statuses: SyncStatus[];
  /** Resolves when the session reports a status for which `ok` holds. */
  until(what: string, ok: (s: SyncStatus) => boolean, ms?: number): Promise<SyncStatus>;
}

async function member(
  db: LedgerDb,
  workspaceId: string,
  user: string,
  secret: string,
  role: 'owner' | 'editor' = 'editor',
  server: { url: string; token?: string } = { url: '' },
) {
  const name = documentName(workspaceId);
  const token = server.token ?? (await h.member(user, name, role));
  const statuses: SyncStatus[] = [];
  const waiters: { ok: (s: SyncStatus) => boolean; done: (s: SyncStatus) => void }[] = [];
  const session = new SharedSession(
    db,
    { workspaceId, server: server.url || h.server.url, user, token, secret },
    {
      WebSocketPolyfill: socketClass(ORIGIN),
      retry: { delay: 20, minDelay: 20, maxDelay: 100 },
      onStatus: (s) => {
        statuses.push(s);
        for (const w of waiters.splice(0)) {
          if (w.ok(s)) w.done(s);
          else waiters.push(w);
        }
      },
    },
  );
  sessions.push(session);
  await session.start();
  const m: Member = {
    db,
    session,
    statuses,
    until: (what, ok, ms = 5000) =>
      ok(session.current)
        ? Promise.resolve(session.current)
        : waitFor(`${user}: ${what}`, (done) => waiters.push({ ok, done }), ms),
  };
  return m;
}

/** Resolves when `check` holds on the ledger, polled after each status report and every 25 ms. */
async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  ms = 5000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const ledgerOf = async (db: LedgerDb, ws: string) => {
  const sorted = <R extends { id: string }>(rows: R[]) => rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    accounts: sorted(await db.accounts.where('workspaceId').equals(ws).toArray()),
    bindings: sorted(await db.bindings.where('workspaceId').equals(ws).toArray()),
    permissions: sorted(await db.permissions.where('workspaceId').equals(ws).toArray()),
    events: sorted(await db.events.where('workspaceId').equals(ws).toArray()),
  };
};

async function sharedWorkspace() {
  h = await startHarness({ port: await freePort() });
  const dbA = freshDb();
  const { workspace } = await createWorkspace(
    dbA,
    { name: '小林的杂货铺', mainAccount: { guangguangId: '2210000002', nickname: '小林' } },
    { now: T0 },
  );
  const secret = toBase64Url(newWorkspaceSecret());
  const a = await member(dbA, workspace.id, 'alice', secret, 'owner');
  await a.until('synced', (s) => s.state === 'synced');
  const b = await member(freshDb(), workspace.id, 'bob', secret);
  await b.until('synced', (s) => s.state === 'synced');
  await eventually('B to have the workspace', () => b.db.workspaces.get(workspace.id), Boolean);
  return { ws: workspace.id, a, b, secret };
}

describe('a shared workspace between two backgrounds', () => {
  it('an invite made in A is listed in B within 2 s', async () => {
    const { ws, a, b } = await sharedWorkspace();
    const t0 = Date.now();
    const { binding } = await recordInvite(a.db, ws, {
      account: { guangguangId: '3310000001', phone: '13800138000' },
    });
    await a.session.localChanged();
    const seen = await eventually('the invite in B', () => b.db.bindings.get(binding.id), Boolean, 2000);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(seen?.state).toBe('pending');
    const acc = await b.db.accounts.get(seen!.matrixAccountId);
    expect(acc?.guangguangId).toBe('3310000001');
    expect(acc?.phoneMask).toBe('138****8000');
    await a.until('synced', (s) => s.state === 'synced');
  });

  it('both edit one binding while the server is down; after it restarts both ledgers are identical, both events kept', async () => {
    const { ws, a, b } = await sharedWorkspace();
    const { binding } = await recordInvite(a.db, ws, { account: { guangguangId: '3310000001' } });
    await transitionBinding(a.db, binding.id, 'accepted');
    const [perm] = await requestPermission(a.db, binding.id, 'proxy-publish');
    await a.session.localChanged();
    await eventually('the permission in B', () => b.db.permissions.get(perm!.id), Boolean);
    await a.until('synced', (s) => s.state === 'synced');

    await h.server.close();
    await a
      .until('offline', (s) => s.state === 'offline')
      .catch((e: unknown) => {
        console.log(JSON.stringify(a.statuses));
        throw e;
      });
    await b.until('offline', (s) => s.state === 'offline');
    await unbind(a.db, binding.id, { now: Date.now() });
    await a.session.localChanged();
    await transitionPermission(b.db, perm!.id, 'granted', { now: Date.now() + 1000 });
    await b.session.localChanged();
    expect(a.session.current.state).toBe('offline');

    await h.restart();
    await a.until('synced again', (s) => s.state === 'synced', 10_000);
    await b.until('synced again', (s) => s.state === 'synced', 10_000);
    const la = await eventually(
      'A to have both events',
      () => ledgerOf(a.db, ws),
      (l) => l.events.some((e) => e.entityId === perm!.id && e.to === 'granted'),
    );
    const lb = await eventually(
      'B to equal A',
      () => ledgerOf(b.db, ws),
      (l) => JSON.stringify(l) === JSON.stringify(la),
    );
    expect(lb).toEqual(la);
    expect(la.bindings.find((r) => r.id === binding.id)?.state).toBe('unbound');
    expect(la.permissions.find((r) => r.id === perm!.id)?.state).toBe('revoked');
    const authors = la.events.filter((e) => e.entityId === perm!.id).map((e) => [e.to, e.author]);
    expect(authors).toContainEqual(['granted', 'bob']);
    expect(authors).toContainEqual(['revoked', 'alice']);
  });

  it('B is removed: within 5 s B is told and its shared copy is gone; its later edits never reach A; A keeps syncing', async () => {
    const { ws, a, b } = await sharedWorkspace();
    await h.admin.revoke('bob', documentName(ws));
    const told = await b.until('removed', (s) => s.state === 'removed', 5000);
    expect(told.reason).toBe('not-a-member');
    await eventually(
      'B to drop the shared copy',
      () => b.db.workspaces.get(ws),
      (w) => w === undefined,
    );
    // B writes on (say, a stale panel): nothing is sent.
    await upsertAccount(b.db, ws, { guangguangId: '3310000099' }).catch(() => undefined);
    await b.session.localChanged();
    const { binding } = await recordInvite(a.db, ws, { account: { guangguangId: '3310000001' } });
    await a.session.localChanged();
    await a.until('synced', (s) => s.state === 'synced' && s.unsent === 0);
    // A fresh member sees A's invite and nothing of B's.
    const c = await member(freshDb(), ws, 'carol', a.session.config.secret);
    await eventually('C to have the invite', () => c.db.bindings.get(binding.id), Boolean);
    expect((await c.db.accounts.toArray()).map((r) => r.guangguangId)).not.toContain('3310000099');
  });
});

describe('the server process killed mid-write', () => {
  const ROOT = joinPath(import.meta.dirname, '../..');
  let child: ChildProcess | null = null;
  let dir = '';
  afterEach(() => {
    child?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function startProcess(port: number): Promise<void> {
    const proc = spawn(
      process.execPath,
      ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', 'server/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(port),
          DATA_DIR: dir,
          DATABASE_URL: '',
          SHARING_SECRET: '',
          ALLOWED_ORIGINS: ORIGIN,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = proc;
    let out = '';
    await waitFor<void>(
      'the server process to listen',
      (done) =>
        proc.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (/sharing server on ws:/.test(out)) done();
        }),
      10_000,
    );
  }

  it('kill -9 while A writes 200 events, then restarted: B and a fresh member end with exactly those events, no duplicates', async () => {
    dir = mkdtempSync(joinPath(tmpdir(), 'sharing-kill-'));
    const port = await freePort();
    await startProcess(port);
    const url = `ws://127.0.0.1:${port}`;
    const dbA = freshDb();
    const { workspace } = await createWorkspace(
      dbA,
      { name: '店', mainAccount: { guangguangId: '2210000002' } },
      { now: T0 },
    );
    const ws = workspace.id;
    const name = documentName(ws);
    const admin = openSqliteStore(joinPath(dir, 'sharing.sqlite'));
    for (const u of ['alice', 'bob', 'carol']) {
      await admin.addUser(u);
      await admin.grant(u, name, 'editor');
    }
    await admin.close();
    const secretKey = loadSecret(undefined, joinPath(dir, 'sharing-secret.key'));
    const at = (user: string) => ({ url, token: issueToken(secretKey, user) });
    const secret = toBase64Url(newWorkspaceSecret());
    const a = await member(dbA, ws, 'alice', secret, 'editor', at('alice'));
    await a.until('synced', (s) => s.state === 'synced');
    const b = await member(freshDb(), ws, 'bob', secret, 'editor', at('bob'));
    await b.until('synced', (s) => s.state === 'synced');

    for (let i = 0; i < 200; i++) {
      await upsertAccount(a.db, ws, { guangguangId: String(3310000000 + i) });
      await a.session.localChanged();
      if (i === 100) child!.kill('SIGKILL');
    }
    await startProcess(port);
    const target = await a.db.events.where('workspaceId').equals(ws).primaryKeys();
    expect(target.length).toBe(200 + 2);
    const idsOf = async (db: LedgerDb) =>
      (await db.events.where('workspaceId').equals(ws).primaryKeys()).sort();
    await a.until('synced after the restart', (s) => s.state === 'synced', 15_000);
    expect(
      await eventually(
        'B to have every event',
        () => idsOf(b.db),
        (ids) => ids.length === target.length,
        15_000,
      ),
    ).toEqual([...target].sort());
    const c = await member(freshDb(), ws, 'carol', secret, 'editor', at('carol'));
    expect(
      await eventually(
        'a fresh member to have every event',
        () => idsOf(c.db),
        (ids) => ids.length === target.length,
        15_000,
      ),
    ).toEqual([...target].sort());
    const gg = (await c.db.accounts.where('workspaceId').equals(ws).toArray()).map((r) => r.guangguangId);
    expect(new Set(gg).size).toBe(201);
    expect(gg).toHaveLength(201);
  });
});
