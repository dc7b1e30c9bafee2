/**
 * 达人管理 on the mock institution platform, with the built extension: the panel recognises the page
 * (reached through the 机构工作台 menu, an SPA route), the unlisted /roster.js that the background
 * injects on demand reads each state of the list, and a 解绑 reaches the gateway exactly once on
 * 确定 (once the assistant's warning is passed) and never on 取消.
 */
import { test, expect, findingsBox, requireTestHooks } from './fixtures';
import type { FrameLocator, Page, Worker } from '@playwright/test';
import { accountSelect, beijingParts, setTitleByScript } from './publish-form';
import type { RosterList } from '../../utils/pages/types';

const MCN = 'https://mcn.guanghe.taobao.com';
const LIST = 'mtop.taobao.gg.mcn.talent.list';
const UNBIND = 'mtop.taobao.gg.mcn.talent.unbind';
const SEARCH = '请输入创作者昵称/逛逛号进行搜索';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function panelPage(panel: Page, page: string) {
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', page);
}

/**
 * One of the institution's publish pages, named and guided as itself, once the panel knows its
 * 发布器 frame too (the content script there holds the submits).
 */
async function panelPublishPage(panel: Page, page: 'mcn-publish' | 'mcn-batch-publish') {
  const card = panel.getByTestId('page-card');
  await expect(card).toHaveAttribute('data-page', page);
  await expect(card).toHaveAttribute('data-frame', 'publish-frame-video');
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
    await page.getByRole('navigation', { name: '导航菜单' }).getByRole('link', { name: '达人管理' }).click();
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
    // A Fusion Dialog.confirm: role alertdialog, no header and no ARIA name (its title in a message
    // block), so found by its words; the assistant's own findings box is an alertdialog too.
    const confirm = page
      .getByRole('alertdialog')
      .filter({ hasText: '确认解绑达人「糖糖探店记」' })
      .and(page.locator('.next-dialog'));
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
    await page.getByRole('menuitem', { name: '发视频' }).click();
    await page.getByRole('menuitem', { name: '批量发布', exact: true }).click();
    await expect(page).toHaveURL(
      /\/page\/unify\/creation-tool\/batch-publish\?ugc_scene=short_drama_multipublish/,
    );
    await expect(page.locator('iframe[src*="/wow/z/guang/gg_publish/gg-video"]')).not.toHaveAttribute(
      'title',
    );
    await panelPublishPage(panel, 'mcn-batch-publish');
    // The guide of this page: each item checked, the creator of the row compared with the form's.
    await expect(panel.getByTestId('page-card').getByRole('heading')).toHaveText('批量发布（机构）');
    await expect(panel.getByTestId('page-card')).toContainText('逐条检查');
  });
});

const PUBLISH = 'mtop.taobao.media.guang.pcPublish.publish';
const frameFindings = (f: FrameLocator) =>
  f.locator('[data-guanghe-assistant="findings"] [role="alertdialog"]');
/** Nothing more arrives for a moment: a stray second submit would show up here. */
const settle = (page: Page) => page.waitForTimeout(250);

/** 达人管理 → the row's 发布 → 发视频 → 独立发布 or 批量发布: the frame, once the panel knows it. */
async function publishFor(page: Page, panel: Page, nickname: string, how: '独立发布' | '批量发布') {
  await page.goto(`${MCN}/page/talent`);
  await panelPage(panel, 'mcn-talent');
  // The roster is recorded from this page (page 1: 20 creators) before the check needs it.
  await panel.getByTestId('tab-ledger').click();
  await expect(panel.getByTestId('roster-counts')).toHaveAttribute('data-total', '20');
  await panel.getByTestId('tab-now').click();
  const row = rows(page).filter({ hasText: nickname });
  await row.getByRole('button', { name: '发布', exact: true }).click();
  await page.getByRole('menuitem', { name: '发视频' }).click();
  await page.getByRole('menuitem', { name: how, exact: true }).click();
  await panelPublishPage(panel, how === '独立发布' ? 'mcn-publish' : 'mcn-batch-publish');
  return how === '独立发布'
    ? page.frameLocator('iframe[title="发布器"]')
    : page.frameLocator('iframe[src*="short_drama_multipublish"]');
}

