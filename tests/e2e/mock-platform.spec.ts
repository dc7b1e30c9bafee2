/**
 * Tests of the mock 光合平台 alone (no extension): it must behave like the real site in the ways
 * the extension's tests rely on.
 */
import { test, expect, chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { installMockPlatform, type MockOptions, type MockPlatform } from '../fixtures/mock-platform/index.ts';
import { accountSelect, editor, pickProducts, pickSchedule, pickTopic, publishUrl } from './publish-form.ts';

const CREATOR = 'https://creator.guanghe.taobao.com';
const MATRIX = `${CREATOR}/page/account/matrix`;
const MATRIX_ENTRY = `${CREATOR}/page?layout=%2Fvelocity%2Flayout%2Findex.vm`;

let browser: Browser;
let context: BrowserContext | undefined;

test.beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
});

test.afterAll(async () => {
  await browser.close();
});

test.afterEach(async () => {
  await context?.close();
  context = undefined;
});

async function open(options: MockOptions = {}): Promise<{ page: Page; mock: MockPlatform }> {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const mock = await installMockPlatform(context, options);
  const page = await context.newPage();
  return { page, mock };
}

function menuLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: '导航菜单' }).getByRole('link', { name, exact: true });
}

function row(page: Page, text: string) {
  return page.getByRole('row').filter({ hasText: text });
}

test('SPA navigation changes the URL without a reload', async () => {
  const { page } = await open();
  await page.goto(`${CREATOR}/`);
  await expect(page.locator('[data-autolog*="用户模块-账号管理"]')).toContainText('逛逛号：2210000002');
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await menuLink(page, '矩阵账号管理').click();
  await expect(page).toHaveURL(MATRIX);
  await expect(page.getByRole('heading', { name: '矩阵账号管理' })).toBeVisible();
  await menuLink(page, '作品管理').click();
  await expect(page).toHaveURL(`${CREATOR}/page/workspace/tb`);
  await page.goBack();
  await expect(page).toHaveURL(MATRIX);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
});

test('the real matrix entry URL lands on the matrix page; class names are hashed per load', async () => {
  const { page } = await open();
  await page.goto(MATRIX_ENTRY);
  await expect(page.getByRole('heading', { name: '矩阵账号管理' })).toBeVisible();
  const headers = await page.locator('.next-table th').allTextContents();
  expect(headers).toEqual(['昵称', '逛逛号', '绑定状态', '权限状态', '操作']);
  const first = await page.locator('h1').getAttribute('class');
  expect(first).toMatch(/^index__title--[A-Za-z0-9]{5}$/);
  await page.reload();
  await expect(page.getByRole('heading', { name: '矩阵账号管理' })).toBeVisible();
  expect(await page.locator('h1').getAttribute('class')).not.toBe(first);
});

test('a dialog is absent before the click and present after; 取消 removes it', async () => {
  const { page } = await open({ dialogDelayMs: 120 });
  await page.goto(MATRIX);
  const dialog = page.getByRole('dialog', { name: '新增矩阵账号' });
  await expect(page.getByRole('button', { name: '新增矩阵账号' })).toBeVisible();
  await expect(page.locator('.next-dialog')).toHaveCount(0);
  // Not yet: dialogs open late. Counted in the click's own task, so no clock decides the outcome.
  const atClick = await page.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === '新增矩阵账号',
    );
    button?.click();
    return { clicked: !!button, dialogs: document.querySelectorAll('.next-dialog').length };
  });
  expect(atClick).toEqual({ clicked: true, dialogs: 0 });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.locator('.next-dialog-header')).toHaveText('新增矩阵账号');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.locator('.next-dialog')).toHaveCount(0);
});

