/**
 * The 台账 tab on the built extension: the panel reads the ledger with liveQuery and writes only
 * through `ledger:command` to the background, so every step here is a real round trip.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { chooseBulkBackup } from './ledger-data';
import { gbkBytes } from '../fixtures/gbk';

async function openLedgerTab(openPanel: () => Promise<Page>): Promise<{ panel: Page; view: Locator }> {
  const panel = await openPanel();
  await panel.getByTestId('tab-ledger').click();
  const view = panel.getByTestId('ledger-view');
  await expect(view).toBeVisible();
  return { panel, view };
}

async function createWorkspace(view: Locator, name: string, gg: string, nickname = name) {
  await expect(view).toHaveAttribute('data-state', 'no-workspace');
  const form = view.getByTestId('create-workspace-form');
  await form.getByLabel('工作区名称').fill(name);
  await form.getByLabel('主账号昵称').fill(nickname);
  await form.getByLabel('主账号逛逛号').fill(gg);
  await form.getByLabel('主账号身份').selectOption('taobao-merchant');
  await form.getByRole('button', { name: /创建工作区/ }).click();
  await expect(view).toHaveAttribute('data-state', 'workspace');
  await expect(view.getByTestId('workspace-summary')).toContainText(name);
}

async function addAccount(view: Locator, fields: { gg: string; nickname: string; phone?: string }) {
  const details = view.getByTestId('add-account');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
  const form = view.getByTestId('add-account-form');
  await form.getByLabel(/^逛逛号/).fill(fields.gg);
  await form.getByLabel(/^昵称/).fill(fields.nickname);
  await form.getByLabel(/^手机号/).fill(fields.phone ?? '');
  await form.getByTestId('add-submit').click();
  return form;
}

/** `entity:from>to` of each timeline event, newest first. */
async function timelineSteps(detail: Locator): Promise<string[]> {
  return detail
    .getByTestId('timeline-event')
    .evaluateAll((els) =>
      els.map(
        (e) =>
          `${e.getAttribute('data-entity')}${e.getAttribute('data-scope') ? `/${e.getAttribute('data-scope')}` : ''}:${e.getAttribute('data-from') ?? ''}>${e.getAttribute('data-to') ?? ''}${e.getAttribute('data-cause') ? ` (${e.getAttribute('data-cause')})` : ''}`,
      ),
    );
}

test('the 台账 code is fetched while the panel is idle, after the first screen, before the tab is opened', async ({
  ext,
}) => {
  // What the panel page loads, as DevTools sees it (resource timing leaves extension URLs out).
  const panel = await ext.context.newPage();
  const cdp = await ext.context.newCDPSession(panel);
  const loaded: string[] = [];
  cdp.on('Network.requestWillBeSent', (e) => loaded.push(e.request.url));
  await cdp.send('Network.enable');
  await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
  await expect(panel.getByTestId('tab-ledger')).toBeVisible();
  const ledgerChunks = () => loaded.filter((u) => /\/chunks\/LedgerView-[^/]*\.js$/.test(u));
  // Not part of the startup script (its budget), yet there before anyone opens the tab.
  await expect.poll(ledgerChunks, { timeout: 5000 }).toHaveLength(1);
  await expect(panel.getByTestId('ledger-view')).toHaveCount(0);
  await panel.getByTestId('tab-ledger').click();
  await expect(panel.getByTestId('ledger-view')).toBeVisible();
  expect(ledgerChunks()).toHaveLength(1);
});

