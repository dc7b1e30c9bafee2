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
  eventList,
  freePort,
  joinShared,
  openPanel,
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

const stopped = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });

test('both edit while the server is down; after it restarts both ledgers are identical and both events are kept, each with its author', async () => {
  requireTestHooks();
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'guanghe-sharing-offline-'));
  let pair: Awaited<ReturnType<typeof sharedPair>> | undefined;
  try {
    pair = await sharedPair(dataDir);
    const { pa, pb, server } = pair;
    const child = server.child!;
    child.kill('SIGKILL');
    await stopped(child);
    server.child = null;
    const stateA = pa.getByTestId('sharing-status');
    const stateB = pb.getByTestId('sharing-status');
    await expect(stateA).not.toHaveAttribute('data-state', 'synced', { timeout: 10_000 });
    await expect(stateB).not.toHaveAttribute('data-state', 'synced', { timeout: 10_000 });

    await addAccount(pa, '3310000001', '小号甲');
    await addAccount(pb, '3310000002', '小号乙');
    // Nothing can travel: each has only its own.
    await expect(pb.getByTestId('account-row').filter({ hasText: '3310000001' })).toHaveCount(0);

    server.child = await startServer(dataDir, server.port, server.origin);
    for (const p of [pa, pb]) {
      await expect(p.getByTestId('account-row').filter({ hasText: '3310000001' })).toHaveCount(1, {
        timeout: 15_000,
      });
      await expect(p.getByTestId('account-row').filter({ hasText: '3310000002' })).toHaveCount(1, {
        timeout: 15_000,
      });
      await expect(p.getByTestId('sharing-state')).toHaveText('同步完成', { timeout: 15_000 });
    }
    await expect
      .poll(async () => JSON.stringify(await eventList(pb)), { timeout: 10_000 })
      .toBe(JSON.stringify(await eventList(pa)));
    const events = await eventList(pa);
    expect(events.some((e) => e.endsWith(' alice'))).toBe(true);
    expect(events.some((e) => e.endsWith(' bob'))).toBe(true);
  } finally {
    await closeAll([pair?.a, pair?.b], pair?.server.child, dataDir);
  }
});

test("B removed while connected: told within 5 s, shared copy gone; A keeps syncing (a fresh member gets A's later edit)", async () => {
  requireTestHooks();
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'guanghe-sharing-removed-'));
  let pair: Awaited<ReturnType<typeof sharedPair>> | undefined;
  let c: Launched | undefined;
  try {
    pair = await sharedPair(dataDir);
    const { pa, pb, doc, code } = pair;
    await addAccount(pa, '3310000001', '小号一');
    await expect(pb.getByTestId('account-row').filter({ hasText: '3310000001' })).toHaveCount(1, {
      timeout: 5000,
    });

    cli(dataDir, 'revoke', 'bob', doc);
    const viewB = pb.getByTestId('ledger-view');
    await expect(viewB.getByTestId('sharing-removed')).toContainText('已被移出', { timeout: 5000 });
    await expect(viewB).toHaveAttribute('data-state', 'no-workspace', { timeout: 5000 });
    expect(await countRows(pb, 'accounts')).toBe(0);

    // A keeps syncing: its edit after the removal reaches a member who joins only now.
    await addAccount(pa, '3310000003', '小号三');
    c = await launchWithExtension();
    await c.worker.evaluate(() => chrome.storage.local.set({ 'debug:grants': ['ws://127.0.0.1/*'] }));
    const pc = await openPanel(c.context, c.extensionId);
    await joinShared(pc, code, 'carol', cli(dataDir, 'token', 'carol'));
    await expect(pc.getByTestId('account-row').filter({ hasText: '3310000003' })).toHaveCount(1, {
      timeout: 10_000,
    });
    await expect(pa.getByTestId('sharing-state')).toHaveText('同步完成');
  } finally {
    await closeAll([pair?.a, pair?.b, c], pair?.server.child, dataDir);
  }
});