test('a window capture listener runs before the page handler and can stop it', async () => {
  const { page, mock } = await open();
  await page.goto(`${CREATOR}/page/workspace/tb`);
  await expect(page.getByText('小户型收纳的5个技巧')).toBeVisible();
  await page.evaluate(() =>
    window.addEventListener(
      'click',
      (e) => {
        if ((e.target as Element).closest('button')?.textContent === '搜索') e.stopPropagation();
      },
      true,
    ),
  );
  const search = page.getByPlaceholder('请输入作品ID或关键字');
  await search.fill('blocked');
  await page.getByRole('button', { name: '搜索' }).click(); // swallowed by the capture listener
  await search.fill('露营');
  await search.press('Enter'); // keydown is not blocked
  await expect(page.getByText('周末露营装备清单')).toBeVisible();
  const keywords = mock.callsTo('mtop.taobao.gg.works.list').map((c) => c.data.keyword);
  expect(keywords).toEqual(['', '露营']);
});

test('校验 fails with a wrong phone or unknown 逛逛号, and 确定 requires 校验', async () => {
  const { page, mock } = await open();
  await page.goto(MATRIX);
  await page.getByRole('button', { name: '新增矩阵账号' }).click();
  const dialog = page.getByRole('dialog', { name: '新增矩阵账号' });
  await dialog.getByLabel('逛逛号').fill('3310000002');
  await dialog.getByPlaceholder('请输入该逛逛号绑定的手机号').fill('13900000009');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toContainText('请先点击「校验」');
  await dialog.getByRole('button', { name: '校验' }).click();
  await expect(dialog).toContainText('手机号与逛逛号注册手机号不一致');
  await dialog.getByLabel('逛逛号').fill('3319999999');
  await dialog.getByRole('button', { name: '校验' }).click();
  await expect(dialog).toContainText('逛逛号不存在');
  expect(mock.callsTo('mtop.taobao.gg.matrix.account.verify')).toHaveLength(2);
  expect(mock.callsTo('mtop.taobao.gg.matrix.invite.send')).toHaveLength(0);
});

test('invite → one call, a 待接受 row; acceptInvite → 已绑定 after revisiting', async () => {
  const { page, mock } = await open();
  await page.goto(MATRIX);
  await page.getByRole('button', { name: '新增矩阵账号' }).click();
  const dialog = page.getByRole('dialog', { name: '新增矩阵账号' });
  await dialog.getByLabel('逛逛号').fill('3310000001');
  await dialog.getByLabel('手机号').fill('13900000001');
  await dialog.getByRole('button', { name: '校验' }).click();
  await expect(dialog).toContainText('校验通过：小林的穿搭日记');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(page.locator('.next-toast')).toContainText('邀请已发送，等待对方接受');
  await expect(dialog).toHaveCount(0);
  await expect(row(page, '3310000001')).toContainText('待接受');
  const calls = mock.callsTo('mtop.taobao.gg.matrix.invite.send');
  expect(calls).toHaveLength(1);
  expect(calls[0]?.data).toEqual({ gid: '3310000001', phone: '13900000001' });
  expect(calls[0]?.pageUrl).toBe(MATRIX);

  mock.acceptInvite('3310000001');
  await menuLink(page, '作品管理').click();
  await menuLink(page, '矩阵账号管理').click();
  await expect(row(page, '3310000001')).toContainText('已绑定');
});

test('申请代理权限 on a bound row; the matrix account accepts', async () => {
  const { page, mock } = await open({ matrix: [{ gid: '3310000003' }] });
  await page.goto(MATRIX);
  await row(page, '3310000003').getByRole('button', { name: '申请代理权限' }).click();
  const dialog = page.getByRole('dialog', { name: '申请代理权限' });
  await dialog.getByRole('checkbox', { name: '代理发布' }).check();
  await dialog.getByRole('checkbox', { name: '商品池' }).check();
  await dialog.getByRole('button', { name: '提交申请' }).click();
  await expect(row(page, '3310000003')).toContainText('代理发布：待确认');
  expect(mock.callsTo('mtop.taobao.gg.matrix.permission.apply')[0]?.data).toEqual({
    gid: '3310000003',
    scopes: ['publish', 'productPool'],
  });
  mock.acceptPermission('3310000003', 'publish');
  await page.reload();
  await expect(row(page, '3310000003')).toContainText('代理发布：已开通');
  await expect(row(page, '3310000003')).toContainText('商品池：待确认');

  // Only 已绑定 rows: the server rejects the others.
  mock.seedMatrixAccount({ gid: '3310000005', bind: 'pending' });
  await page.reload();
  await row(page, '3310000005').getByRole('button', { name: '申请代理权限' }).click();
  await dialog.getByRole('checkbox', { name: '代理互动' }).check();
  await dialog.getByRole('button', { name: '提交申请' }).click();
  await expect(page.locator('.next-toast')).toContainText('该矩阵账号未绑定');
  await expect(dialog).toBeVisible();
});

