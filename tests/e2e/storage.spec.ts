/**
 * The ledger's storage promises in the real browser, on the built extension: a full disk gives a
 * visible message and loses nothing, and a schema upgrade while a panel is open is not blocked by the
 * panel, which reloads itself onto the new database.
 */
import type { Locator, Page, Worker } from '@playwright/test';
import { test, expect } from './fixtures';
import { chooseBulkBackup } from './ledger-data';

const HOME = 'https://creator.guanghe.taobao.com/';
const MATRIX = 'https://creator.guanghe.taobao.com/page/account/matrix';

/**
 * Every object store of the ledger, read with raw IndexedDB from an extension page: a string that
 * changes when any row does. The database's version comes with it.
 */
function dumpLedger(panel: Page): Promise<{ version: number; stores: Record<string, unknown[]> }> {
  return panel.evaluate(
    () =>
      new Promise<{ version: number; stores: Record<string, unknown[]> }>((resolve, reject) => {
        const open = indexedDB.open('guanghe-ledger');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const stores: Record<string, unknown[]> = {};
          const tx = db.transaction(names, 'readonly');
          for (const n of names) {
            const r = tx.objectStore(n).getAll();
            r.onsuccess = () => (stores[n] = r.result as unknown[]);
          }
          tx.oncomplete = () => {
            db.close();
            resolve({ version: db.version, stores });
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
  );
}

/**
 * Makes the service worker's IndexedDB writes fail as a full disk does, with a DOMException named
 * `QuotaExceededError`, for the object stores named (`[]`: every store; `null`: back to normal).
 * The patch is on `IDBObjectStore.prototype` in the worker's own realm, so the real Dexie, the real
 * transaction (and its rollback) and the real messaging are what is tested. Chromium's own quota
 * override (CDP `Storage.overrideQuotaForOrigin`) does not apply to extension origins, which is why
 * the error is injected here. Returns how many writes were refused so far.
 */
function diskFull(worker: Worker, stores: string[] | null): Promise<number> {
  return worker.evaluate((only) => {
    type Quota = { only: string[] | null; refused: number; accounts: string[] };
    const g = globalThis as unknown as { __quota?: Quota };
    if (!g.__quota) {
      const q: Quota = { only: null, refused: 0, accounts: [] };
      g.__quota = q;
      for (const m of ['put', 'add'] as const) {
        // eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound with apply below
        const original = IDBObjectStore.prototype[m];
        IDBObjectStore.prototype[m] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
          if (q.only && (q.only.length === 0 || q.only.includes(this.name))) {
            q.refused++;
            const gg = (args[0] as { guangguangId?: unknown } | null)?.guangguangId;
            if (this.name === 'accounts' && typeof gg === 'string') q.accounts.push(gg);
            throw new DOMException('The quota has been exceeded (injected).', 'QuotaExceededError');
          }
          return original.apply(this, args);
        };
      }
    }
    g.__quota.only = only;
    return g.__quota.refused;
  }, stores);
}

/** The 逛逛号 of every account row the full disk refused so far (to wait on a refusal, not on time). */
function refusedAccounts(worker: Worker): Promise<string[]> {
  return worker.evaluate(
    () => (globalThis as unknown as { __quota?: { accounts: string[] } }).__quota?.accounts ?? [],
  );
}

async function openLedgerTab(openPanel: () => Promise<Page>): Promise<{ panel: Page; view: Locator }> {
  const panel = await openPanel();
  await panel.getByTestId('tab-ledger').click();
  const view = panel.getByTestId('ledger-view');
  await expect(view).toHaveAttribute('data-state', 'workspace');
  return { panel, view };
}

async function fillAddForm(view: Locator, f: { gg: string; nickname: string; phone: string }) {
  const details = view.getByTestId('add-account');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
  const form = view.getByTestId('add-account-form');
  await form.getByLabel(/^逛逛号/).fill(f.gg);
  await form.getByLabel(/^昵称/).fill(f.nickname);
  await form.getByLabel(/^手机号/).fill(f.phone);
  return form;
}

test('a full disk: the panel says so, keeps what was typed, and the ledger loses nothing', async ({
  ext,
  page,
  mock,
  openPanel,
}) => {
  // The logged-in account's workspace is created from the home page; one account added normally.
  await page.goto(HOME);
  const { panel, view } = await openLedgerTab(openPanel);
  // With a phone, so the install's phone key already exists (it is made once, on first use).
  let form = await fillAddForm(view, { gg: '3310000001', nickname: '已有的号', phone: '13900139000' });
  await form.getByTestId('add-submit').click();
  await expect(form.getByTestId('add-status-ok')).toContainText('已记入台账');
  const before = await dumpLedger(panel);
  expect(before.stores.accounts).toHaveLength(2);

  // The disk fills up when the event log is written: the last write of the invite's transaction, so
  // the account and binding rows already put in it must be rolled back by IndexedDB itself.
  expect(await diskFull(ext.worker, ['events'])).toBe(0);
  form = await fillAddForm(view, { gg: '3310000002', nickname: '新邀请的号', phone: '13800138000' });
  await form.getByTestId('add-submit').click();
  const error = form.getByTestId('add-status-error');
  await expect(error).toHaveAttribute('data-code', 'storage-full');
  await expect(error).toContainText('存储空间已满');
  await expect(error).toContainText('本次操作未保存');
  await expect(error).not.toContainText('nothing from this action was saved');
  // What the user typed is still there to retry with.
  await expect(form.getByLabel(/^逛逛号/)).toHaveValue('3310000002');
  await expect(form.getByLabel(/^昵称/)).toHaveValue('新邀请的号');
  await expect(form.getByLabel(/^手机号/)).toHaveValue('13800138000');
  await expect(view.locator('[data-testid="account-row"][data-gg="3310000002"]')).toHaveCount(0);
  expect(await dumpLedger(panel)).toEqual(before);

  // Every store full: the automatic capture of the matrix list fails too, and the 当前 tab says why,
  // while the platform page itself is untouched.
  await diskFull(ext.worker, []);
  mock.seedMatrixAccount({ gid: '3310000003', bind: 'bound' });
  await page.goto(MATRIX);
  await expect(page.getByText('3310000003')).toBeVisible();
  // The list's own capture (the one that would add 3310000003) must be the one refused, not only the
  // empty table reported while the list was loading: only then is a retry of that same list tested.
  await expect.poll(() => refusedAccounts(ext.worker)).toContain('3310000003');
  await panel.getByTestId('tab-now').click();
  const panelError = panel.getByTestId('panel-error');
  await expect(panelError).toContainText('存储空间已满');
  await expect(panelError).not.toContainText('Storage is full');
  const refused = await diskFull(ext.worker, []);
  console.log(`[full-disk] writes refused so far: ${refused}; the ledger unchanged after each`);
  expect(refused).toBeGreaterThan(1);
  expect(await dumpLedger(panel)).toEqual(before);

  // Restoring a backup while the disk is full: one transaction, so not a row of it is written; the
  // preview stays, ready to import again.
  await panel.getByTestId('tab-ledger').click();
  await view.getByTestId('backup-section').locator('summary').click();
  const importBox = view.getByTestId('import-box');
  const preview = await chooseBulkBackup(importBox, 40, 'backup.json');
  await expect(preview).toHaveAttribute('data-new', String(1 + 41 + 40 + 10));
  await preview.getByTestId('import-apply').click();
  const importError = importBox.getByTestId('import-status-error');
  await expect(importError).toHaveAttribute('data-code', 'storage-full');
  await expect(importError).toContainText('存储空间已满');
  await expect(preview.getByTestId('import-apply')).toBeEnabled();
  expect(await dumpLedger(panel)).toEqual(before);

  // Space freed: the same form submits as it stands, the same preview imports, and the list is
  // captured the next time the page is looked at, though it has not changed.
  await diskFull(ext.worker, null);
  await preview.getByTestId('import-apply').click();
  await expect(importBox.getByTestId('import-result')).toContainText(`写入 ${1 + 41 + 40 + 10} 行`);
  form = view.getByTestId('add-account-form');
  await expect(form.getByLabel(/^逛逛号/)).toHaveValue('3310000002');
  await form.getByTestId('add-submit').click();
  await expect(form.getByTestId('add-status-ok')).toContainText('已记入台账');
  await expect(view.locator('[data-testid="account-row"][data-gg="3310000002"]')).toHaveAttribute(
    'data-state',
    'pending',
  );
  // The user comes back to the platform's tab: the content script reports the very same list again
  // (no reload, so no loading state in between that would make it look like a new list).
  await page.bringToFront();
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(view.locator('[data-testid="account-row"][data-gg="3310000003"]')).toHaveAttribute(
    'data-state',
    'accepted',
  );
  await panel.getByTestId('tab-now').click();
  await expect(panel.getByTestId('panel-error')).toHaveCount(0);
  const after = await dumpLedger(panel);
  expect(after.stores.accounts).toHaveLength(4 + 41);
  // Nothing of the failed attempts was half-written: each account and binding was created once.
  const created = (after.stores.events as { entityType: string; action: string; entityId: string }[])
    .filter((e) => e.action === 'created')
    .map((e) => `${e.entityType}:${e.entityId}`);
  expect(new Set(created).size).toBe(created.length);
  const invited = (after.stores.bindings as { state: string; workspaceId: string }[]).filter(
    (b) => b.state === 'pending' && b.workspaceId !== 'ws-bulk',
  );
  expect(invited).toHaveLength(2);
});

test('an upgrade while a panel is open: not blocked, and the panel reloads onto the new version', async ({
  ext,
  page,
  openPanel,
}) => {
  await page.goto(HOME);
  const { panel, view } = await openLedgerTab(openPanel);
  const form = await fillAddForm(view, { gg: '3310000001', nickname: '升级前的号', phone: '' });
  await form.getByTestId('add-submit').click();
  await expect(view.locator('[data-testid="account-row"][data-gg="3310000001"]')).toBeVisible();
  const before = await dumpLedger(panel);
  // A mark on the panel's document: gone once the panel has reloaded.
  await panel.evaluate(() => ((globalThis as unknown as { beforeUpgrade: boolean }).beforeUpgrade = true));

  // A newer version of the code opens the database at the next version and adds a store. IndexedDB
  // delays the upgrade until every open connection (the panel's and the worker's) has closed.
  const upgrade = await ext.worker.evaluate(
    (from) =>
      new Promise<{ blocked: boolean; version: number; ms: number }>((resolve, reject) => {
        const t0 = performance.now();
        let blocked = false;
        const open = indexedDB.open('guanghe-ledger', from + 10);
        open.onupgradeneeded = () => open.result.createObjectStore('upgradeProbe');
        open.onblocked = () => (blocked = true);
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const v = open.result.version;
          open.result.close();
          resolve({ blocked, version: v, ms: performance.now() - t0 });
        };
        setTimeout(() => reject(new Error('the upgrade did not finish within 5 s')), 5000);
      }),
    before.version,
  );
  console.log(
    `[upgrade] v${before.version} → v${upgrade.version} with a panel open: ${upgrade.ms.toFixed(0)} ms, blocked: ${upgrade.blocked}`,
  );
  expect(upgrade.blocked, 'an open connection blocked the upgrade').toBe(false);
  expect(upgrade.version).toBe(before.version + 10);

  // The panel reloaded itself (the mark is gone) and shows the same ledger from the upgraded database.
  await expect
    .poll(() =>
      panel
        .evaluate(() => (globalThis as unknown as { beforeUpgrade?: boolean }).beforeUpgrade ?? 'reloaded')
        .catch(() => 'reloading'),
    )
    .toBe('reloaded');
  await panel.getByTestId('tab-ledger').click();
  await expect(view.locator('[data-testid="account-row"][data-gg="3310000001"]')).toContainText('升级前的号');
  const after = await dumpLedger(panel);
  expect(after.version).toBe(before.version + 10);
  expect(after.stores.upgradeProbe).toEqual([]);
  const { upgradeProbe: _probe, ...rest } = after.stores;
  expect(rest).toEqual(before.stores);

  // The background's own connection stepped aside too and reopens for the next write.
  const again = await fillAddForm(view, { gg: '3310000002', nickname: '升级后的号', phone: '' });
  await again.getByTestId('add-submit').click();
  await expect(again.getByTestId('add-status-ok')).toContainText('已记入台账');
  await expect(view.locator('[data-testid="account-row"][data-gg="3310000002"]')).toBeVisible();
});
