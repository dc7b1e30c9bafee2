/**
 * The ledger keeps its promises in the real browser: concurrent writers stay consistent, and a service
 * worker stopped in the middle of a write loses nothing and duplicates nothing.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { bulkBackup } from './ledger-data';

const MATRIX = 'https://creator.guanghe.taobao.com/page/account/matrix';

/** A ledger command from an extension page, in @webext-core/messaging's wire format. */
function command(panel: Page, data: unknown): Promise<{ res?: { ok: boolean }; err?: unknown }> {
  return panel.evaluate(
    (d) =>
      chrome.runtime.sendMessage({
        id: Math.floor(Math.random() * 1e9),
        type: 'ledger:command',
        data: d,
        timestamp: Date.now(),
      }),
    data,
  );
}

interface Snapshot {
  accounts: { id: string; workspaceId: string; guangguangId: string }[];
  bindings: { id: string; matrixAccountId: string; workspaceId: string }[];
  permissions: { bindingId: string }[];
  workspaces: { id: string }[];
}

/** Read the ledger's tables with raw IndexedDB from an extension page (same origin as the worker). */
function readLedger(panel: Page): Promise<Snapshot> {
  return panel.evaluate(
    () =>
      new Promise<Snapshot>((resolve, reject) => {
        const open = indexedDB.open('guanghe-ledger');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const names = ['accounts', 'bindings', 'permissions', 'workspaces'] as const;
          const tx = db.transaction([...names], 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const n of names) {
            const r = tx.objectStore(n).getAll();
            r.onsuccess = () => (out[n] = r.result as unknown[]);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out as unknown as Snapshot);
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
  );
}

function expectConsistent(s: Snapshot) {
  const ids = new Set(s.accounts.map((a) => a.id));
  const perWorkspace = new Set<string>();
  for (const a of s.accounts) {
    const key = `${a.workspaceId}/${a.guangguangId}`;
    expect(perWorkspace.has(key), `duplicate 逛逛号 ${key}`).toBe(false);
    perWorkspace.add(key);
  }
  const bindingIds = new Set(s.bindings.map((b) => b.id));
  for (const b of s.bindings)
    expect(ids.has(b.matrixAccountId), `binding ${b.id} without its account`).toBe(true);
  for (const p of s.permissions)
    expect(bindingIds.has(p.bindingId), 'permission without its binding').toBe(true);
}

test('two panels and the background writing at once leave a consistent ledger', async ({
  page,
  mock,
  openPanel,
}) => {
  for (let i = 1; i <= 5; i++)
    mock.seedMatrixAccount({ gid: `331000000${i}`, bind: i % 2 ? 'bound' : 'pending' });
  const a = await openPanel();
  const b = await openPanel();
  // The home page shows who is logged in: the background creates and selects that account's workspace.
  await page.goto('https://creator.guanghe.taobao.com/');
  await expect.poll(async () => (await readLedger(a)).workspaces.length).toBe(1);
  const ws = (await readLedger(a)).workspaces[0]!.id;
  await page.goto(MATRIX);
  await expect(a.getByTestId('page-card')).toHaveAttribute('data-page', 'matrix');

  const invites = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, k) => ({
      op: 'recordInvite',
      workspaceId: ws,
      state: 'pending',
      account: { guangguangId: String(4400000000 + from + k), nickname: `并发${from + k}` },
    }));
  const fire = (panel: Page, cmds: unknown[]) => Promise.all(cmds.map((c) => command(panel, c)));
  // Panel A: 1–30, panel B: 21–50 (21–30 from both at once), while the page list is captured again.
  const [ra, rb] = await Promise.all([
    fire(a, invites(1, 30)),
    fire(b, invites(21, 50)),
    (async () => {
      for (let i = 0; i < 3; i++) await page.reload();
    })(),
  ]);
  for (const r of [...ra, ...rb]) expect(r.res?.ok, JSON.stringify(r)).toBe(true);

  // The page's list is captured by the background on its own schedule, queued behind the 60 commands'
  // transactions: wait for it (every intermediate read must be consistent too), then check all of it.
  const inWorkspace = (x: Snapshot) => x.accounts.filter((acc) => acc.workspaceId === ws).length;
  await expect
    .poll(async () => {
      const now = await readLedger(a);
      expectConsistent(now);
      return inWorkspace(now);
    })
    .toBe(1 + 50 + 5);
  const s = await readLedger(a);
  expectConsistent(s);
  expect(s.workspaces).toHaveLength(1);
  const gg = new Set(s.accounts.filter((x) => x.workspaceId === ws).map((x) => x.guangguangId));
  for (let i = 1; i <= 50; i++) expect(gg.has(String(4400000000 + i))).toBe(true);
  for (let i = 1; i <= 5; i++) expect(gg.has(`331000000${i}`)).toBe(true);
  expect(gg.size).toBe(1 + 50 + 5); // the main account, 50 invited, 5 from the page
});

test('a service worker stopped in the middle of an import loses nothing and duplicates nothing', async ({
  page,
  ext,
  openPanel,
}, testInfo) => {
  const panel = await openPanel();
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const text = bulkBackup(1500, Date.now());

  // Start the import, wait until the workspace and a first chunk of 500 accounts have been put (the
  // worker reports progress after each chunk, inside the one transaction), then stop every worker.
  const firstChunk = panel.evaluate(
    () =>
      new Promise<string>((resolve) => {
        chrome.storage.session.onChanged.addListener((changes) => {
          const p = changes['ledger:importProgress']?.newValue as { done?: number } | undefined;
          if (p?.done && p.done > 500) resolve(`${p.done} rows written`);
        });
      }),
  );
  await panel.evaluate((t) => {
    (globalThis as unknown as { pending: Promise<unknown> }).pending = chrome.runtime
      .sendMessage({
        id: 1,
        type: 'ledger:command',
        data: { op: 'applyImport', text: t },
        timestamp: Date.now(),
      })
      .catch((e: unknown) => ({ stopped: String(e) }));
  }, text);
  const progress = await firstChunk;
  await cdp.send('ServiceWorker.stopAllWorkers');
  const first = await panel.evaluate(() => (globalThis as unknown as { pending: Promise<unknown> }).pending);

  // The import is one transaction: stopped after rows were put in it, none of them may remain.
  const after = await readLedger(panel);
  testInfo.annotations.push({
    type: 'stop',
    description: `stopped after ${progress}; the import answered ${String(JSON.stringify(first)).slice(0, 120)}; accounts after the stop: ${after.accounts.length}`,
  });
  console.log(
    `[sw-stop] stopped after ${progress}; first import: ${String(JSON.stringify(first)).slice(0, 120)}; accounts after stop: ${after.accounts.length}`,
  );
  expect(first).toHaveProperty('stopped');
  expect(after.accounts).toHaveLength(0);
  expect(after.bindings).toHaveLength(0);
  expectConsistent(after);

  // A message wakes the worker again; running the same import again converges, with no duplicates.
  const again = await command(panel, { op: 'applyImport', text });
  expect(again.res?.ok, JSON.stringify(again)).toBe(true);
  const done = await readLedger(panel);
  expect(done.accounts).toHaveLength(1501);
  expect(done.bindings).toHaveLength(1500);
  expectConsistent(done);

  // And the restarted worker still follows the page.
  await page.goto(MATRIX);
  await panel.getByTestId('tab-now').click();
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'matrix');
});