test('unbind records one call and the row shows 已解绑', async () => {
  const { page, mock } = await open({ matrix: [{ gid: '3310000004', permissions: { publish: 'granted' } }] });
  await page.goto(MATRIX);
  await row(page, '3310000004').getByRole('button', { name: '解绑' }).click();
  // A Fusion Dialog.confirm: role alertdialog, its title in a message block (no header, no ARIA name).
  const dialog = page.getByRole('alertdialog').filter({ hasText: '解绑矩阵账号' });
  await expect(dialog).toContainText('确认解绑该矩阵账号？解绑后主账号已获得的全部权限将被收回。');
  await dialog.getByRole('button', { name: '确认解绑' }).click();
  await expect(row(page, '3310000004')).toContainText('已解绑');
  expect(mock.callsTo('mtop.taobao.gg.matrix.unbind')).toHaveLength(1);
  expect(mock.matrixOf()[0]?.permissions.publish).toBe('none');
});

test('a non-whitelisted account has no matrix menu and the URL shows the 内测 notice', async () => {
  const { page } = await open({ account: 'expert' });
  await page.goto(`${CREATOR}/page/home`);
  await expect(menuLink(page, '作品管理')).toBeVisible();
  await expect(menuLink(page, '矩阵账号管理')).toHaveCount(0);
  await page.goto(MATRIX_ENTRY);
  await expect(page.getByText('联系行业小二开通白名单')).toBeVisible();
  await expect(page.getByText('内测')).toBeVisible();
  await expect(page.getByRole('button', { name: '新增矩阵账号' })).toHaveCount(0);
});

test('a dead session redirects to login, and logging in comes back', async () => {
  const { page, mock } = await open({ account: null });
  await page.goto(MATRIX);
  await expect(page).toHaveURL(
    `https://login.taobao.com/member/login.jhtml?redirectURL=${encodeURIComponent(MATRIX)}`,
  );
  mock.setNextLogin('taobaoMerchant');
  await page.getByLabel('账号').fill('someone');
  await page.getByLabel('密码').fill('secret');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(MATRIX);
  await expect(page.getByRole('heading', { name: '矩阵账号管理' })).toBeVisible();
  expect(mock.loggedIn()).toBe('taobaoMerchant');
});

test('first login of a 天猫 merchant goes through 个人信息确认', async () => {
  const { page, mock } = await open({ account: 'tmallMerchant' });
  await page.goto(`${CREATOR}/`);
  await expect(page).toHaveURL(`${CREATOR}/page/confirm`);
  await expect(page.getByRole('heading', { name: '个人信息确认' })).toBeVisible();
  await expect(page.getByLabel('昵称')).toHaveValue('示例天猫官方');
  await expect(page.getByLabel('昵称')).toBeDisabled();
  await expect(page.getByText('确认后不可修改')).toBeVisible();
  await page.getByRole('button', { name: '确认' }).click();
  await expect(page).toHaveURL(`${CREATOR}/page/home`);
  expect(mock.callsTo('mtop.taobao.gg.creator.info.confirm')).toHaveLength(1);
  expect(mock.accounts.tmallMerchant.confirmed).toBe(true);
});

