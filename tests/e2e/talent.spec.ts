/**
 * 达人管理 on the mock institution platform, with the built extension: the panel recognises the page
 * (reached through the 机构工作台 menu, an SPA route), the unlisted /roster.js that the background
 * injects on demand reads each state of the list, and a 解绑 reaches the gateway exactly once on
 * 确定 (once the assistant's warning is passed) and never on 取消.
 */
import { test, expect, findingsBox } from './fixtures';
import type { Page, Worker } from '@playwright/test';
import type { RosterList } from '../../utils/pages/types';

const MCN = 'https://mcn.guanghe.taobao.com';
const LIST = 'mtop.taobao.gg.mcn.talent.list';
const UNBIND = 'mtop.taobao.gg.mcn.talent.unbind';
const SEARCH = '请输入创作者昵称/逛逛号进行搜索';

async function panelPage(panel: Page, page: string) {
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', page);
}

/** What /roster.js answers in the 达人管理 tab, injected the way background/roster.ts does it. */
async function roster(worker: Worker): Promise<RosterList | null> {
  return worker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url: `${url}/*` });
    if (tab?.id === undefined) throw new Error('no 达人管理 tab');
    const [first] = await chrome.scripting.executeScript({
      target: { tabId: tab.id },
      files: ['/roster.js'],
    });
    return (first?.result ?? null) as RosterList | null;
  }, MCN);
}

const currentPage = (page: Page) => page.locator('.next-pagination-item.next-current');
const rows = (page: Page) => page.locator('tbody .next-table-row:not(.next-table-empty-row)');

test.describe('达人管理, 60 creators', () => {
  test.use({ mockOptions: { account: 'institution', roster: 60 } });

  test('pages through 3 pages of 20, searches one creator, and unbinds exactly once', async ({
    page,
    mock,
    ext,
    openPanel,
  }) => {
    const panel = await openPanel();
    await page.goto(`${MCN}/`);
    await panelPage(panel, 'mcn-home');
    await page.getByRole('menuitem').getByRole('link', { name: '达人管理' }).click();
    await expect(page).toHaveURL(`${MCN}/page/talent`);
    await panelPage(panel, 'mcn-talent');
    await expect(page.getByRole('tab', { name: '已绑定' })).toHaveAttribute('aria-selected', 'true');

    // Three pages of 20, each one gateway call, each read by /roster.js.
    for (const n of [1, 2, 3]) {
      if (n > 1) await page.getByRole('button', { name: /^下一页/ }).click();
      await expect(currentPage(page)).toHaveText(String(n));
      await expect(rows(page)).toHaveCount(20);
      await expect(rows(page).first()).toContainText(`逛逛号：${4_410_000_001 + (n - 1) * 20}`);
      const r = await roster(ext.worker);
      expect(r).toMatchObject({ tab: 'bound', page: n, pageCount: 3, filtered: false, complete: false });
      expect(r?.institution).toEqual({ name: '星河文化传媒', id: '2210000006' });
      expect(r?.rows.map((x) => x.guangguangId)).toEqual(
        Array.from({ length: 20 }, (_, i) => String(4_410_000_001 + (n - 1) * 20 + i)),
      );
    }
    await expect(page.getByRole('button', { name: /^下一页/ })).toBeDisabled();
    expect(mock.callsTo(LIST).map((c) => c.data.pageNo)).toEqual([1, 2, 3]);

    // One creator by name: one row, filtered, so never the whole list.
    await page.getByPlaceholder(SEARCH).fill('糖糖探店记');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(currentPage(page)).toHaveText('1');
    expect(mock.callsTo(LIST).at(-1)?.data).toMatchObject({ keyword: '糖糖探店记', pageNo: 1 });
    expect(await roster(ext.worker)).toMatchObject({
      rows: [{ nickname: '糖糖探店记', guangguangId: '4410000023', level: 'LV5' }],
      filtered: true,
      complete: false,
      page: 1,
      pageCount: 1,
    });

    // 解绑 → 取消: the confirmation closes, nothing reaches the gateway.
    const row = rows(page).filter({ hasText: '糖糖探店记' });
    await row.getByRole('button', { name: '解绑' }).click();
    const confirm = page.getByRole('dialog', { name: /解绑/ });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: '取消' }).click();
    await expect(confirm).toHaveCount(0);
    await page.waitForTimeout(250);
    expect(mock.callsTo(UNBIND)).toHaveLength(0);

    // 解绑 → 确定: exactly one call, for that creator, and it leaves the 已绑定 list.
    await row.getByRole('button', { name: '解绑' }).click();
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: '确定' }).click();
    // An institution unbinding one of its creators: held with what it means, the creator named (the
    // row's 逛逛号, alone, not run together with the level and fans beside it, and the dialog's name).
    // The roster read on this page knows the creator, so nothing else is said. Held, nothing reaches
    // the gateway; 仍然继续 releases the click exactly once.
    await expect(findingsBox(page)).toBeVisible();
    const said = panel.locator('[data-rule="roster-unbind.consequences"]');
    await expect(said).toContainText('糖糖探店记');
    await expect(said).toContainText('4410000023');
    await expect(said).not.toContainText('LV5');
    await expect(panel.locator('[data-rule="roster-unbind.not-in-roster"]')).toHaveCount(0);
    await expect(panel.locator('[data-rule="binding.unknown"]')).toHaveCount(0);
    await page.waitForTimeout(250);
    expect(mock.callsTo(UNBIND)).toHaveLength(0);
    await findingsBox(page)
      .getByRole('button', { name: /仍然继续/ })
      .click();
    await expect(page.getByRole('alert').filter({ hasText: '解绑成功' })).toBeVisible();
    await expect(confirm).toHaveCount(0);
    await page.waitForTimeout(250);
    const target = mock.roster().find((t) => t.nickname === '糖糖探店记');
    expect(mock.callsTo(UNBIND).map((c) => c.data)).toEqual([{ talentId: target?.talentId }]);
    expect(target?.status).toBe('unbound');
    await expect(rows(page)).toHaveCount(0);
    await expect(page.getByText('没有找到相关达人')).toBeVisible();

    // The 已解绑 tab is not the bound list.
    await page.getByPlaceholder(SEARCH).fill('');
    await page.getByRole('tab', { name: '已解绑' }).click();
    await expect(rows(page)).toHaveCount(1);
    expect(await roster(ext.worker)).toMatchObject({
      tab: 'other',
      complete: true,
      rows: [{ nickname: '糖糖探店记' }],
    });
  });
});

