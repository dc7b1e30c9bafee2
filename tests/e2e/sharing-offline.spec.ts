/**
 * Team sharing on the built extension when things go wrong (issue 16): two (or three) browser
 * profiles with the extension and one sync server process, stopped and started under them.
 * The same scenarios at the ledger level: tests/server/sharing-session.test.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { launchWithExtension, requireTestHooks } from './fixtures';
import {
  addAccount,
  cli,
  countRows,
  createAndShare,
  freePort,
  joinShared,
  ledgerOf,
  openBinding,
  openPanel,
  openSharing,
  startServer,
} from './sharing-helpers';

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;

/** Two profiles sharing one workspace through a fresh server: alice (A, owner of the data) and bob (B). */
async function sharedPair(dataDir: string) {
  const a = await launchWithExtension();
  const b = await launchWithExtension();
  const origin = `chrome-extension://${a.extensionId}`;
  const port = await freePort();
  const server = { child: (await startServer(dataDir, port, origin)) as ChildProcess | null, port, origin };
  const url = `ws://127.0.0.1:${port}`;
  for (const x of [a, b])
    await x.worker.evaluate(() => chrome.storage.local.set({ 'debug:grants': ['ws://127.0.0.1/*'] }));
  const pa = await openPanel(a.context, a.extensionId);
  let doc = '';
  const code = await createAndShare(
    pa,
    url,
    'alice',
    () => cli(dataDir, 'token', 'alice'),
    (wsId) => {
      doc = `ws:${wsId}`;
      for (const user of ['alice', 'bob', 'carol']) {
        cli(dataDir, 'add-user', user);
        cli(dataDir, 'grant', user, doc, 'editor');
      }
    },
  );
  const pb = await openPanel(b.context, b.extensionId);
  await joinShared(pb, code, 'bob', cli(dataDir, 'token', 'bob'));
  return { a, b, pa, pb, server, url, code, doc };
}

async function closeAll(
  xs: (Launched | undefined)[],
  server: ChildProcess | null | undefined,
  dataDir: string,
) {
  server?.kill('SIGKILL');
  for (const x of xs) await x?.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** The binding steps to accepted or declined in a ledger, as `to author`, sorted. */
const stateSteps = (l: Awaited<ReturnType<typeof ledgerOf>>) =>
  (l.events ?? [])
    .filter((e) => e.field === 'state' && (e.to === 'accepted' || e.to === 'declined'))
    .map((e) => `${String(e.to)} ${typeof e.author === 'string' ? e.author : ''}`)
    .sort();

const stopped = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });

test('both edit the same binding while the server is down; after it restarts both ledgers are identical and both events are kept, each with its author', async () => {
  requireTestHooks();
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'guanghe-sharing-offline-'));
  let pair: Awaited<ReturnType<typeof sharedPair>> | undefined;
  try {
    pair = await sharedPair(dataDir);
    const { pa, pb, server, doc } = pair;
    const ws = doc.slice('ws:'.length);
    // One invite, recorded by A, in both ledgers: the binding both will edit.
    await addAccount(pa, '3310000001', '小号一');
    const rowB = pb.locator('[data-testid="account-row"][data-gg="3310000001"]');
    await expect(rowB).toHaveAttribute('data-state', 'pending', { timeout: 10_000 });

    const child = server.child!;
    child.kill('SIGKILL');
    await stopped(child);
    server.child = null;
    for (const p of [pa, pb])
      await expect(p.getByTestId('sharing-status')).toHaveAttribute('data-state', 'offline', {
        timeout: 10_000,
      });

    // Offline, each moves the same binding on from 待接受, A to accepted, B to declined.
    const detailA = await openBinding(pa, '3310000001');
    await detailA.getByTestId('binding-to-accepted').click();
    await expect(detailA.getByTestId('detail-binding-state')).toHaveAttribute('data-state', 'accepted');
    const detailB = await openBinding(pb, '3310000001');
    await detailB.getByTestId('binding-to-declined').click();
    await expect(detailB.getByTestId('detail-binding-state')).toHaveAttribute('data-state', 'declined');
    // Nothing can travel: each still has only its own step (the detail hides the sharing section).
    for (const p of [pa, pb]) {
      await p.getByTestId('detail-close').click();
      await openSharing(p);
    }
    for (const p of [pa, pb])
      await expect(p.getByTestId('sharing-status')).toHaveAttribute('data-state', 'offline');
    expect(stateSteps(await ledgerOf(pa, ws))).not.toContainEqual(expect.stringMatching(/^declined/));
    expect(stateSteps(await ledgerOf(pb, ws))).not.toContainEqual(expect.stringMatching(/^accepted/));

    server.child = await startServer(dataDir, server.port, server.origin);
    // Both reconnect by themselves (the provider's retry) and end in step.
    for (const p of [pa, pb])
      await expect(p.getByTestId('sharing-status')).toHaveAttribute('data-state', 'synced', {
        timeout: 20_000,
      });
    await expect
      .poll(async () => stateSteps(await ledgerOf(pa, ws)), { timeout: 10_000 })
      .toEqual(['accepted alice', 'declined bob']);
    const la = await ledgerOf(pa, ws);
    await expect
      .poll(async () => JSON.stringify(await ledgerOf(pb, ws)), { timeout: 10_000 })
      .toBe(JSON.stringify(la));
    expect(stateSteps(await ledgerOf(pb, ws))).toEqual(['accepted alice', 'declined bob']);
    // One binding, in one of the two states, and both panels show it.
    expect(la.bindings).toHaveLength(1);
    const final = String(la.bindings![0]!.state);
    expect(['accepted', 'declined']).toContain(final);
    for (const p of [pa, pb])
      await expect((await openBinding(p, '3310000001')).getByTestId('detail-binding-state')).toHaveAttribute(
        'data-state',
        final,
      );
  } finally {
    await closeAll([pair?.a, pair?.b], pair?.server.child, dataDir);
  }
});