test('publish frame: submit records one call and the parent goes to 作品管理', async () => {
  const { page, mock } = await open({ matrix: [{ gid: '3310000002', permissions: { publish: 'granted' } }] });
  await page.goto(publishUrl('video'));
  const frame = page.frameLocator('iframe[title="发布器"]');
  await expect(accountSelect(frame)).toContainText('小林的杂货铺（当前账号）');
  await accountSelect(frame).click();
  await frame.getByRole('option', { name: /小林家的厨房/ }).click();
  await frame.getByRole('button', { name: '上传视频' }).click();
  await frame.getByPlaceholder('加个标题让内容更吸引人').fill('夏日清爽穿搭');
  // 描述 is a Cangjie editor: `#话题 ` typed becomes a void token; 内容标签 from the toolbar too.
  await editor(frame).fill('三套通勤穿搭 #夏日穿搭 ');
  await expect(editor(frame).locator('[data-cangjie-void]')).toHaveText('#夏日穿搭\uFEFF');
  await frame.getByRole('button', { name: '内容标签' }).click();
  await frame.getByRole('checkbox', { name: '穿搭', exact: true }).click();
  await expect(frame.getByRole('button', { name: '删除内容标签 穿搭' })).toBeVisible();
  await expect(frame.locator('textarea[aria-hidden="true"]')).toHaveValue('三套通勤穿搭 #夏日穿搭 #穿搭 ');
  await pickProducts(frame, [{ cards: ['冰丝阔腿裤 女夏季薄款', '草编遮阳帽'] }]);
  await expect(frame.getByRole('button', { name: '删除商品 草编遮阳帽' })).toBeVisible();
  await pickTopic(frame, '周末露营');
  await expect(frame.getByRole('button', { name: '删除话题 周末露营' })).toBeVisible();
  // 创作者声明: the first option is chosen by default.
  await expect(frame.getByRole('radio', { name: '内容无需标注' })).toBeChecked();
  await frame.getByRole('radio', { name: '含AI生成内容' }).check();
  await expect(frame.getByRole('switch', { name: 'AI优化' })).toHaveAttribute('aria-checked', 'true');
  // As observed: 允许下载 is a radio that starts on; the title takes at most 30 (maxlength, n/30).
  await expect(frame.getByRole('radio', { name: '允许', exact: true })).toBeChecked();
  await expect(frame.getByPlaceholder('加个标题让内容更吸引人')).toHaveAttribute('maxlength', '30');
  await expect(frame.getByText('/30', { exact: false }).first()).toBeVisible();
  await expect(frame.getByRole('button', { name: '立即发布' })).toBeVisible();
  const at = Date.now() + 3 * 86_400_000;
  const shown = await pickSchedule(frame, at);
  await expect(frame.locator('#date-picker')).toHaveAttribute('placeholder', '请选择日期和时间');
  await expect(frame.locator('#date-picker')).toHaveAttribute('readonly', '');
  await frame.getByRole('button', { name: '定时发布' }).click();
  await expect(page).toHaveURL(`${CREATOR}/page/workspace/tb`);
  const calls = mock.callsTo('mtop.taobao.media.guang.pcPublish.publish');
  expect(calls).toHaveLength(1);
  expect(calls[0]?.pageUrl).toContain('https://huodong.taobao.com/wow/z/guang/gg_publish/gg-video?');
  expect(calls[0]?.data).toMatchObject({
    type: 'video',
    accountGid: '3310000002',
    proxy: true,
    title: '夏日清爽穿搭',
    description: '三套通勤穿搭 #夏日穿搭 #穿搭',
    tags: ['穿搭'],
    topics: ['周末露营'],
    itemIds: ['6012345601', '6012345605'],
    shopCard: false,
    declaration: '含AI生成内容',
    publishMode: 'scheduled',
    scheduledAt: shown.replaceAll('/', '-').replace(' ', 'T'),
    aiOptimize: true,
    allowDownload: true,
  });
  expect(mock.worksOf('3310000002')[0]?.title).toBe('夏日清爽穿搭');
});

