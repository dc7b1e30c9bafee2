/**
 * The demo: walks the main journeys on the built extension and the mock 光合平台 and writes, for each
 * step, a picture of the page with the side panel beside it to docs/demo/ (shown in the README).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FrameLocator, Page } from '@playwright/test';
import { test, expect } from '../e2e/fixtures';
import { accountSelect, publishUrl, setTitleByScript } from '../e2e/publish-form';

const OUT = resolve(import.meta.dirname, '../../docs/demo');
const C = 'https://creator.guanghe.taobao.com';

test('demo: page + panel for each step', async ({ page, mock, ext, openPanel }) => {
  mkdirSync(OUT, { recursive: true });
  const panel = await openPanel();
  await panel.setViewportSize({ width: 400, height: 800 });
  const stage = await ext.context.newPage();
  await stage.setViewportSize({ width: 1680, height: 800 });
  let n = 0;

  const shot = async (name: string, caption: string) => {
    await page.bringToFront();
    await page.waitForTimeout(150);
    const left = (await page.screenshot()).toString('base64');
    const right = (await panel.screenshot()).toString('base64');
    n += 1;
    await stage.setContent(
      `<body style="margin:0;display:flex;background:#ddd;font:14px sans-serif">
        <img src="data:image/png;base64,${left}" width="1280" height="800">
        <img src="data:image/png;base64,${right}" width="400" height="800" style="border-left:1px solid #999">
        <div style="position:fixed;left:8px;bottom:8px;background:rgba(0,0,0,.7);color:#fff;padding:4px 8px;border-radius:4px">${n}. ${caption}</div>
      </body>`,
    );
    await stage.screenshot({ path: join(OUT, `${String(n).padStart(2, '0')}-${name}.png`) });
  };
  const findings = (where: Page | FrameLocator) => where.locator('[data-guanghe-assistant="findings"] [role="alertdialog"]');

  await page.goto('https://guanghe.taobao.com/');
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'portal');
  await panel.getByTestId('identity-select').selectOption('tmall-merchant');
  await shot('portal', 'Portal: the login guide sends a 天猫 merchant to 创作者服务');

  mock.login('tmallMerchant');
  mock.accounts.tmallMerchant.nickname = '示例官方旗舰店';
  await page.goto(`${C}/`);
  await page.getByRole('button', { name: '确认', exact: true }).click();
  await expect(findings(page)).toBeVisible();
  await shot('confirm-tmall', '天猫 confirmation: wrong nickname warned with the derived 示例天猫官方');

  mock.login('taobaoMerchant');
  await page.goto(`${C}/`);
  await expect(panel.getByTestId('page-account')).toContainText('小林的杂货铺');
  await shot('home', 'Creator home: the panel follows the logged-in account');

  await page.goto(`${C}/page/account/matrix`);
  await page.getByRole('button', { name: '新增矩阵账号' }).click();
  const d = page.getByRole('dialog');
  await d.getByPlaceholder('请输入逛逛号').fill('3310000001');
  await d.getByPlaceholder('请输入该逛逛号绑定的手机号').fill('1390000000');
  await d.getByRole('button', { name: '确定' }).click();
  await expect(findings(page)).toBeVisible();
  await shot('invite-blocked', 'Invite with a bad phone: held before the platform sees it (0 calls)');

  await findings(page).getByRole('button', { name: /返回修改/ }).click();
  await d.getByPlaceholder('请输入该逛逛号绑定的手机号').fill('13900000001');
  await d.getByRole('button', { name: '校验' }).click();
  await expect(d.getByText('校验通过', { exact: false })).toBeVisible();
  await d.getByRole('button', { name: '确定' }).click();
  await expect.poll(() => mock.callsTo('mtop.taobao.gg.matrix.invite.send').length).toBe(1);
  await panel.getByTestId('tab-ledger').click();
  await expect(panel.locator('[data-testid="account-row"][data-gg="3310000001"]')).toBeVisible();
  await shot('invite-pending', 'Fixed and sent once: the ledger records the pending invite');

  mock.acceptInvite('3310000001');
  await page.reload();
  await page.locator('tr', { hasText: '3310000001' }).getByRole('button', { name: '申请代理权限' }).click();
  await page.getByRole('dialog').getByText('代理发布', { exact: false }).first().click();
  await panel.getByTestId('tab-now').click();
  await shot('permission', 'Accepted: requesting proxy-publish permission; the checklist marks the step');
  await page.getByRole('dialog').getByRole('button', { name: '提交申请' }).click();
  await expect.poll(() => mock.callsTo('mtop.taobao.gg.matrix.permission.apply').length).toBe(1);
  mock.acceptPermission('3310000001');

  await page.goto(publishUrl('video'));
  const f = page.frameLocator('iframe[title="发布器"]');
  await accountSelect(f).click();
  await f.getByRole('option', { name: /小林的穿搭日记/ }).click();
  // The field's maxlength stops typing at 30: the 31st character is set by script, as a paste could.
  await setTitleByScript(f, '夏日通勤穿搭'.repeat(5) + '！');
  await f.getByRole('radio', { name: '内容无需标注' }).click();
  await f.getByRole('button', { name: '立即发布' }).click();
  await expect(findings(f)).toBeVisible();
  await shot('publish-blocked', 'Proxy publish with a 31-character title: blocked inside the 发布器 frame');

  await page.goto(`${C}/page/account/matrix`);
  await page.locator('tr', { hasText: '3310000001' }).getByRole('button', { name: '解绑' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '确认解绑' }).click();
  await expect(findings(page)).toBeVisible();
  await shot('unbind-warned', 'Unbind: warned that every permission is withdrawn');
  await findings(page).getByRole('button', { name: /仍然继续/ }).click();
  await expect.poll(() => mock.callsTo('mtop.taobao.gg.matrix.unbind').length).toBe(1);
  await page.reload();
  await panel.getByTestId('tab-ledger').click();
  await panel.locator('[data-testid="account-row"][data-gg="3310000001"]').click();
  await expect(panel.getByTestId('binding-detail')).toBeVisible();
  await shot('ledger-timeline', 'Ledger: the binding timeline, permissions revoked with the unbind');

  mock.setVariant('redesign');
  await page.goto(`${C}/page/account/matrix`);
  await panel.getByTestId('tab-now').click();
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'unknown');
  await shot('unknown-variant', 'A redesign the assistant does not know: it says so, the page keeps working');

  mock.logout();
  await page.goto(`${C}/`);
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'left');
  await shot('login', 'Session expired: sent to the Taobao login page, where the assistant never runs');

  // Logged in again straight into a bookmarked matrix page whose header shows nobody: who it is, is
  // not assumed (with the header's user block, as on the real pages, the panel follows at once).
  mock.setVariant('default');
  mock.setUserBlock(false);
  await page.goto(`${C}/page/account/matrix`);
  await page.getByLabel('账号').fill('小林的杂货铺');
  await page.getByLabel('密码').fill('secret');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(panel.getByTestId('page-account-unconfirmed')).toBeVisible();
  await page.getByRole('button', { name: '新增矩阵账号' }).click();
  const d2 = page.getByRole('dialog');
  await d2.getByPlaceholder('请输入逛逛号').fill('3310000002');
  await d2.getByPlaceholder('请输入该逛逛号绑定的手机号').fill('13900000002');
  await d2.getByRole('button', { name: '确定' }).click();
  await findings(page).getByRole('button', { name: /仍然继续/ }).click();
  await expect(panel.getByTestId('platform-reply')).toBeVisible();
  await shot(
    'relogin-reply',
    "Logged in again into a deep link: the account is not assumed; the platform's own answer is shown",
  );

  // The same assistant in English: the setting in the panel's header switches the panel and the box.
  mock.setUserBlock(true);
  await panel.getByTestId('language-select').selectOption('en');
  await page.goto(`${C}/`);
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'creator-home');
  await page.goto(`${C}/page/account/matrix`);
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'matrix');
  await page.getByRole('button', { name: '新增矩阵账号' }).click();
  const d3 = page.getByRole('dialog');
  await d3.getByPlaceholder('请输入逛逛号').fill('3310000003');
  await d3.getByPlaceholder('请输入该逛逛号绑定的手机号').fill('1390000000');
  await d3.getByRole('button', { name: '确定' }).click();
  await expect(findings(page)).toBeVisible();
  await shot('en-invite-blocked', 'English mode: the same check, the panel and the findings box in English');
  await page.reload();
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'matrix');
  await expect(findings(page)).toHaveCount(0);
  await shot('en-matrix', 'English mode: the matrix page, its step and checklist in English');
});
