/**
 * The sharing server end to end: the server in-process on a random loopback port over a SQLite file
 * in a temp dir, clients over real WebSockets (tests/server/harness.ts).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE, REVOCATION_POLL_MS } from '../../server/server.ts';
import { issueToken, nowSeconds } from '../../server/tokens.ts';
import {
  connect,
  newDocName,
  ORIGIN,
  reachablePostgres,
  socketClass,
  startHarness,
  storedDoc,
  waitFor,
  WAIT_MS,
  type Harness,
} from './harness.ts';

const ROOT = join(import.meta.dirname, '../..');
let h: Harness;
afterEach(async () => {
  await h?.dispose();
});

const closeOf = (c: ReturnType<typeof connect>) =>
  waitFor<{ code: number; reason: string }>('the socket to close', (done) =>
    c.socket.on('disconnect', ({ event }: { event: { code: number; reason: string } }) => done(event)),
  );

describe('sharing server', () => {
  it("carries an editor's update to a second client, and an owner's back", async () => {
    h = await startHarness();
    const doc = newDocName();
    const a = connect(h, doc, await h.member('alice', doc, 'editor'));
    const b = connect(h, doc, await h.member('bob', doc, 'owner'));
    expect(await a.auth).toBe(true);
    expect(await b.auth).toBe(true);
    a.doc.getMap('ledger').set('from-alice', 1);
    expect(await b.has('from-alice')).toBe(1);
    b.doc.getMap('ledger').set('from-bob', 2);
    expect(await a.has('from-bob')).toBe(2);
  });

  it("refuses a viewer's update and stores nothing of it, while the viewer still reads", async () => {
    h = await startHarness();
    const doc = newDocName();
    const editor = connect(h, doc, await h.member('alice', doc, 'editor'));
    const viewer = connect(h, doc, await h.member('vera', doc, 'viewer'));
    expect(await editor.auth).toBe(true);
    expect(await viewer.auth).toBe(true);
    editor.doc.getMap('ledger').set('before', 1);
    expect(await viewer.has('before')).toBe(1);

    const refused = viewer.nextSyncStatus();
    viewer.doc.getMap('ledger').set('from-viewer', 'nope');
    expect(await refused).toBe(false);
    // The editor's next update reaches the viewer: the server went on serving the document.
    editor.doc.getMap('ledger').set('after', 2);
    expect(await viewer.has('after')).toBe(2);
    await editor.saved();
    expect(editor.doc.getMap('ledger').has('from-viewer')).toBe(false);

    await h.restart(); // closes every connection and stores what is pending
    const stored = (await storedDoc(h.admin, doc)).getMap('ledger');
    expect(stored.get('after')).toBe(2);
    expect(stored.has('from-viewer')).toBe(false);
  });

  it('refuses a wrong, an expired, a forged and a tampered token, and a removed user', async () => {
    h = await startHarness();
    const doc = newDocName();
    await h.member('alice', doc, 'editor');
    const now = nowSeconds();
    const good = h.token('alice');
    const [head, payload] = good.split('.');
    const tampered = `${head}.${Buffer.from(JSON.stringify({ sub: 'alice', iat: now, exp: now + 86_000 })).toString('base64url')}.${good.split('.')[2]}`;
    const cases: [string, string][] = [
      ['not-a-token', 'token-malformed'],
      [h.token('alice', 60, now - 120), 'token-expired'],
      [issueToken(randomBytes(32), 'alice'), 'token-bad-signature'],
      [tampered, 'token-bad-signature'],
      [`${head}.${payload}.`, 'token-bad-signature'],
    ];
    for (const [token, reason] of cases) expect(await connect(h, doc, token).auth).toBe(reason);

    expect(await h.admin.removeUser('alice')).toBe(true);
    expect(await connect(h, doc, good).auth).toBe('unknown-user');
  });

  it('refuses a malformed document name and a document the user is no member of', async () => {
    h = await startHarness();
    const doc = newDocName();
    const token = await h.member('alice', doc, 'editor');
    for (const name of ['ws:not-a-uuid', doc.toUpperCase(), `${doc}/x`, doc.replace('ws:', ''), `ws:${doc}`])
      expect(await connect(h, name, token).auth).toBe('bad-document-name');
    expect(await connect(h, newDocName(), token).auth).toBe('not-a-member');
    expect(await connect(h, doc, token).auth).toBe(true);
  });

  it('closes the connection of an oversized message and goes on serving the others', async () => {
    h = await startHarness({ maxMessageBytes: 64 * 1024 });
    const doc = newDocName();
    const token = await h.member('alice', doc, 'editor');
    const big = connect(h, doc, token);
    const b = connect(h, doc, token);
    const c = connect(h, doc, token);
    for (const x of [big, b, c]) expect(await x.auth).toBe(true);

    const closed = closeOf(big);
    big.doc.getMap('ledger').set('huge', 'x'.repeat(100 * 1024));
    expect((await closed).code).toBe(1009);
    big.destroy();

    b.doc.getMap('ledger').set('small', 1);
    expect(await c.has('small')).toBe(1);
    expect(c.doc.getMap('ledger').has('huge')).toBe(false);
  });

  it('refuses an update that would take the document past its size limit', async () => {
    h = await startHarness({ maxMessageBytes: 64 * 1024, maxDocumentBytes: 16 * 1024 });
    const doc = newDocName();
    const token = await h.member('alice', doc, 'editor');
    const a = connect(h, doc, token);
    const watcher = connect(h, doc, token);
    expect(await a.auth).toBe(true);
    expect(await watcher.auth).toBe(true);
    a.doc.getMap('ledger').set('first', 'x'.repeat(10 * 1024));
    await a.saved();
    const closed = waitFor<{ reason: string }>('the document to close', (done) =>
      a.provider.on('close', ({ event }: { event: { reason: string } }) => done(event)),
    );
    a.doc.getMap('ledger').set('second', 'y'.repeat(10 * 1024));
    expect((await closed).reason).toBe(CLOSE.tooLarge.reason);
    a.destroy();

    // A document near its limit is still read by newcomers and reconnecting clients, and an update
    // that repeats what the document has (here a client's whole copy) is not taken for growth.
    const late = connect(h, doc, token);
    expect(await late.auth).toBe(true);
    expect(String(await late.has('first')).length).toBe(10 * 1024);
    const e = encoding.createEncoder();
    encoding.writeVarString(e, doc);
    encoding.writeVarUint(e, 0); // sync
    encoding.writeVarUint(e, 2); // update
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(late.doc));
    const applied = late.nextSyncStatus();
    late.socket.send(encoding.toUint8Array(e));
    expect(await applied).toBe(true);
    const down = waitFor('the watcher to disconnect', (done) => watcher.socket.on('disconnect', done));
    watcher.socket.disconnect();
    await down;
    const back = waitFor('the watcher to sync again', (done) => watcher.provider.on('synced', done));
    void watcher.socket.connect();
    await back;
    // Updates that fit still go in; the refused one never reached anyone nor the file.
    watcher.doc.getMap('ledger').set('third', 3);
    await watcher.saved();
    expect(await late.has('third')).toBe(3);
    expect(late.doc.getMap('ledger').has('second')).toBe(false);
    await h.restart();
    const stored = (await storedDoc(h.admin, doc)).getMap('ledger');
    expect(stored.get('third')).toBe(3);
    expect(stored.has('first')).toBe(true);
    expect(stored.has('second')).toBe(false);
  });

  it("closes a revoked member's live connection within a second (CLI revoke) and refuses it after", async () => {
    h = await startHarness();
    const doc = newDocName();
    const alice = connect(h, doc, await h.member('alice', doc, 'editor'));
    const bob = connect(h, doc, await h.member('bob', doc, 'editor'));
    expect(await alice.auth).toBe(true);
    expect(await bob.auth).toBe(true);
    alice.doc.getMap('ledger').set('k', 1);
    expect(await bob.has('k')).toBe(1);

    const closed = closeOf(alice);
    // The reconnect that follows the close is refused.
    const refusedAgain = waitFor<string>('the reconnect to be refused', (done) =>
      alice.provider.on('authenticationFailed', ({ reason }: { reason: string }) => done(reason)),
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--experimental-strip-types',
        '--disable-warning=ExperimentalWarning',
        'server/cli.ts',
        'revoke',
        'alice',
        doc,
      ],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: h.dir, DATABASE_URL: '' }, timeout: WAIT_MS },
    );
    expect(stdout).toContain('revoked alice');
    const t0 = performance.now();
    expect((await closed).code).toBe(CLOSE.revoked.code);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(REVOCATION_POLL_MS).toBeLessThan(1000);
    expect(await refusedAgain).toBe('not-a-member');
    expect(await connect(h, doc, h.token('alice')).auth).toBe('not-a-member');

    // Bob is untouched.
    bob.doc.getMap('ledger').set('still', 'here');
    await bob.saved();
  });

  it('closes the connection of a member turned viewer, which comes back read-only', async () => {
    h = await startHarness();
    const doc = newDocName();
    const alice = connect(h, doc, await h.member('alice', doc, 'editor'));
    expect(await alice.auth).toBe(true);
    const closed = closeOf(alice);
    await h.admin.grant('alice', doc, 'viewer');
    expect((await closed).code).toBe(CLOSE.revoked.code);
    await waitFor('re-authentication', (done) => alice.provider.on('authenticated', done));
    expect(alice.provider.authorizedScope).toBe('readonly');
  });

  it('keeps the data across a restart of the server (SQLite file)', async () => {
    h = await startHarness();
    const doc = newDocName();
    const token = await h.member('alice', doc, 'editor');
    const a = connect(h, doc, token);
    expect(await a.auth).toBe(true);
    a.doc.getMap('ledger').set('kept', { n: 1 });
    await a.saved();
    a.destroy();
    await h.restart();
    const b = connect(h, doc, token);
    expect(await b.auth).toBe(true);
    expect(await b.has('kept')).toEqual({ n: 1 });
  });

  it('lets a client stop while its socket is still connecting, with no stray error', async () => {
    h = await startHarness();
    // What a provider does on destroy: drop its listeners, then close a socket still in CONNECTING.
    // `ws` then emits 'error'; with no listener left that would be an uncaught exception (a browser's
    // WebSocket only fires an event), so the test socket class must keep a listener of its own.
    const Socket = socketClass(ORIGIN);
    const ws = new Socket(h.server.url);
    expect(ws.readyState).toBe(WebSocket.CONNECTING);
    const closed = waitFor<number>('the aborted socket to close', (done) => ws.once('close', done));
    ws.close();
    await closed;
    const c = connect(h, newDocName(), h.token('nobody'));
    c.destroy();
    // Another server round trip, so anything the aborted handshakes raise has surfaced by now.
    const later = connect(h, newDocName(), h.token('nobody'));
    expect(await later.auth).not.toBe(true);
  });

  it('refuses a WebSocket upgrade from any origin but an allowed extension, and answers /healthz', async () => {
    h = await startHarness();
    const status = (origin?: string) =>
      waitFor<number>(`the upgrade from ${origin ?? 'no origin'}`, (done) => {
        const ws = new WebSocket(h.server.url, origin ? { origin } : {});
        ws.on('unexpected-response', (_req, res) => done(res.statusCode ?? 0));
        ws.on('open', () => {
          done(101);
          ws.close();
        });
        ws.on('error', () => done(-1));
      });
    expect(await status('https://evil.example')).toBe(403);
    expect(await status(`chrome-extension://${'b'.repeat(32)}`)).toBe(403);
    expect(await status('moz-extension://00000000-0000-0000-0000-000000000000')).toBe(403);
    expect(await status()).toBe(403);
    expect(await status(ORIGIN)).toBe(101);
    // Plain HTTP answers only the health check.
    const http = h.server.url.replace(/^ws:/, 'http:');
    const health = await fetch(`${http}/healthz`, { signal: AbortSignal.timeout(WAIT_MS) });
    expect([health.status, await health.text()]).toEqual([200, 'ok\n']);
    const other = await fetch(`${http}/`, { signal: AbortSignal.timeout(WAIT_MS) });
    expect(other.status).toBe(404);
  });
});

const PG_URL = await reachablePostgres();

describe.skipIf(!PG_URL)('sharing server on PostgreSQL (TEST_DATABASE_URL)', () => {
  it('syncs, closes a revoked connection and keeps the data across a restart', async () => {
    h = await startHarness({ store: { kind: 'postgres', target: PG_URL! } });
    const doc = newDocName();
    const id = randomBytes(4).toString('hex');
    const a = connect(h, doc, await h.member(`alice-${id}`, doc, 'editor'));
    const b = connect(h, doc, await h.member(`bob-${id}`, doc, 'editor'));
    expect(await a.auth).toBe(true);
    expect(await b.auth).toBe(true);
    a.doc.getMap('ledger').set('pg', 1);
    expect(await b.has('pg')).toBe(1);
    await a.saved();

    const closed = closeOf(b);
    await h.admin.revoke(`bob-${id}`, doc);
    expect((await closed).code).toBe(CLOSE.revoked.code);

    a.destroy();
    await h.restart();
    const c = connect(h, doc, h.token(`alice-${id}`));
    expect(await c.auth).toBe(true);
    expect(await c.has('pg')).toBe(1);
  });
});
