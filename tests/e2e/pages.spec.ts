/**
 * Issue 2 journeys on the built extension: the panel recognises every mock page (this fails when the
 * content script does not inject, or when the panel does not follow the tab), and a submit held by
 * the content script reaches the platform's API exactly once.
 */
import { test, expect } from './fixtures';
import { publishUrl, toFrameTop } from './publish-form';
import type { Locator, Page } from '@playwright/test';

const C = 'https://creator.guanghe.taobao.com';
const MATRIX_ENTRY = `${C}/page?layout=%2Fvelocity%2Flayout%2Findex.vm`;

async function expectPanelPage(panel: Page, page: string) {
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', page);
}

test('the panel says to open a 光合 page when none is open', async ({ openPanel }) => {
  const panel = await openPanel();
  await expectPanelPage(panel, 'none');
});

test('the panel recognises every mock page and follows SPA routes and late dialogs', async ({
  page,
  mock,
  openPanel,
}) => {
  const panel = await openPanel();

  await page.goto('https://guanghe.taobao.com/');
  await expectPanelPage(panel, 'portal');

  await page.goto(`${C}/`);
  await expectPanelPage(panel, 'creator-home');
  await expect(panel.getByTestId('page-account')).toContainText('小林的杂货铺');
  await expect(panel.getByTestId('page-account')).toContainText('2210000002');

  // SPA navigation through the menu: no reload, the panel still follows.
  await page
    .getByRole('link', { name: '矩阵账号管理' })
    .or(page.getByText('矩阵账号管理', { exact: true }))
    .first()
    .click();
  await expect(page).toHaveURL(/\/page\/account\/matrix/);
  await expectPanelPage(panel, 'matrix');

  // A dialog created late, on click.
  await page.getByRole('button', { name: '新增矩阵账号' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(panel.locator('[data-dialog="matrix-invite"]')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  await expect(panel.locator('[data-dialog="matrix-invite"]')).toHaveCount(0);

  await page.goto(MATRIX_ENTRY);
  await expectPanelPage(panel, 'matrix');

  await page.goto(`${C}/page/workspace/tb`);
  await expectPanelPage(panel, 'works');

  // The publish form lives in the 发布器 iframe on another host: the content script runs there too.
  await page.goto(publishUrl('video'));
  await expectPanelPage(panel, 'publish-frame-video');
  await page.goto(publishUrl('pic'));
  await expectPanelPage(panel, 'publish-frame-image');

  mock.seedMatrixAccount({ gid: '3310000002', bind: 'bound' });
  await page.goto(`${C}/page/account/matrix/works?gid=3310000002`);
  await expectPanelPage(panel, 'matrix-works');

  mock.login('tmallMerchant');
  await page.goto(`${C}/`);
  await expectPanelPage(panel, 'confirm-info');

  mock.login('subAccount');
  await page.goto(`${C}/`);
  await expectPanelPage(panel, 'no-permission');

  mock.login('expert');
  await page.goto(MATRIX_ENTRY);
  await expectPanelPage(panel, 'matrix-not-whitelisted');

  mock.login('institution');
  await page.goto('https://mcn.guanghe.taobao.com/');
  await expectPanelPage(panel, 'mcn-home');
  await page.goto('https://mcn.guanghe.taobao.com/page/talent');
  await expectPanelPage(panel, 'mcn-talent');
  // Publishing for a creator: named and guided as the institution's pages, not as their frame.
  await page.goto('https://mcn.guanghe.taobao.com/page/unify/ContentPublish?type=video&gid=4410000001');
  await expectPanelPage(panel, 'mcn-publish');
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-frame', 'publish-frame-video');
  await expect(panel.getByTestId('page-card').getByRole('heading')).toHaveText('为达人发布（机构）');
  await page.goto(
    'https://mcn.guanghe.taobao.com/page/unify/creation-tool/batch-publish?ugc_scene=short_drama_multipublish&gid=4410000001',
  );
  await expectPanelPage(panel, 'mcn-batch-publish');
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-frame', 'publish-frame-video');

  // Dead session: the platform sends the tab to login.taobao.com, where we never run.
  mock.logout();
  await page.goto(`${C}/`);
  await expect(page).toHaveURL(/login\.taobao\.com/);
  await expectPanelPage(panel, 'left');

  // An unknown redesign degrades softly: the panel says so, the page keeps working.
  mock.login('taobaoMerchant');
  mock.setVariant('redesign');
  await page.goto(`${C}/page/account/matrix`);
  await expectPanelPage(panel, 'unknown');
  await expect(page.getByRole('button', { name: '添加子号' })).toBeVisible();

  expect(mock.blocked.filter((u) => !u.startsWith('https://h5api.m.taobao.com'))).toEqual([]);
});

/** The matrix page with the panel following it, and the invite dialog open and filled in. */
async function openInviteDialog(page: Page, panel: Page, gg: string, phone: string): Promise<Locator> {
  await page.goto(MATRIX_ENTRY);
  await expectPanelPage(panel, 'matrix');
  await page.getByRole('button', { name: '新增矩阵账号' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByPlaceholder('请输入逛逛号').fill(gg);
  await dialog.getByPlaceholder('请输入该逛逛号绑定的手机号').fill(phone);
  return dialog;
}

test('an invite submit is held for the check and then reaches the mock API exactly once', async ({
  page,
  mock,
  openPanel,
}) => {
  const panel = await openPanel();
  const dialog = await openInviteDialog(page, panel, '3310000001', '13900000001');
  await dialog.getByRole('button', { name: '校验' }).click();
  await expect.poll(() => mock.callsTo('mtop.taobao.gg.matrix.account.verify').length).toBe(1);
  await expect(dialog.getByText('校验通过', { exact: false })).toBeVisible();

  // Double-click: still only one invite.
  await dialog.getByRole('button', { name: '确定' }).dblclick();
  await expect.poll(() => mock.callsTo('mtop.taobao.gg.matrix.invite.send').length).toBe(1);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('tr', { hasText: '3310000001' })).toContainText('待接受');
  await expect(panel.getByTestId('last-check')).toHaveAttribute('data-outcome', 'released');
  // The platform's own confirmation is read back into the panel.
  await expect(panel.getByTestId('platform-reply')).toContainText('邀请已发送，等待对方接受');
  // Give a stray second submit every chance to show up before counting again.
  await page.waitForTimeout(300);
  expect(mock.callsTo('mtop.taobao.gg.matrix.invite.send')).toHaveLength(1);
});

test("when the platform refuses a submit we let through, the panel shows the platform's own words", async ({
  page,
  mock,
  openPanel,
}) => {
  const panel = await openPanel();
  const dialog = await openInviteDialog(page, panel, '3310000001', '13900000001');

  // 确定 before 校验: our rules have nothing against it; the platform's field error says why.
  await dialog.getByRole('button', { name: '确定' }).click();
  const reply = panel.getByTestId('platform-reply');
  await expect(reply).toContainText('请先点击「校验」');

  // Verified, then the platform is rate limited: its toast is read too.
  await dialog.getByRole('button', { name: '校验' }).click();
  await expect(dialog.getByText('校验通过', { exact: false })).toBeVisible();
  mock.setRateLimited(true);
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(reply).toContainText('操作过于频繁，请稍后再试');
  await expect(panel.getByTestId('recent-check-reply').first()).toContainText('操作过于频繁');
  expect(mock.callsTo('mtop.taobao.gg.matrix.invite.send')).toHaveLength(1);
  // Nothing was recorded as invited: the ledger follows the list, which still has no such row.
  await expect(page.locator('tr', { hasText: '3310000001' })).toHaveCount(0);
});

test('an invite submitted by Enter in a field is held and checked exactly like a click on 确定', async ({
  page,
  mock,
  openPanel,
}) => {
  const panel = await openPanel();
  const findings = page.locator('[data-guanghe-assistant="findings"] [role="alertdialog"]');

  // A bad phone. The Enter that confirms an input method's choice is no submit: nothing is held.
  const dialog = await openInviteDialog(page, panel, '3310000001', '1390000000');
  await dialog
    .getByPlaceholder('请输入该逛逛号绑定的手机号')
    .dispatchEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true, bubbles: true });
  await page.waitForTimeout(300);
  await expect(page.locator('[data-guanghe-assistant="findings"]')).toHaveCount(0);

  // Enter in the phone field: blocked, the platform never sees it.
  await dialog.getByPlaceholder('请输入该逛逛号绑定的手机号').press('Enter');
  await expect(findings).toBeVisible();
  await expect(panel.locator('[data-rule="invite.phone.format"]')).toBeVisible();
  await expect(panel.getByTestId('last-check')).toHaveAttribute('data-verdict', 'block');
  // The platform's own Enter handler did not run either: no field error, no call.
  await page.waitForTimeout(300);
  expect(mock.callsTo('mtop.taobao.gg.matrix.invite.send')).toHaveLength(0);
  await expect(dialog.getByText('请先点击「校验」', { exact: false })).toHaveCount(0);
  await findings.getByRole('button', { name: /返回修改/ }).click();

  // Fixed and verified, Enter in the 逛逛号 field: checked, let through, sent exactly once.
  await dialog.getByPlaceholder('请输入该逛逛号绑定的手机号').fill('13900000001');
  await dialog.getByRole('button', { name: '校验' }).click();
  await expect(dialog.getByText('校验通过', { exact: false })).toBeVisible();
  await dialog.getByPlaceholder('请输入逛逛号').press('Enter');
  await expect.poll(() => mock.callsTo('mtop.taobao.gg.matrix.invite.send').length).toBe(1);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(panel.getByTestId('last-check')).toHaveAttribute('data-outcome', 'released');
  await expect(page.locator('tr', { hasText: '3310000001' })).toContainText('待接受');
  await page.waitForTimeout(300);
  expect(mock.callsTo('mtop.taobao.gg.matrix.invite.send')).toHaveLength(1);
  await expect(page.locator('[data-guanghe-assistant="findings"]')).toHaveCount(0);
});

test('other markup for the same visible labels: the invite is still recognised, held and checked (click and Enter)', async ({
  page,
  mock,
  openPanel,
}) => {
  // Title drawn as a <div>, 新增 矩阵账号 and 确 定 with spaces, a dialog with no role whose title is
  // not in a header, labels "* 逛逛号：" not tied to their input, placeholders that name nothing.
  mock.setVariant('markup');
  const panel = await openPanel();
  const findings = page.locator('[data-guanghe-assistant="findings"] [role="alertdialog"]');
  const INVITE = 'mtop.taobao.gg.matrix.invite.send';
  await page.goto(MATRIX_ENTRY);
  await expectPanelPage(panel, 'matrix');
  await page.getByRole('button', { name: '新增 矩阵账号' }).click();
  const dialog = page.locator('.next-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(panel.locator('[data-dialog="matrix-invite"]')).toBeVisible();
  const gg = dialog.locator('input').nth(0);
  const phone = dialog.locator('input').nth(1);
  await gg.fill('3310000001');
  await phone.fill('1390000000');

  await dialog.getByRole('button', { name: '确 定' }).click();
  await expect(findings).toBeVisible();
  await expect(panel.locator('[data-rule="invite.phone.format"]')).toBeVisible();
  await page.waitForTimeout(300);
  expect(mock.callsTo(INVITE)).toHaveLength(0);
  await findings.getByRole('button', { name: /返回修改/ }).click();

  await phone.fill('13900000001');
  await dialog.getByRole('button', { name: '校验' }).click();
  await expect(dialog.getByText('校验通过', { exact: false })).toBeVisible();
  await phone.press('Enter');
  await expect.poll(() => mock.callsTo(INVITE).length).toBe(1);
  await expect(panel.getByTestId('last-check')).toHaveAttribute('data-outcome', 'released');
  await page.waitForTimeout(300);
  expect(mock.callsTo(INVITE)).toHaveLength(1);
  expect(mock.callsTo(INVITE)[0]!.data).toEqual({ gid: '3310000001', phone: '13900000001' });
});

test("on a page without a form (the 发布器), Enter in a field is the page's own: never held or swallowed", async ({
  page,
  openPanel,
}) => {
  const panel = await openPanel();
  await page.goto(publishUrl('video'));
  await expectPanelPage(panel, 'publish-frame-video');
  const frame = page.frameLocator('iframe[title="发布器"]');
  // A title the rules would block at publish time.
  await frame
    .getByPlaceholder('加个标题让内容更吸引人')
    .fill('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一');
  await frame.getByPlaceholder('加个标题让内容更吸引人').press('Enter');
  // The 关联商品 and 话题选择 dialogs' searches: Enter is theirs, the pick goes through.
  await frame.getByRole('button', { name: '添加商品' }).click();
  const items = frame.getByRole('dialog', { name: '关联商品' });
  await expect(items).toBeVisible();
  await toFrameTop(frame);
  await items.getByPlaceholder('输入商品关键词或商品ID').fill('遮阳帽');
  await items.getByPlaceholder('输入商品关键词或商品ID').press('Enter');
  await expect(items.getByRole('checkbox')).toHaveCount(1);
  await items.getByRole('checkbox', { name: '草编遮阳帽' }).check();
  await items.getByRole('button', { name: '确定' }).click();
  await expect(frame.getByRole('button', { name: /删除商品/ })).toHaveCount(1);
  await frame.getByRole('button', { name: '点击添加话题' }).click();
  const topics = frame.getByRole('dialog', { name: '话题选择' });
  await expect(topics).toBeVisible();
  await toFrameTop(frame);
  await topics.getByPlaceholder('输入关键词搜索').fill('夏日');
  await topics.getByPlaceholder('输入关键词搜索').press('Enter');
  await topics.getByRole('button', { name: '#夏日穿搭' }).click();
  await topics.getByRole('button', { name: '确认提交' }).click();
  await expect(frame.getByRole('button', { name: /删除话题/ })).toHaveCount(1);
  await expect(frame.locator('[data-guanghe-assistant="findings"]')).toHaveCount(0);
});

test("the first look at a page waits for the page's load event, so it never delays it", async ({
  page,
  ext,
}) => {
  // A picture the page is still loading 800 ms after DOMContentLoaded: Chrome runs document_idle
  // scripts 200 ms after DOMContentLoaded when load has not come, so without the wait the report
  // would be made ~600 ms before the load event.
  const SLOW = 'https://guanghe.taobao.com/__slow-picture.png';
  await page.route(SLOW, async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    await route.fulfill({ status: 200, contentType: 'image/png', body: Buffer.alloc(0) });
  });
  await page.addInitScript((src) => {
    document.addEventListener('DOMContentLoaded', () =>
      document.body.append(Object.assign(new Image(), { src })),
    );
  }, SLOW);
  await page.goto('https://guanghe.taobao.com/', { waitUntil: 'load' });
  const loadEnd = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      at: performance.timeOrigin + nav.loadEventEnd,
      afterDcl: nav.loadEventEnd - nav.domContentLoadedEventEnd,
    };
  });
  // The page really was slow to load (or the test proves nothing).
  expect(loadEnd.afterDcl).toBeGreaterThan(500);
  const reportedAt = async () => {
    type Stored = Record<string, { top?: { page?: string }; updatedAt?: number } | undefined>;
    const all = await ext.worker.evaluate<Stored>(() => chrome.storage.session.get(null));
    return Object.values(all).find((s) => s?.top?.page === 'portal')?.updatedAt ?? null;
  };
  await expect.poll(reportedAt, { timeout: 5_000 }).not.toBeNull();
  expect(await reportedAt()).toBeGreaterThanOrEqual(loadEnd.at);
});