test('by hand: create a workspace, add an account (bad phone blocked), accept, grant, unbind, read the timeline', async ({
  openPanel,
}) => {
  const { panel, view } = await openLedgerTab(openPanel);
  await expect(view.getByTestId('empty-no-workspace')).toContainText('打开');

  await createWorkspace(view, '小林的杂货铺', '2210000002');
  await expect(panel.getByTestId('workspace-select').locator('option:checked')).toHaveText(/小林的杂货铺/);
  await expect(view.getByTestId('empty-no-accounts')).toContainText('新增矩阵账号');
  await expect(view.getByTestId('pending-empty')).toBeVisible();

  // A bad phone: blocked by the rule catalogue, nothing is sent or saved.
  await view.getByTestId('empty-add').click();
  const form = await addAccount(view, { gg: '3310000001', nickname: '小林员工号', phone: '12345' });
  const findings = form.getByTestId('add-findings');
  await expect(findings.locator('[data-rule="invite.phone.format"][data-severity="block"]')).toBeVisible();
  await expect(findings.locator('[data-rule="invite.phone.format"]')).toContainText(
    '不是中国大陆的 11 位手机号',
  );
  // One language at a time: the Chinese panel shows the finding in Chinese only.
  await expect(findings.locator('[data-rule="invite.phone.format"]')).not.toContainText('mainland China');
  await expect(form.getByTestId('add-findings-blocked')).toBeVisible();
  await expect(form.getByTestId('add-status-error')).toContainText('没有保存');
  await expect(form.getByTestId('add-status-ok')).toBeEmpty();
  await expect(view.getByTestId('empty-no-accounts')).toBeVisible();
  await expect(view.getByTestId('account-row')).toHaveCount(0);
  await expect(view.getByTestId('pending-empty')).toBeVisible();

  // Fixed: saved as a pending invite; the phone is shown only as its mask afterwards.
  await form.getByLabel(/^手机号/).fill('138 0013 8000');
  await expect(findings.locator('[data-severity="block"]')).toHaveCount(0);
  await form.getByTestId('add-submit').click();
  await expect(form.getByTestId('add-status-ok')).toContainText('已记入台账');
  await expect(form.getByLabel(/^手机号/)).toHaveValue('');
  const row = view.locator('[data-testid="account-row"][data-gg="3310000001"]');
  await expect(row).toHaveAttribute('data-state', 'pending');
  await expect(row).toContainText('待接受');
  const pending = view.locator('[data-testid="pending-item"][data-gg="3310000001"]');
  await expect(pending).toHaveAttribute('data-kind', 'invite');
  await expect(pending).toContainText('刚刚');
  await expect(pending).toHaveAttribute('data-stale', 'false');

  // Detail: heading focused, only legal binding steps offered.
  await row.click();
  const detail = view.getByTestId('binding-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(detail.getByTestId('detail-phone')).toHaveText('138****8000');
  await expect(detail).not.toContainText('13800138000');
  await expect(detail.getByTestId('binding-to-unbound')).toHaveCount(0);
  await detail.getByTestId('binding-to-accepted').click();
  await expect(detail.getByTestId('detail-binding-state')).toHaveAttribute('data-state', 'accepted');
  await expect(detail.getByTestId('detail-status-ok')).toContainText('接受邀请');

  // Request proxy-publish, then mark it granted.
  await detail.getByTestId('request-proxy-publish').check();
  await detail.getByTestId('request-submit').click();
  const perm = detail.locator('[data-testid="permission-item"][data-scope="proxy-publish"]');
  await expect(perm).toHaveAttribute('data-state', 'requested');
  await detail.getByTestId('permission-proxy-publish-to-granted').click();
  await expect(perm).toHaveAttribute('data-state', 'granted');

  // Unbind: the confirmation lists the permission that will be withdrawn.
  await detail.getByTestId('binding-to-unbound').click();
  const confirm = detail.getByTestId('unbind-confirm');
  await expect(confirm.getByTestId('unbind-revokes')).toContainText('代理发布');
  const warn = confirm.getByTestId('unbind-findings').getByRole('checkbox');
  if (await warn.count()) await warn.check();
  await confirm.getByTestId('unbind-confirm-button').click();
  await expect(detail.getByTestId('detail-binding-state')).toHaveAttribute('data-state', 'unbound');
  await expect(perm).toHaveAttribute('data-state', 'revoked');

  // Every step, newest first, with the revoke caused by the unbind.
  await expect
    .poll(() => timelineSteps(detail))
    .toEqual([
      'permission/proxy-publish:granted>revoked (unbind)',
      'binding:accepted>unbound',
      'permission/proxy-publish:requested>granted',
      'permission/proxy-publish:>requested',
      'binding:pending>accepted',
      'binding:>pending',
      'account:>matrix',
    ]);
  const first = detail.getByTestId('timeline-event').first();
  await expect(first).toContainText('因解绑自动回收');
  await expect(first).toContainText('手动');
  await expect(first.locator('time')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

  // Escape closes the detail; the list keeps the new state and gets the focus back.
  await panel.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(view.getByRole('listbox')).toBeFocused();
  await expect(row).toHaveAttribute('data-state', 'unbound');
  await expect(view.getByTestId('pending-empty')).toBeVisible();
});

test('export JSON and import it back: the preview says everything is unchanged; phones only on opt-in; a bad file changes nothing', async ({
  openPanel,
}) => {
  const { panel, view } = await openLedgerTab(openPanel);
  await createWorkspace(view, '备份测试店', '2210000009');
  const form = await addAccount(view, { gg: 'backup_user1', nickname: '备份号', phone: '13900000001' });
  await expect(form.getByTestId('add-status-ok')).toContainText('已记入台账');
  await expect(view.getByTestId('account-row')).toHaveCount(1);

  await view.getByTestId('backup-section').locator('summary').click();
  const backup = view.getByTestId('ledger-backup');

  // JSON without phones (the default).
  const [json] = await Promise.all([
    panel.waitForEvent('download'),
    backup.getByTestId('export-json').click(),
  ]);
  expect(json.suggestedFilename()).toMatch(/^guanghe-ledger-\d{8}-\d{4}\.json$/);
  const jsonPath = await json.path();
  const text = readFileSync(jsonPath, 'utf8');
  expect(text).toContain('"format":"guanghe-ledger"');
  expect(text).toContain('backup_user1');
  expect(text).not.toContain('139****0001');
  expect(text).not.toContain('13900000001');

  // CSV: UTF-8 with BOM, no phones unless asked.
  const [csv] = await Promise.all([panel.waitForEvent('download'), backup.getByTestId('export-csv').click()]);
  const csvBytes = readFileSync(await csv.path());
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csvBytes.toString('utf8')).toContain('备份号');
  expect(csvBytes.toString('utf8')).not.toContain('139****0001');

  // Opt-in: masks (never numbers).
  await backup.getByTestId('export-include-phones').check();
  const [withPhones] = await Promise.all([
    panel.waitForEvent('download'),
    backup.getByTestId('export-json').click(),
  ]);
  const phoneText = readFileSync(await withPhones.path(), 'utf8');
  expect(phoneText).toContain('139****0001');
  expect(phoneText).not.toContain('13900000001');

  // Import the first export back into the same ledger: nothing new, nothing changed.
  const importBox = backup.getByTestId('import-box');
  await importBox.getByTestId('import-file').setInputFiles(jsonPath);
  const preview = importBox.getByTestId('import-preview');
  await expect(preview).toHaveAttribute('data-ok', 'true');
  await expect(preview).toHaveAttribute('data-new', '0');
  await expect(preview).toHaveAttribute('data-updated', '0');
  await expect(preview).toHaveAttribute('data-conflicting', '0');
  expect(Number(await preview.getAttribute('data-unchanged'))).toBeGreaterThan(0);
  await expect(preview.getByTestId('import-preview-all-unchanged')).toBeVisible();
  await expect(preview.getByTestId('import-apply')).toBeDisabled();
  await preview.getByTestId('import-cancel').click();
  await expect(preview).toHaveCount(0);

  // Not JSON at all.
  await importBox.getByTestId('import-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"guanghe-ledger","version":1,'),
  });
  const bad = importBox.getByTestId('import-preview');
  await expect(bad).toHaveAttribute('data-ok', 'false');
  await expect(bad.getByTestId('import-preview-errors')).toContainText('not valid JSON');
  await expect(bad.getByTestId('import-apply')).toHaveCount(0);

  // Valid JSON, one bad row: the error names the row and the field.
  const rows = JSON.parse(text) as { accounts: Record<string, unknown>[] };
  rows.accounts[0]!.guangguangId = 12345;
  await importBox.getByTestId('import-file').setInputFiles({
    name: 'bad-row.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(rows)),
  });
  await expect(bad.getByTestId('import-preview-errors')).toContainText('accounts[0].guangguangId');
  await expect(bad.getByTestId('import-apply')).toHaveCount(0);

  // Nothing changed.
  await expect(view.getByTestId('account-row')).toHaveCount(1);
  await expect(view.getByTestId('account-count')).toContainText('共 1 个账号');
});

