/**
 * Agency staff on the institution platform, end to end on the built extension: an institution logs in
 * from the portal's 机构服务, 达人管理 is read page by page into its roster (the panel's 台账 follows
 * the institution), a search shows one creator without losing the others, and logging in as a shop
 * switches the panel to the shop's workspace.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { gbkBytes } from '../fixtures/gbk';

const MCN = 'https://mcn.guanghe.taobao.com';
const SEARCH = '请输入创作者昵称/逛逛号进行搜索';
const rows = (page: Page) => page.locator('tbody .next-table-row:not(.next-table-empty-row)');

test.describe('agency: 60 bound creators', () => {
  test.use({ mockOptions: { account: 'institution', roster: 60 } });

  test('an institution logs in from the portal, its roster fills page by page, a search keeps it whole, a shop login switches the workspace', async ({
    page,
    mock,
    openPanel,
  }) => {
    const panel = await openPanel();
    mock.logout();
    await page.goto('https://guanghe.taobao.com/');
    await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'portal');
    await page.getByRole('link', { name: '机构服务' }).first().click();
    await expect(page).toHaveURL(/login\.taobao\.com/);
    await page.getByLabel('账号').fill('星河文化传媒');
    await page.getByLabel('密码').fill('secret');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(new RegExp(`^${MCN}/`));
    await page.getByRole('navigation', { name: '导航菜单' }).getByRole('link', { name: '达人管理' }).click();
    await expect(rows(page)).toHaveCount(20);

    await panel.getByTestId('tab-ledger').click();
    const view = panel.getByTestId('ledger-view');
    await expect(view).toHaveAttribute('data-state', 'roster');
    await expect(view.getByTestId('roster-summary')).toContainText('星河文化传媒');
    const counts = view.getByTestId('roster-counts');
    await expect(counts).toHaveAttribute('data-total', '20');
    for (const total of ['40', '60']) {
      await page.getByRole('button', { name: /^下一页/ }).click();
      await expect(counts).toHaveAttribute('data-total', total);
    }
    await expect(counts).toHaveAttribute('data-missing', '0');

    // A search on the page shows one creator: the roster keeps all 60, none flagged.
    await page.getByPlaceholder(SEARCH).fill('糖糖探店记');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(counts).toHaveAttribute('data-total', '60');
    await expect(counts).toHaveAttribute('data-missing', '0');

    // The panel's own search, and a creator's timeline.
    await view.getByTestId('roster-search').fill('4410000023');
    await expect(view.getByTestId('roster-shown')).toHaveAttribute('data-n', '1');
    await view.getByTestId('roster-row').click();
    await expect(view.getByTestId('member-detail')).toContainText('糖糖探店记');
    await expect(view.getByTestId('member-event').first()).toHaveAttribute('data-action', 'appeared');
    await view.getByTestId('member-back').click();

    // Unsearched, the list reads its first slice (50 of 60) and the rest when scrolled to its end.
    await view.getByTestId('roster-search').fill('');
    await expect(view.getByTestId('roster-shown')).toHaveAttribute('data-n', '60');
    const list = view.getByTestId('roster-listbox');
    await expect(list).toHaveAttribute('data-total', '50');
    await list.focus();
    await list.press('End');
    await expect(list).toHaveAttribute('data-total', '60');
    await list.press('End');
    await expect(list.locator('[role="option"][aria-posinset="60"]')).toBeVisible();

    // The switcher lists the institution; a shop login switches the workspace.
    await expect(panel.getByTestId('workspace-select')).toContainText('星河文化传媒');
    mock.login('taobaoMerchant');
    await page.goto('https://creator.guanghe.taobao.com/');
    await expect(view).toHaveAttribute('data-state', 'workspace');
    await expect(view.getByTestId('workspace-summary')).toContainText('小林的杂货铺');
  });
});

test.describe('agency: the roster as a file', () => {
  test.use({ mockOptions: { account: 'institution', roster: 3 } });

  test('a GBK roster from Excel is previewed with its refused rows named, imported once through the panel, and exported back', async ({
    page,
    openPanel,
  }) => {
    const panel = await openPanel();
    await page.goto(`${MCN}/page/talent`);
    await expect(rows(page)).toHaveCount(3);
    await panel.getByTestId('tab-ledger').click();
    const view = panel.getByTestId('ledger-view');
    const counts = view.getByTestId('roster-counts');
    await expect(counts).toHaveAttribute('data-total', '3');
    await view.getByTestId('roster-tools').locator('summary').click();

    const sheet = [
      '达人昵称,逛逛号,等级,状态,备注',
      '糖糖探店记,4410000001,,,签约到年底', // known: a note
      '新签达人,4410000100,LV2,已解绑,', // new; its state is not imported
      '没有号,,LV1,,', // refused: no 逛逛号
      '再来一次,4410000100,,,', // refused: same 逛逛号 as line 3
      '=HYPERLINK("x"),4410000101,,,', // a formula kept as text
    ].join('\r\n');
    const box = view.getByTestId('roster-csv-import');
    await box.getByTestId('roster-csv-file').setInputFiles({
      name: '名单.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(gbkBytes(sheet)),
    });
    const preview = box.getByTestId('roster-csv-preview');
    await expect(preview).toContainText('GB18030/GBK');
    await expect(preview).toHaveAttribute('data-add', '2');
    await expect(preview).toHaveAttribute('data-update', '1');
    await expect(preview).toHaveAttribute('data-refused', '2');
    const refused = preview.getByTestId('roster-csv-refused').locator('li');
    await expect(refused).toHaveCount(2);
    await expect(refused.nth(0)).toHaveAttribute('data-line', '4');
    await expect(refused.nth(1)).toHaveAttribute('data-line', '5');
    await expect(refused.nth(1)).toContainText('3');
    await expect(
      preview.getByTestId('roster-csv-notes').locator('[data-code="state-ignored"]'),
    ).toHaveAttribute('data-line', '3');
    // Nothing written by the preview.
    await expect(counts).toHaveAttribute('data-total', '3');
    await preview.getByTestId('roster-csv-apply').click();
    await expect(box.getByTestId('roster-csv-status-ok')).toContainText('2');
    await expect(counts).toHaveAttribute('data-total', '5');
    await expect(counts).toHaveAttribute('data-missing', '0');

    // The same file again: nothing to import.
    await box.getByTestId('roster-csv-file').setInputFiles({
      name: '名单.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(gbkBytes(sheet)),
    });
    await expect(preview).toHaveAttribute('data-add', '0');
    await expect(preview).toHaveAttribute('data-update', '0');
    await expect(preview.getByTestId('roster-csv-apply')).toBeDisabled();
    await preview.getByTestId('roster-csv-cancel').click();

    // The note shows on the creator; the timeline says where the new creator came from.
    await view.getByTestId('roster-search').fill('4410000001');
    await expect(view.getByTestId('roster-shown')).toHaveAttribute('data-n', '1');
    await view.getByTestId('roster-row').click();
    await expect(view.getByTestId('member-note')).toHaveText('签约到年底');
    await view.getByTestId('member-back').click();
    await view.getByTestId('roster-search').fill('4410000100');
    await expect(view.getByTestId('roster-shown')).toHaveAttribute('data-n', '1');
    await view.getByTestId('roster-row').click();
    await expect(view.getByTestId('member-event').first()).toContainText('CSV');
    await view.getByTestId('member-back').click();

    // Export: CSV with a BOM and the formula neutralised; JSON as a backup of this roster.
    const [csv] = await Promise.all([
      panel.waitForEvent('download'),
      view.getByTestId('roster-export-csv').click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^guanghe-roster-.+-\d{8}-\d{4}\.csv$/);
    const bytes = readFileSync(await csv.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = bytes.toString('utf8');
    expect(csvText.split('\r\n').filter(Boolean)).toHaveLength(6);
    expect(csvText).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csvText).toContain('签约到年底');
    const [json] = await Promise.all([
      panel.waitForEvent('download'),
      view.getByTestId('roster-export-json').click(),
    ]);
    const backup = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
      format?: string;
      members?: { guangguangId: string | null; note?: string }[];
    };
    expect(backup.format).toBe('guanghe-ledger');
    expect(backup.members).toHaveLength(5);
    expect(backup.members?.find((m) => m.guangguangId === '4410000001')?.note).toBe('签约到年底');
  });
});