test('the publish page loads the 发布器 its pub_url names; without one it says URL不合法', async () => {
  const { page } = await open();
  await page.goto(`${CREATOR}/page/home`);
  await page
    .getByRole('navigation', { name: '导航菜单' })
    .getByRole('link', { name: '图文', exact: true })
    .click();
  await expect(page).toHaveURL(publishUrl('pic'));
  const src = await page.locator('iframe[title="发布器"]').getAttribute('src');
  expect(src).toBe(
    'https://huodong.taobao.com/wow/z/guang/gg_publish/gg-picture?ugc_scene=pc_newcreator_pic&pageType=article&site=guangguang',
  );
  await page.goto(`${CREATOR}/page/pubNew/video`);
  await expect(page.getByText('URL不合法')).toBeVisible();
  await expect(page.locator('iframe')).toHaveCount(0);
  await page.goto(`${CREATOR}/page/pubNew/video?pub_url=${encodeURIComponent('https://example.com/x')}`);
  await expect(page.getByText('URL不合法')).toBeVisible();
});

test('rate limiting, a sub-account without rights, the redesign variant', async () => {
  const { page, mock } = await open();
  mock.setRateLimited(true);
  await page.goto(`${CREATOR}/page/workspace/tb`);
  await expect(page.getByRole('alert').filter({ hasText: '操作过于频繁，请稍后再试' }).first()).toBeVisible();
  mock.setRateLimited(false);

  mock.setVariant('redesign');
  await page.goto(MATRIX);
  await expect(page.getByRole('heading', { name: '账号矩阵' })).toBeVisible();
  await expect(page.getByRole('button', { name: '添加子号' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '矩阵账号管理' })).toHaveCount(0);

  mock.login('subAccount');
  await page.goto(`${CREATOR}/page/home`);
  await expect(page.getByText('当前子账号无运营权限')).toBeVisible();
  mock.login('subAccountLimited');
  await page.reload();
  await expect(page.getByText('暂无运营权限')).toBeVisible();
});

test('institution home, and every other host is aborted', async () => {
  const { page, mock } = await open({ account: 'institution' });
  await page.goto('https://mcn.guanghe.taobao.com/');
  await expect(page.getByRole('heading', { name: '机构工作台' })).toBeVisible();
  await expect(page.getByText('杭州星河文化传媒有限公司')).toBeVisible();
  const failed = await page.evaluate(() =>
    fetch('https://g.alicdn.com/some/asset.js').then(
      () => 'loaded',
      () => 'failed',
    ),
  );
  expect(failed).toBe('failed');
  await expect(page.goto('https://www.example.com/')).rejects.toThrow();
  expect(mock.blocked).toEqual(
    expect.arrayContaining(['https://g.alicdn.com/some/asset.js', 'https://www.example.com/']),
  );
  expect(mock.blocked.filter((u) => u.includes('guanghe') || u.includes('h5api'))).toEqual([]);
});

test('Enter in a 新增矩阵账号 field submits like 确定 (not while an input method composes)', async () => {
  const { page, mock } = await open();
  await page.goto(MATRIX);
  await page.getByRole('button', { name: '新增矩阵账号' }).click();
  const dialog = page.getByRole('dialog', { name: '新增矩阵账号' });
  await dialog.getByLabel('逛逛号').fill('3310000001');
  await dialog.getByLabel('手机号').fill('13900000001');
  await dialog.getByLabel('手机号').press('Enter');
  await expect(dialog).toContainText('请先点击「校验」');
  await dialog.getByRole('button', { name: '校验' }).click();
  await expect(dialog).toContainText('校验通过');
  // The Enter that confirms an input method's choice is not a submit.
  await dialog
    .getByLabel('逛逛号')
    .dispatchEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true });
  await page.waitForTimeout(200);
  expect(mock.callsTo('mtop.taobao.gg.matrix.invite.send')).toHaveLength(0);
  await dialog.getByLabel('逛逛号').press('Enter');
  await expect.poll(() => mock.callsTo('mtop.taobao.gg.matrix.invite.send').length).toBe(1);
});