test('1,000 accounts from an import file: the list stays windowed and scrolling shows later rows', async ({
  openPanel,
}) => {
  const { panel, view } = await openLedgerTab(openPanel);
  await expect(view).toHaveAttribute('data-state', 'no-workspace');

  // Restore from a backup, from the empty ledger.
  await view.locator('details', { hasText: '从备份恢复' }).locator('summary').click();
  const importBox = view.getByTestId('import-box');
  const preview = await chooseBulkBackup(importBox, 1000);
  await expect(preview).toHaveAttribute('data-new', String(1 + 1001 + 1000 + 250), { timeout: 20_000 });
  await preview.getByTestId('import-apply').click();
  const result = view.getByTestId('import-result');
  await expect(result).toContainText('写入 2252 行', { timeout: 30_000 });

  // Select the imported workspace in the header switcher.
  await panel.getByTestId('workspace-select').selectOption('ws-bulk');
  await expect(view).toHaveAttribute('data-state', 'workspace', { timeout: 10_000 });
  await expect(view.getByTestId('account-count')).toContainText('共 1000 个账号', { timeout: 10_000 });

  const listbox = view.getByTestId('account-listbox');
  await expect(listbox).toHaveAttribute('data-total', '1000');
  await expect(view.locator('[data-testid="account-row"][data-gg="gg0000"]')).toBeVisible();
  const domRows = () => view.getByTestId('account-row').count();
  expect(await domRows()).toBeLessThan(60);
  await expect(view.locator('[data-testid="account-row"][data-gg="gg0999"]')).toHaveCount(0);

  // Scroll to the end: the last rows render, the early ones leave the DOM.
  await listbox.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(view.locator('[data-testid="account-row"][data-gg="gg0999"]')).toBeVisible();
  await expect(view.locator('[data-testid="account-row"][data-gg="gg0000"]')).toHaveCount(0);
  expect(await domRows()).toBeLessThan(60);

  // Keyboard: Home goes back to the first row and makes it the active option.
  await listbox.focus();
  await panel.keyboard.press('Home');
  const firstRow = view.locator('[data-testid="account-row"][data-gg="gg0000"]');
  await expect(firstRow).toHaveAttribute('aria-selected', 'true');
  await expect(listbox).toHaveAttribute('aria-activedescendant', (await firstRow.getAttribute('id')) ?? 'x');

  // End + Enter opens the last account; Escape comes back to the same place in the list.
  await panel.keyboard.press('End');
  const lastRow = view.locator('[data-testid="account-row"][data-gg="gg0999"]');
  await expect(lastRow).toHaveAttribute('aria-selected', 'true');
  await panel.keyboard.press('Enter');
  const detail = view.getByTestId('binding-detail');
  await expect(detail).toHaveAttribute('data-gg', 'gg0999');
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
  await panel.keyboard.press('Escape');
  await expect(listbox).toBeFocused();
  await expect(lastRow).toBeVisible();
  await expect(lastRow).toHaveAttribute('aria-selected', 'true');

  // Search and filters work on the whole list, not only the rendered rows.
  await view.getByTestId('account-search').fill('gg0998');
  await expect(view.getByTestId('account-count')).toContainText('显示 1 / 1000');
  await expect(view.getByTestId('account-row')).toHaveCount(1);
  await view.getByTestId('account-search').fill('');
  await view.getByRole('button', { name: /筛选/ }).click();
  await view.getByTestId('filter-permission').selectOption('granted');
  await expect(view.getByTestId('account-count')).toContainText('显示 125 / 1000');
  await view.getByTestId('filter-permission').selectOption('');
  await view.getByTestId('filter-binding').selectOption('declined');
  await expect(view.getByTestId('account-count')).toContainText('显示 250 / 1000');

  // Pending queue: oldest first, with age, the stale ones marked (default threshold 3 days).
  const items = view.getByTestId('pending-item');
  await expect(items.first()).toHaveAttribute('data-stale', 'true');
  await expect(items.first()).toContainText('9 天前');
  await expect(items.first()).toContainText('超时');
  expect(await items.count()).toBeLessThanOrEqual(20);
  await expect(view.getByTestId('pending-more')).toBeVisible();
});

