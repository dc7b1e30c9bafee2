/**
 * Agency staff on the institution platform, end to end on the built extension: an institution logs in
 * from the portal's 机构服务, 达人管理 is read page by page into its roster (the panel's 台账 follows
 * the institution), a search shows one creator without losing the others, and logging in as a shop
 * switches the panel to the shop's workspace.
 */
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

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
    await page.getByRole('menuitem').getByRole('link', { name: '达人管理' }).click();
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

    // The switcher lists the institution; a shop login switches the workspace.
    await expect(panel.getByTestId('workspace-select')).toContainText('星河文化传媒');
    mock.login('taobaoMerchant');
    await page.goto('https://creator.guanghe.taobao.com/');
    await expect(view).toHaveAttribute('data-state', 'workspace');
    await expect(view.getByTestId('workspace-summary')).toContainText('小林的杂货铺');
  });
});