test('the markup variant draws the same words in other markup: no dialog role, spaced buttons', async () => {
  const { page, mock } = await open({ variant: 'markup' });
  await page.goto(MATRIX);
  await expect(page.getByRole('heading', { name: '矩阵账号管理' })).toHaveCount(0);
  await page.getByRole('button', { name: '新增 矩阵账号' }).click();
  const dialog = page.locator('.next-dialog');
  await expect(dialog).toContainText('新增矩阵账号');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(dialog.locator('label')).toHaveText(['* 逛逛号：', '* 手机号：']);
  await dialog.locator('input').nth(0).fill('3310000001');
  await dialog.locator('input').nth(1).fill('13900000001');
  await dialog.getByRole('button', { name: '校验' }).click();
  await expect(dialog).toContainText('校验通过');
  await dialog.getByRole('button', { name: '确 定' }).click();
  await expect.poll(() => mock.callsTo('mtop.taobao.gg.matrix.invite.send').length).toBe(1);
});

test('达人管理: the menu route, 20 per page, 发布 → 独立发布 / 批量发布 / 发图文, and institutions only', async () => {
  const MCN = 'https://mcn.guanghe.taobao.com';
  const { page, mock } = await open({ account: 'institution', roster: 45, dialogDelayMs: 0 });
  await page.goto(`${MCN}/`);
  await page.getByRole('navigation', { name: '导航菜单' }).getByRole('link', { name: '达人管理' }).click();
  await expect(page).toHaveURL(`${MCN}/page/talent`);
  const rows = page.locator('tbody .next-table-row:not(.next-table-empty-row)');
  await expect(rows).toHaveCount(20);
  await expect(page.locator('td[data-next-table-col="0"]').first()).toContainText('逛逛号：4410000001');
  await page.getByRole('button', { name: '第3页，共3页' }).click();
  await expect(rows).toHaveCount(5);
  await expect(page.locator('.next-pagination-item.next-current')).toHaveText('3');
  expect(mock.callsTo('mtop.taobao.gg.mcn.talent.list').map((c) => c.data.pageNo)).toEqual([1, 3]);

  const publish = async (nickname: string, ...items: string[]) => {
    await rows.filter({ hasText: nickname }).getByRole('button', { name: '发布', exact: true }).click();
    // 发视频 opens a Fusion sub-menu: its name ends with the arrow icon's glyph (CSS content).
    for (const name of items) await page.getByRole('menuitem', { name: new RegExp(`^${name}\\W*$`) }).click();
  };
  // 独立发布: the 发布器 iframe, as on the creator platform.
  await publish('小鹿在旅行', '发视频', '独立发布');
  await expect(page).toHaveURL(/\/page\/unify\/ContentPublish\?type=video&gid=4410000041$/);
  await expect(
    page.frameLocator('iframe[title="发布器"]').getByPlaceholder('加个标题让内容更吸引人'),
  ).toBeVisible();
  // 批量发布: an iframe with no title and a hashed class, found by its src path.
  await page.goBack();
  await expect(rows).toHaveCount(20);
  await publish('小鹿爱穿搭', '发视频', '批量发布');
  await expect(page).toHaveURL(
    /\/page\/unify\/creation-tool\/batch-publish\?ugc_scene=short_drama_multipublish&gid=4410000001$/,
  );
  const batch = page.locator('iframe[src*="/wow/z/guang/gg_publish/gg-video"]');
  await expect(batch).not.toHaveAttribute('title');
  await expect(batch).toHaveAttribute('class', /(^| )publish-content--[a-z0-9]{5}( |$)/);
  await expect(
    page.frameLocator('iframe[src*="/gg_publish/"]').getByPlaceholder('加个标题让内容更吸引人'),
  ).toBeVisible();
  await page.goBack();
  await publish('小鹿爱穿搭', '发图文');
  await expect(page).toHaveURL(/\/page\/unify\/ContentPublish\?type=pic&gid=4410000001$/);
  await expect(page.locator('iframe[title="发布器"]')).toHaveAttribute('src', /\/gg_publish\/gg-picture\?/);

  // Not an institution: no list, the page says so.
  mock.login('taobaoMerchant');
  mock.clearCalls();
  await page.goto(`${MCN}/page/talent`);
  await expect(page.getByText('当前账号尚未入驻机构平台')).toBeVisible();
  expect(mock.callsTo('mtop.taobao.gg.mcn.talent.list')).toHaveLength(0);
});