test.describe('达人管理, 5,000 creators', () => {
  test.use({ mockOptions: { account: 'institution', roster: 5000 } });

  test('250 pages: the last one is reachable and read as page 250 of 250', async ({
    page,
    ext,
    mock,
    openPanel,
  }) => {
    const panel = await openPanel();
    await page.goto(`${MCN}/page/talent`);
    await panelPage(panel, 'mcn-talent');
    await expect(currentPage(page)).toHaveText('1');
    await page.getByRole('button', { name: '第250页，共250页' }).click();
    await expect(currentPage(page)).toHaveText('250');
    await expect(rows(page)).toHaveCount(20);
    const r = await roster(ext.worker);
    expect(r).toMatchObject({ page: 250, pageCount: 250, complete: false });
    expect(r?.rows.at(-1)?.guangguangId).toBe('4410005000');
    expect(mock.callsTo(LIST).map((c) => c.data.pageNo)).toEqual([1, 250]);
  });
});

test.describe('publishing for a creator', () => {
  test.use({ mockOptions: { account: 'institution', roster: 3 } });

  test('批量发布: the content script runs in the frame that only a hashed class marks, found by its path', async ({
    page,
    openPanel,
  }) => {
    const panel = await openPanel();
    await page.goto(`${MCN}/page/talent`);
    await panelPage(panel, 'mcn-talent');
    await rows(page).first().getByRole('button', { name: '发布', exact: true }).click();
    await page.getByRole('menuitem', { name: '发视频', exact: true }).click();
    await page.getByRole('menuitem', { name: '批量发布', exact: true }).click();
    await expect(page).toHaveURL(
      /\/page\/unify\/creation-tool\/batch-publish\?ugc_scene=short_drama_multipublish/,
    );
    await expect(page.locator('iframe[src*="/wow/z/guang/gg_publish/gg-video"]')).not.toHaveAttribute(
      'title',
    );
    await panelPage(panel, 'publish-frame-video');
  });
});