test('settings: the overdue threshold saves, and reminders show as off until notifications are permitted', async ({
  openPanel,
}) => {
  const { view } = await openLedgerTab(openPanel);
  await createWorkspace(view, '设置测试', '2210000003');
  await view.getByTestId('settings-section').locator('summary').click();
  const settings = view.getByTestId('ledger-settings');
  await expect(settings.getByTestId('settings-days')).toHaveValue('3');
  await settings.getByTestId('settings-days').fill('0');
  await settings.getByTestId('settings-days-save').click();
  await expect(settings.getByTestId('settings-status-error')).toContainText('1–365');
  await settings.getByTestId('settings-days').fill('5');
  await settings.getByTestId('settings-days-save').click();
  await expect(settings.getByTestId('settings-status-ok')).toContainText('超过 5 天算超时');

  // Reminders are on by default, but a fresh install has not granted the optional permission: the box
  // says what will really happen (no desktop notification) and how to get one.
  const notify = settings.getByTestId('settings-notify');
  await expect(notify).toBeEnabled();
  await expect(notify).not.toBeChecked();
  await expect(settings.getByTestId('settings-notify-permission')).toContainText('需要浏览器的通知权限');
});

test('a CSV list of accounts to invite, saved by Excel in GBK: previewed with the refused row named, imported as drafts once', async ({
  openPanel,
}) => {
  const { view } = await openLedgerTab(openPanel);
  await createWorkspace(view, '名单测试店', '2210000011');
  await view.getByTestId('backup-section').locator('summary').click();
  const box = view.getByTestId('csv-import');
  const sheet =
    '逛逛号,昵称,手机号,备注\r\ncsv_user1,名单甲,13900000002,老客户\r\ncsv_user2,名单乙,12345,\r\ncsv_user3,=名单丙,,\r\n';
  const file = { name: '待邀请.csv', mimeType: 'text/csv', buffer: Buffer.from(gbkBytes(sheet)) };
  await box.getByTestId('csv-import-file').setInputFiles(file);
  const preview = box.getByTestId('csv-import-preview');
  await expect(preview).toContainText('GB18030/GBK');
  await expect(preview).toHaveAttribute('data-drafts', '2');
  await expect(preview.getByTestId('csv-import-refused').locator('li')).toHaveText([
    '第 3 行：手机号不是中国大陆 11 位手机号',
  ]);
  await expect(preview.getByTestId('csv-import-notes')).toContainText('第 4 行');
  // Nothing is written by the preview.
  await expect(view.getByTestId('account-row')).toHaveCount(0);
  await preview.getByTestId('csv-import-apply').click();
  await expect(box.getByTestId('csv-import-status-ok')).toContainText('已导入 2 个草稿邀请');
  await expect(view.getByTestId('account-row')).toHaveCount(2);
  await expect(view.locator('[data-testid="account-row"][data-state="draft"]')).toHaveCount(2);
  await expect(view.getByTestId('account-row').filter({ hasText: '=名单丙' })).toHaveCount(1);

  // The same file again adds nothing.
  await box.getByTestId('csv-import-file').setInputFiles(file);
  await expect(preview).toHaveAttribute('data-drafts', '0');
  await expect(preview.getByTestId('csv-import-apply')).toBeDisabled();
  await preview.getByTestId('csv-import-cancel').click();

  // A sheet without a 逛逛号 column is refused whole, with the reason.
  await box.getByTestId('csv-import-file').setInputFiles({
    name: 'wrong.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('昵称,手机号\n某人,13900000003\n'),
  });
  await expect(box.getByTestId('csv-import-problem')).toHaveAttribute('data-problem', 'no-id-column');
  await expect(view.getByTestId('account-row')).toHaveCount(2);
});
