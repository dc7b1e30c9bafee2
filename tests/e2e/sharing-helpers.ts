/**
 * Shared setup of the team-sharing e2e specs (issue 16): the sync server as its own process on
 * loopback, its CLI, and a panel whose host-permission prompt is recorded and answered "granted".
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '../..');
const NODE_TS = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];

export function freePort(): Promise<number> {
  return new Promise((done) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

export function cli(dataDir: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [...NODE_TS, 'server/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

export async function startServer(dataDir: string, port: number, origin: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...NODE_TS, 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', ALLOWED_ORIGINS: origin },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start: ${out}`)), 15_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('sharing server on ws://')) {
        clearTimeout(timer);
        done();
      }
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  });
  return child;
}

/** A panel whose permission prompt is recorded and answered "granted". */
export async function openPanel(context: BrowserContext, id: string): Promise<Page> {
  await context.addInitScript(() => {
    const asked: unknown[] = [];
    (globalThis as { __asked?: unknown[] }).__asked = asked;
    if (typeof chrome !== 'undefined' && chrome.permissions)
      chrome.permissions.request = (p: unknown) => {
        asked.push(p);
        return Promise.resolve(true);
      };
  });
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${id}/sidepanel.html`);
  await panel.getByTestId('tab-ledger').click();
  return panel;
}

export const asked = (panel: Page) =>
  panel.evaluate(() => (globalThis as { __asked?: unknown[] }).__asked ?? []);

/** The first workspace's id in this panel's ledger. */
export const firstWorkspaceId = (panel: Page) =>
  panel.evaluate(
    () =>
      new Promise<string>((done) => {
        const req = indexedDB.open('guanghe-ledger');
        req.onsuccess = () => {
          const all = req.result.transaction('workspaces').objectStore('workspaces').getAll();
          all.onsuccess = () => done((all.result[0] as { id: string }).id);
        };
      }),
  );

/** Rows in one of this panel's ledger stores. */
export const countRows = (panel: Page, store: string) =>
  panel.evaluate(
    (name) =>
      new Promise<number>((done) => {
        const req = indexedDB.open('guanghe-ledger');
        req.onsuccess = () => {
          const all = req.result.transaction(name).objectStore(name).count();
          all.onsuccess = () => done(all.result);
        };
      }),
    store,
  );

/** In A's panel: a workspace, then 团队共享 → 开启共享 as `user`; returns the invite code. */
export async function createAndShare(
  pa: Page,
  url: string,
  user: string,
  token: () => string,
  onWorkspace: (wsId: string) => void,
) {
  const view = pa.getByTestId('ledger-view');
  const form = view.getByTestId('create-workspace-form');
  await form.getByLabel('工作区名称').fill('小林的杂货铺');
  await form.getByLabel('主账号昵称').fill('小林');
  await form.getByLabel('主账号逛逛号').fill('2210000002');
  await form.getByLabel('主账号身份').selectOption('taobao-merchant');
  await form.getByRole('button', { name: /创建工作区/ }).click();
  await expect(view).toHaveAttribute('data-state', 'workspace');
  onWorkspace(await firstWorkspaceId(pa));
  const section = view.getByTestId('sharing-section');
  await section.locator('summary').click();
  const share = section.getByTestId('sharing-share-form');
  await share.getByLabel('服务器地址').fill(url);
  await share.getByLabel('用户名').fill(user);
  await share.getByLabel('登录令牌').fill(token());
  await share.getByTestId('sharing-share').click();
  await expect(section.getByTestId('sharing-state')).toHaveText('同步完成', { timeout: 10_000 });
  await section.getByTestId('sharing-show-code').click();
  const code = await section.getByTestId('sharing-code').inputValue();
  expect(code).toMatch(/^GHS1-/);
  return code;
}

/** In a panel with no workspace: joins with `code` and opens the shared workspace. */
export async function joinShared(pb: Page, code: string, user: string, token: string) {
  const viewB = pb.getByTestId('ledger-view');
  await expect(viewB).toHaveAttribute('data-state', 'no-workspace');
  const sectionB = viewB.getByTestId('sharing-section');
  await sectionB.locator('summary').click();
  const join = sectionB.getByTestId('sharing-join-form');
  await join.getByLabel('邀请码').fill(code);
  await join.getByLabel('用户名').fill(user);
  await join.getByLabel('登录令牌').fill(token);
  await join.getByTestId('sharing-join').click();
  await expect(viewB.getByTestId('sharing-line-error').filter({ hasText: /\S/ })).toHaveCount(0);
  await expect(
    viewB.getByTestId('choose-workspace').or(viewB.getByTestId('workspace-summary')),
  ).toContainText('小林的杂货铺', { timeout: 10_000 });
  if (await viewB.getByTestId('choose-workspace').count())
    await viewB.getByTestId('choose-workspace').click();
  await expect(viewB.getByTestId('workspace-summary')).toContainText('小林的杂货铺');
  // The workspace's view is a new one: its 团队共享 section starts closed.
  await openSharing(pb);
}

/** Opens this panel's 团队共享 section (closed by default, and again in each new workspace view). */
export async function openSharing(panel: Page) {
  const section = panel.getByTestId('ledger-view').getByTestId('sharing-section');
  if (!(await section.evaluate((d) => (d as HTMLDetailsElement).open)))
    await section.locator('summary').click();
  await expect(section).toHaveAttribute('open', '');
}

/** Opens the binding detail of the account `guangguang` in this panel's list. */
export async function openBinding(panel: Page, guangguang: string) {
  const view = panel.getByTestId('ledger-view');
  await view.locator(`[data-testid="account-row"][data-gg="${guangguang}"]`).click();
  const detail = view.getByTestId('binding-detail');
  await expect(detail.getByTestId('detail-binding-state')).toBeVisible();
  return detail;
}

/** Records an invite of `guangguang` in this panel's workspace through the add-account form. */
export async function addAccount(panel: Page, guangguang: string, nick: string) {
  const view = panel.getByTestId('ledger-view');
  const details = view.getByTestId('add-account');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
  const addForm = view.getByTestId('add-account-form');
  await addForm.getByLabel(/^逛逛号/).fill(guangguang);
  await addForm.getByLabel(/^昵称/).fill(nick);
  await addForm.getByTestId('add-submit').click();
  await expect(view.getByTestId('account-row').filter({ hasText: guangguang })).toHaveCount(1);
}

/** Every event in this panel's ledger as `id author`, sorted: two identical ledgers give equal lists. */
export const eventList = (panel: Page) =>
  panel.evaluate(
    () =>
      new Promise<string[]>((done) => {
        const req = indexedDB.open('guanghe-ledger');
        req.onsuccess = () => {
          const all = req.result.transaction('events').objectStore('events').getAll();
          all.onsuccess = () =>
            done(
              (all.result as { id: string; author?: string }[])
                .map((e) => `${e.id} ${e.author ?? ''}`)
                .sort(),
            );
        };
      }),
  );

/**
 * The workspace's rows in this panel's ledger, each store sorted by id (as the ledger-level test
 * compares them): two members in step give equal values.
 */
export const ledgerOf = (panel: Page, workspaceId: string) =>
  panel.evaluate(
    (ws) =>
      new Promise<Record<string, Record<string, unknown>[]>>((done, fail) => {
        const stores = ['workspaces', 'accounts', 'bindings', 'permissions', 'events'];
        const req = indexedDB.open('guanghe-ledger');
        req.onerror = () => fail(new Error(String(req.error)));
        req.onsuccess = () => {
          const tx = req.result.transaction(stores);
          const out: Record<string, Record<string, unknown>[]> = {};
          for (const name of stores) {
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => {
              out[name] = (all.result as Record<string, unknown>[])
                .filter((r) => (name === 'workspaces' ? r.id : r.workspaceId) === ws)
                .sort((x, y) => (String(x.id) < String(y.id) ? -1 : 1));
            };
          }
          tx.oncomplete = () => {
            req.result.close();
            done(out);
          };
          tx.onerror = () => fail(new Error(String(tx.error)));
        };
      }),
    workspaceId,
  );