test.describe('publishing for a bound creator', () => {
  test.use({ mockOptions: { account: 'institution', roster: 25 } });

  test('独立发布 runs the publish rules: a 31-character title is held (0 calls), a valid one goes through once', async ({
    page,
    mock,
    openPanel,
  }) => {
    const panel = await openPanel();
    const f = await publishFor(page, panel, '小鹿爱穿搭', '独立发布');
    // The form says whom it publishes as: the creator of the row.
    await expect(accountSelect(f)).toHaveText('小鹿爱穿搭（逛逛号：4410000001）');
    const title = f.getByPlaceholder('加个标题让内容更吸引人');
    await expect(title).toHaveAttribute('maxlength', '30');
    const title31 = '短剧第一集｜'.repeat(5) + '！';
    expect([...title31].length).toBe(31);
    // Typing stops at 30 (maxlength): a longer value only arrives set by script (a restored draft).
    await setTitleByScript(f, title31);
    await f.getByRole('button', { name: '立即发布' }).click();
    await expect(frameFindings(f)).toBeVisible();
    await expect(panel.locator('[data-rule="publish.title.too-long"]')).toContainText('31');
    await settle(page);
    expect(mock.callsTo(PUBLISH)).toHaveLength(0);
    await frameFindings(f)
      .getByRole('button', { name: /返回修改/ })
      .click();
    await title.fill(title31.slice(0, 30));
    await f.getByRole('button', { name: '立即发布' }).click();
    await expect.poll(() => mock.callsTo(PUBLISH).length).toBe(1);
    await expect(frameFindings(f)).toHaveCount(0);
    await expect(panel.getByTestId('last-check')).toHaveAttribute('data-verdict', 'allow');
    await settle(page);
    expect(mock.callsTo(PUBLISH)).toHaveLength(1);
    expect(mock.callsTo(PUBLISH)[0]!.data).toMatchObject({
      accountGid: '4410000001',
      title: title31.slice(0, 30),
    });

    // The roster view: that creator's recent checks show the held publish (the rule that spoke, and
    // 返回修改) under the one that went through; another creator's detail shows none of them.
    await panel.getByTestId('tab-ledger').click();
    const view = panel.getByTestId('ledger-view');
    await expect(view).toHaveAttribute('data-state', 'roster');
    await view.getByTestId('roster-search').fill('4410000001');
    await expect(view.getByTestId('roster-shown')).toHaveAttribute('data-n', '1');
    await view.getByTestId('roster-row').click();
    const checks = view.getByTestId('member-detail').getByTestId('creator-check');
    await expect(checks).toHaveCount(2);
    await expect(checks.nth(0)).toHaveAttribute('data-verdict', 'allow');
    await expect(checks.nth(0)).toHaveAttribute('data-outcome', 'released');
    await expect(checks.nth(1)).toHaveAttribute('data-verdict', 'block');
    await expect(checks.nth(1)).toHaveAttribute('data-outcome', 'cancelled');
    await expect(checks.nth(1).getByTestId('creator-check-rules')).toContainText('publish.title.too-long');
    await view.getByTestId('member-back').click();
    await view.getByTestId('roster-search').fill('4410000002');
    await view.getByTestId('roster-row').click();
    await expect(view.getByTestId('member-detail')).toContainText('4410000002');
    await expect(view.getByTestId('creator-checks-none')).toBeVisible();
    await expect(view.getByTestId('creator-check')).toHaveCount(0);
  });

  test('a form for another creator than the row that opened it is warned, both named; one not in the recorded roster too', async ({
    page,
    mock,
    openPanel,
  }) => {
    const panel = await openPanel();
    const f = await publishFor(page, panel, '小鹿爱穿搭', '独立发布');
    await accountSelect(f).click();
    await f.getByRole('option', { name: /阿杰爱穿搭/ }).click();
    await f.getByPlaceholder('加个标题让内容更吸引人').fill('周末露营装备清单');
    await f.getByRole('button', { name: '立即发布' }).click();
    await expect(frameFindings(f)).toBeVisible();
    const said = panel.locator('[data-rule="publish.creator.other-than-row"]');
    await expect(said).toContainText('阿杰爱穿搭');
    await expect(said).toContainText('4410000002');
    await expect(said).toContainText('小鹿爱穿搭');
    await expect(said).toContainText('4410000001');
    await expect(panel.locator('[data-rule="publish.creator.not-in-roster"]')).toHaveCount(0);
    await settle(page);
    expect(mock.callsTo(PUBLISH)).toHaveLength(0);
    await frameFindings(f)
      .getByRole('button', { name: /仍然继续/ })
      .click();
    await expect.poll(() => mock.callsTo(PUBLISH).length).toBe(1);
    await settle(page);
    expect(mock.callsTo(PUBLISH).map((c) => c.data.accountGid)).toEqual(['4410000002']);

    // The 21st creator is bound but on page 2 of 达人管理, never read: not in the recorded roster.
    await page.goto(`${MCN}/page/unify/ContentPublish?type=video&gid=4410000021`);
    await panelPublishPage(panel, 'mcn-publish');
    const g = page.frameLocator('iframe[title="发布器"]');
    await expect(accountSelect(g)).toContainText('4410000021');
    await g.getByPlaceholder('加个标题让内容更吸引人').fill('周末露营装备清单');
    await g.getByRole('button', { name: '立即发布' }).click();
    await expect(frameFindings(g)).toBeVisible();
    await expect(panel.locator('[data-rule="publish.creator.not-in-roster"]')).toContainText('4410000021');
    await expect(panel.locator('[data-rule="publish.creator.other-than-row"]')).toHaveCount(0);
    await settle(page);
    expect(mock.callsTo(PUBLISH)).toHaveLength(1);
  });

  test('批量发布: every item checked, one bad item holds the whole submit with it named (0 calls); fixed, all go through in one call', async ({
    page,
    mock,
    openPanel,
  }) => {
    const panel = await openPanel();
    const f = await publishFor(page, panel, '小鹿爱穿搭', '批量发布');
    await f.getByRole('button', { name: '+ 添加视频' }).click();
    await f.getByRole('button', { name: '+ 添加视频' }).click();
    const titles = f.getByPlaceholder('加个标题让内容更吸引人');
    const times = f.getByPlaceholder('请选择日期和时间');
    await expect(titles).toHaveCount(3);
    for (const [i, t] of ['第一集 重逢', '第二集 误会', '第三集 真相'].entries()) await titles.nth(i).fill(t);
    // Item 2 at 1 h from now (typed, Beijing time): too soon; item 3 in 3 days: fine.
    await times.nth(1).fill(beijingParts(Date.now() + HOUR).shown);
    await times.nth(2).fill(beijingParts(Date.now() + 3 * DAY).shown);
    await f.getByRole('button', { name: '批量发布' }).click();
    await expect(frameFindings(f)).toBeVisible();
    await expect(frameFindings(f)).toContainText('第 2 条「第二集 误会」');
    const item2 = panel.locator('[data-testid="check-group"][data-item="2"]');
    await expect(item2).toContainText('第二集 误会');
    await expect(item2.locator('[data-rule="publish.schedule.too-soon"]')).toBeVisible();
    await expect(panel.locator('[data-testid="check-group"][data-item="3"]')).toHaveCount(0);
    await settle(page);
    expect(mock.callsTo(PUBLISH)).toHaveLength(0);
    await frameFindings(f)
      .getByRole('button', { name: /返回修改/ })
      .click();
    await times.nth(1).fill(beijingParts(Date.now() + 2 * DAY).shown);
    await f.getByRole('button', { name: '批量发布' }).click();
    await expect.poll(() => mock.callsTo(PUBLISH).length).toBe(1);
    await expect(frameFindings(f)).toHaveCount(0);
    await settle(page);
    expect(mock.callsTo(PUBLISH)).toHaveLength(1);
    const data = mock.callsTo(PUBLISH)[0]!.data as { batch: boolean; accountGid: string; items: unknown[] };
    expect(data).toMatchObject({ batch: true, accountGid: '4410000001' });
    expect(data.items).toHaveLength(3);
  });

  test('批量发布 of 50 items with one malformed date: explained with that item named, and sent once', async ({
    page,
    mock,
    openPanel,
  }) => {
    const panel = await openPanel();
    const f = await publishFor(page, panel, '小鹿爱穿搭', '批量发布');
    const add = f.getByRole('button', { name: '+ 添加视频' });
    // 49 more rows at once (the frame grows with each: clicking them one by one waits on it each time).
    await add.evaluate((b) => {
      for (let i = 1; i < 50; i++) (b as HTMLElement).click();
    });
    const titles = f.getByPlaceholder('加个标题让内容更吸引人');
    await expect(titles).toHaveCount(50);
    const later = beijingParts(Date.now() + 3 * DAY).shown;
    // Fill by script in one go (50 rows by hand take long), as the page's own 导入 would.
    await f.locator('body').evaluate((body, at) => {
      // Through the prototype's setter, then `input`: the page's React inputs see it as a change.
      const set = (el: Element, v: string) => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      };
      body
        .querySelectorAll('input[placeholder="加个标题让内容更吸引人"]')
        .forEach((el, i) => set(el, `第${i + 1}集`));
      body
        .querySelectorAll('input[placeholder="请选择日期和时间"]')
        .forEach((el, i) => set(el, i === 36 ? '2026/02/30 25:61' : at));
    }, later);
    mock.setApiDelayMs(5_000);
    await f.getByRole('button', { name: '批量发布' }).click();
    await expect.poll(() => mock.callsTo(PUBLISH).length).toBe(1);
    await expect(frameFindings(f)).toHaveCount(0);
    await expect(panel.getByTestId('last-check')).toHaveAttribute('data-verdict', 'allow');
    await expect(panel.getByTestId('last-check')).toHaveAttribute('data-outcome', 'released');
    const item37 = panel.locator('[data-testid="check-group"][data-item="37"]');
    await expect(item37).toContainText('第37集');
    await expect(item37.locator('[data-rule="publish.schedule.unparseable"]')).toContainText(
      '2026/02/30 25:61',
    );
    await expect(panel.locator('[data-testid="check-group"][data-item]:not([data-item=""])')).toHaveCount(1);
    await settle(page);
    expect(mock.callsTo(PUBLISH)).toHaveLength(1);
    expect((mock.callsTo(PUBLISH)[0]!.data as { items: unknown[] }).items).toHaveLength(50);
  });

  test('批量发布 fails open: when our check throws, the batch goes through exactly once and the panel says so', async ({
    page,
    mock,
    openPanel,
  }) => {
    requireTestHooks();
    const panel = await openPanel();
    await panel.evaluate(() => chrome.storage.local.set({ 'debug:faults': { check: 'throw' } }));
    const f = await publishFor(page, panel, '小鹿爱穿搭', '批量发布');
    await f.getByPlaceholder('加个标题让内容更吸引人').fill('第一集 重逢');
    await f.getByRole('button', { name: '批量发布' }).click();
    await expect.poll(() => mock.callsTo(PUBLISH).length).toBe(1);
    await expect(panel.getByTestId('last-check')).toHaveAttribute('data-outcome', 'failed-open');
    await settle(page);
    expect(mock.callsTo(PUBLISH)).toHaveLength(1);
  });
});