test("B removed while connected: told within 5 s, shared copy gone, its later edits never reach A; A keeps syncing (a fresh member gets A's later edit)", async () => {
  requireTestHooks();
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'guanghe-sharing-removed-'));
  let pair: Awaited<ReturnType<typeof sharedPair>> | undefined;
  let c: Launched | undefined;
  try {
    pair = await sharedPair(dataDir);
    const { b, pa, pb, doc, code } = pair;
    await addAccount(pa, '3310000001', '小号一');
    await expect(pb.getByTestId('account-row').filter({ hasText: '3310000001' })).toHaveCount(1, {
      timeout: 5000,
    });

    cli(dataDir, 'revoke', 'bob', doc);
    const viewB = pb.getByTestId('ledger-view');
    await expect(viewB.getByTestId('sharing-removed')).toContainText('已被移出', { timeout: 5000 });
    await expect(viewB).toHaveAttribute('data-state', 'no-workspace', { timeout: 5000 });
    expect(await countRows(pb, 'accounts')).toBe(0);
    expect(await countRows(pb, 'events')).toBe(0);
    const statusB = await b.worker.evaluate(() => chrome.storage.session.get('sharing:status'));
    expect(JSON.stringify(statusB)).toContain('"removed"');

    // B writes on to the shared workspace (a stale panel's command): whatever B's ledger answers,
    // nothing of it may reach A.
    const stale = await pb.evaluate(
      (workspaceId) =>
        chrome.runtime
          .sendMessage({
            id: 7,
            type: 'ledger:command',
            data: {
              op: 'recordInvite',
              workspaceId,
              account: { guangguangId: '3310000099', nickname: '旧面板' },
              state: 'pending',
            },
            timestamp: Date.now(),
          })
          .then((r: unknown) => JSON.stringify(r)),
      doc.slice('ws:'.length),
    );
    test.info().annotations.push({ type: 'stale write', description: stale.slice(0, 200) });

    // A keeps syncing: its edit after the removal reaches a member who joins only now, and B's
    // stale write reaches neither of them.
    await addAccount(pa, '3310000003', '小号三');
    c = await launchWithExtension();
    await c.worker.evaluate(() => chrome.storage.local.set({ 'debug:grants': ['ws://127.0.0.1/*'] }));
    const pc = await openPanel(c.context, c.extensionId);
    await joinShared(pc, code, 'carol', cli(dataDir, 'token', 'carol'));
    await expect(pc.getByTestId('account-row').filter({ hasText: '3310000003' })).toHaveCount(1, {
      timeout: 10_000,
    });
    await expect(pa.getByTestId('sharing-state')).toHaveText('同步完成');
    for (const p of [pa, pc])
      await expect(p.locator('[data-testid="account-row"][data-gg="3310000099"]')).toHaveCount(0);
    const ws = doc.slice('ws:'.length);
    for (const p of [pa, pc]) {
      const l = await ledgerOf(p, ws);
      expect(l.accounts!.map((r) => r.guangguangId)).not.toContain('3310000099');
    }
    // And B, no longer a member, did not get A's later edit.
    expect((await ledgerOf(pb, ws)).accounts!.map((r) => r.guangguangId)).not.toContain('3310000003');
  } finally {
    await closeAll([pair?.a, pair?.b, c], pair?.server.child, dataDir);
  }
});

test("A's service worker is stopped while shared: once a panel action wakes it, it reconnects by itself, B's edit made meanwhile arrives and A's reaches B", async () => {
  requireTestHooks();
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'guanghe-sharing-restart-'));
  let pair: Awaited<ReturnType<typeof sharedPair>> | undefined;
  try {
    pair = await sharedPair(dataDir);
    const { a, pa, pb } = pair;
    await expect(pa.getByTestId('sharing-status')).toHaveAttribute('data-state', 'synced');
    // The browser ends an idle extension's worker whenever it likes: here, at once (as
    // resilience.spec.ts does), with the sync connection it held.
    const cdp = await a.context.newCDPSession(pa);
    const running: string[] = []; // the worker's running status, as DevTools reports each change
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) running.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => running.at(-1)).toBe('stopped');

    // While A has no worker, B records an invite: it waits on the server for A.
    await addAccount(pb, '3310000002', '小号二');
    // A's own edit wakes A's worker (a ledger command); nothing else is done to reconnect it.
    await addAccount(pa, '3310000003', '小号三');
    expect(running.at(-1)).toBe('running'); // a new start of the worker, not the old one
    await expect(pa.locator('[data-testid="account-row"][data-gg="3310000002"]')).toHaveCount(1, {
      timeout: 20_000,
    });
    await expect(pb.locator('[data-testid="account-row"][data-gg="3310000003"]')).toHaveCount(1, {
      timeout: 20_000,
    });
    for (const p of [pa, pb])
      await expect(p.getByTestId('sharing-status')).toHaveAttribute('data-state', 'synced', {
        timeout: 10_000,
      });
    expect(await countRows(pa, 'accounts')).toBe(await countRows(pb, 'accounts'));
  } finally {
    await closeAll([pair?.a, pair?.b], pair?.server.child, dataDir);
  }
});
