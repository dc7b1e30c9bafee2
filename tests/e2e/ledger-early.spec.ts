/**
 * A ledger that fills even where the list is not read: an invite the platform answered with success
 * is in the ledger at once (pending, unconfirmed, phone masked), before any matrix list was read, and
 * is confirmed when the list is next read and shows it.
 */
import { test, expect } from './fixtures';

const MATRIX = 'https://creator.guanghe.taobao.com/page/account/matrix';
const INVITE = 'mtop.taobao.gg.matrix.invite.send';
const LIST = 'mtop.taobao.gg.matrix.account.list';

test('a released invite is in the ledger before the list is read, then the list confirms it', async ({
  page,
  mock,
  openPanel,
}) => {
  // The list cannot load: the only way the ledger can learn of the invite is the submit itself.
  mock.setListDown(true);
  const panel = await openPanel();
  await page.goto('https://creator.guanghe.taobao.com/');
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'creator-home');
  await page.goto(MATRIX);
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'matrix');
  await expect.poll(() => mock.callsTo(LIST).length).toBeGreaterThan(0);

  await page.getByRole('button', { name: '新增矩阵账号' }).click();
  const d = page.getByRole('dialog');
  await d.getByPlaceholder('请输入逛逛号').fill('3310000001');
  await d.getByPlaceholder('请输入该逛逛号绑定的手机号').fill('13900000001');
  await d.getByRole('button', { name: '校验' }).click();
  await expect(d.getByText('校验通过', { exact: false })).toBeVisible();
  await d.getByRole('button', { name: '确定' }).click();
  await expect.poll(() => mock.callsTo(INVITE).length).toBe(1);
  await expect(page.getByText('邀请已发送', { exact: false })).toBeVisible();

  await panel.getByTestId('tab-ledger').click();
  const ledgerRow = panel.locator('[data-testid="account-row"][data-gg="3310000001"]');
  await expect(ledgerRow).toHaveAttribute('data-state', 'pending');
  await expect(ledgerRow).toHaveAttribute('data-confirmation', 'submitted');
  await expect(ledgerRow).toContainText('已提交，待列表确认');
  await expect(panel.locator('body')).not.toContainText('13900000001');

  // The list loads again and shows the invite: confirmed, same row, still pending.
  mock.setListDown(false);
  await page.reload();
  await expect(page.locator('tr', { hasText: '3310000001' })).toContainText('待接受');
  await expect(ledgerRow).toHaveAttribute('data-confirmation', 'confirmed');
  await expect(ledgerRow).not.toContainText('待列表确认');
  await expect(ledgerRow).toHaveAttribute('data-state', 'pending');
  expect(mock.callsTo(INVITE)).toHaveLength(1);
  // The timeline tells both steps, in the panel's language.
  await ledgerRow.click();
  const detail = panel.getByTestId('binding-detail');
  const confirmation = detail.getByTestId('timeline-event').filter({ hasText: '列表确认' });
  await expect(confirmation).toHaveCount(2);
  await expect(confirmation.filter({ hasText: '已提交，待列表确认' })).toHaveCount(2);
  await expect(detail).not.toContainText(/submitted|confirmed/);
});
