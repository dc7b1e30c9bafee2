/**
 * Team sharing on the built extension (issue 16): two browser profiles, each with the extension,
 * and the agency's sync server started here as its own process on loopback (`server/main.ts`, its
 * users and tokens made with `server/cli.ts`, as docs/sharing.md tells an agency to).
 *
 * Chrome's host-permission prompt is a browser dialog no test can answer: each panel's
 * `permissions.request` is recorded (it must ask for the server's origin, and only it) and answered
 * "granted", and the test build's `debug:grants` tells the background the same.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { launchWithExtension, requireTestHooks } from './fixtures';
import { asked, cli, freePort, openPanel, startServer } from './sharing-helpers';

test('two profiles share a workspace: opt-in asks for the server origin only, both see the members and their roles, an invite in A is listed in B within 2 s, a removed member is told and leaves the list', async () => {
  requireTestHooks();
  test.setTimeout(120_000);
  const a = await launchWithExtension();
  const b = await launchWithExtension();
  const dataDir = mkdtempSync(join(tmpdir(), 'guanghe-sharing-e2e-'));
  let server: ChildProcess | null = null;
  try {
    expect(b.extensionId).toBe(a.extensionId); // the same unpacked folder: the same id
    const origin = `chrome-extension://${a.extensionId}`;
    const port = await freePort();
    server = await startServer(dataDir, port, origin);
    const url = `ws://127.0.0.1:${port}`;
    // Besides the WebSocket to this server, no request of their own (as every other e2e test checks).
    const own: string[] = [];
    for (const x of [a, b])
      x.context.on('request', (r) => {
        if (!/^https?:/.test(r.url())) return;
        let from: string;
        try {
          from = r.serviceWorker()?.url() ?? r.frame().url();
        } catch {
          from = '';
        }
        if (from.startsWith('chrome-extension://')) own.push(`${r.method()} ${r.url()} from ${from}`);
      });
    for (const x of [a, b])
      await x.worker.evaluate(() => chrome.storage.local.set({ 'debug:grants': ['ws://127.0.0.1/*'] }));

    // A: a workspace, then 团队共享 → 开启共享.
    const pa = await openPanel(a.context, a.extensionId);
    const view = pa.getByTestId('ledger-view');
    const form = view.getByTestId('create-workspace-form');
    await form.getByLabel('工作区名称').fill('小林的杂货铺');
    await form.getByLabel('主账号昵称').fill('小林');
    await form.getByLabel('主账号逛逛号').fill('2210000002');
    await form.getByLabel('主账号身份').selectOption('taobao-merchant');
    await form.getByRole('button', { name: /创建工作区/ }).click();
    await expect(view).toHaveAttribute('data-state', 'workspace');
    const wsId = await pa.evaluate(async () => {
      const got = await chrome.storage.local.get(null);
      void got;
      return new Promise<string>((done) => {
        const req = indexedDB.open('guanghe-ledger');
        req.onsuccess = () => {
          const tx = req.result.transaction('workspaces');
          const all = tx.objectStore('workspaces').getAll();
          all.onsuccess = () => done((all.result[0] as { id: string }).id);
        };
      });
    });
    const doc = `ws:${wsId}`;
    for (const [user, role] of [
      ['alice', 'owner'],
      ['bob', 'editor'],
    ] as const) {
      cli(dataDir, 'add-user', user);
      cli(dataDir, 'grant', user, doc, role);
    }
    const section = view.getByTestId('sharing-section');
    await section.locator('summary').click();
    const share = section.getByTestId('sharing-share-form');
    await share.getByLabel('服务器地址').fill(url);
    await share.getByLabel('用户名').fill('alice');
    await share.getByLabel('登录令牌').fill(cli(dataDir, 'token', 'alice'));
    await share.getByTestId('sharing-share').click();
    await expect(section.getByTestId('sharing-state')).toHaveText('同步完成', { timeout: 10_000 });
    expect(await asked(pa)).toEqual([{ origins: ['ws://127.0.0.1/*'] }]);
    await section.getByTestId('sharing-show-code').click();
    const code = await section.getByTestId('sharing-code').inputValue();
    expect(code).toMatch(/^GHS1-/);

    // 成员: both members with their roles, alice marked as this browser's user.
    const members = (panel: Page) => panel.getByTestId('sharing-section').getByTestId('sharing-member');
    const member = (panel: Page, user: string) => members(panel).and(panel.locator(`[data-user="${user}"]`));
    await expect(members(pa)).toHaveCount(2, { timeout: 10_000 });
    await expect(member(pa, 'alice')).toHaveAttribute('data-role', 'owner');
    await expect(member(pa, 'alice')).toHaveText('alice （你） 所有者');
    await expect(member(pa, 'bob')).toHaveAttribute('data-role', 'editor');
    await expect(member(pa, 'bob')).toHaveText('bob 编辑者');

    // B: no workspace of its own; joins with the code.
    const pb = await openPanel(b.context, b.extensionId);
    const viewB = pb.getByTestId('ledger-view');
    await expect(viewB).toHaveAttribute('data-state', 'no-workspace');
    const sectionB = viewB.getByTestId('sharing-section');
    await sectionB.locator('summary').click();
    const join = sectionB.getByTestId('sharing-join-form');
    await join.getByLabel('邀请码').fill(code);
    await join.getByLabel('用户名').fill('bob');
    await join.getByLabel('登录令牌').fill(cli(dataDir, 'token', 'bob'));
    await join.getByTestId('sharing-join').click();
    // The shared workspace arrives and B's panel shows it (the view it joined from may already be gone,
    // with its "joined" line: the first sync can be that quick).
    await expect(viewB.getByTestId('sharing-line-error').filter({ hasText: /\S/ })).toHaveCount(0);
    await expect(
      viewB.getByTestId('choose-workspace').or(viewB.getByTestId('workspace-summary')),
    ).toContainText('小林的杂货铺', { timeout: 10_000 });
    if (await viewB.getByTestId('choose-workspace').count())
      await viewB.getByTestId('choose-workspace').click();
    await expect(viewB.getByTestId('workspace-summary')).toContainText('小林的杂货铺');
    // B's panel lists the same members, bob marked as its own.
    if (!(await sectionB.evaluate((d) => (d as HTMLDetailsElement).open)))
      await sectionB.locator('summary').click();
    await expect(members(pb)).toHaveCount(2, { timeout: 10_000 });
    await expect(member(pb, 'bob')).toHaveText('bob （你） 编辑者');
    await expect(member(pb, 'alice')).toHaveText('alice 所有者');

    // An invite recorded in A is in B's list within 2 s.
    const added = view.getByTestId('add-account');
    await added.locator('summary').click();
    const addForm = view.getByTestId('add-account-form');
    await addForm.getByLabel(/^逛逛号/).fill('3310000001');
    await addForm.getByLabel(/^昵称/).fill('小号一');
    await addForm.getByTestId('add-submit').click();
    await expect(view.getByTestId('account-row').filter({ hasText: '3310000001' })).toHaveCount(1);
    const t0 = Date.now();
    await expect(viewB.getByTestId('account-row').filter({ hasText: '3310000001' })).toHaveCount(1, {
      timeout: 2000,
    });
    expect(Date.now() - t0).toBeLessThan(2000);

    // B is removed: told within 5 s, its shared copy gone.
    cli(dataDir, 'revoke', 'bob', doc);
    const statusB = pb.getByTestId('sharing-state');
    await expect(viewB).toHaveAttribute('data-state', 'no-workspace', { timeout: 5000 });
    void statusB;
    const copies = await pb.evaluate(
      () =>
        new Promise<number>((done) => {
          const req = indexedDB.open('guanghe-ledger');
          req.onsuccess = () => {
            const all = req.result.transaction('accounts').objectStore('accounts').count();
            all.onsuccess = () => done(all.result);
          };
        }),
    );
    expect(copies).toBe(0);
    const statuses = await b.worker.evaluate(() => chrome.storage.session.get('sharing:status'));
    expect(JSON.stringify(statuses)).toContain('"removed"');
    // A's open panel follows the server's push: bob leaves its member list.
    await expect(members(pa)).toHaveCount(1, { timeout: 5000 });
    await expect(member(pa, 'alice')).toHaveText('alice （你） 所有者');

    expect(own, 'the extensions made http(s) requests of their own').toEqual([]);
  } finally {
    server?.kill('SIGKILL');
    await a.close();
    await b.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
