/**
 * The 发布器 as observed on the real site (rich-text description, 关联商品 and 话题选择 dialogs, the Fusion
 * date picker) on the built extension: each check counts the mock API's publish calls — a held submit
 * reaches it 0 times, a released one exactly once.
 */
import { test, expect } from './fixtures';
import type { FrameLocator, Locator, Page } from '@playwright/test';
import type { MockPlatform } from '../fixtures/mock-platform';
import { PUBLISH_FRAME, editor, pickProducts, pickSchedule, pickTopic, publishUrl } from './publish-form';

/** Both kinds end with this one gateway call (observed), told apart by the data's `type`. */
const VIDEO = 'mtop.taobao.media.guang.pcPublish.publish';
const PICTURE = VIDEO;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const findings = (f: FrameLocator): Locator =>
  f.locator('[data-guanghe-assistant="findings"] [role="alertdialog"]');
const rule = (panel: Page, id: string): Locator => panel.locator(`[data-rule="${id}"]`);

/** Nothing more arrives for a moment: a stray second submit would show up here. */
const settle = (page: Page) => page.waitForTimeout(250);

async function openForm(page: Page, panel: Page, kind: 'video' | 'pic' = 'video'): Promise<FrameLocator> {
  await page.goto(publishUrl(kind));
  await expect(panel.getByTestId('page-card')).toHaveAttribute(
    'data-page',
    kind === 'video' ? 'publish-frame-video' : 'publish-frame-image',
  );
  const f = page.frameLocator(PUBLISH_FRAME);
  await f.getByPlaceholder('加个标题让内容更吸引人').fill('周末露营装备清单');
  return f;
}

/** Held: the box names the rule, the panel shows it, and the platform saw nothing. */
async function expectHeld(
  page: Page,
  panel: Page,
  f: FrameLocator,
  mock: MockPlatform,
  id: string,
  api = VIDEO,
) {
  await expect(findings(f)).toBeVisible();
  await expect(rule(panel, id)).toBeVisible();
  await settle(page);
  expect(mock.callsTo(api)).toHaveLength(0);
}

async function backToForm(f: FrameLocator) {
  await findings(f)
    .getByRole('button', { name: /返回修改/ })
    .click();
  await expect(findings(f)).toHaveCount(0);
}

async function expectReleasedOnce(page: Page, mock: MockPlatform, api = VIDEO) {
  await expect.poll(() => mock.callsTo(api).length).toBe(1);
  await expect(page).toHaveURL(/\/page\/workspace\/tb/);
  await settle(page);
  expect(mock.callsTo(api)).toHaveLength(1);
}

test('a description over 1000 characters (its #tags counted) is held; shortened, it goes through once', async ({
  page,
  mock,
  openPanel,
}) => {
  const panel = await openPanel();
  const f = await openForm(page, panel);
  // 995 characters, a space and the #夏日穿搭 token (5): 1001 with the tag.
  await editor(f).fill(`${'字'.repeat(995)} #夏日穿搭 `);
  await expect(editor(f).locator('[data-cangjie-void]')).toHaveCount(1);
  await f.getByRole('button', { name: '立即发布' }).click();
  await expectHeld(page, panel, f, mock, 'publish.description.too-long');
  await expect(findings(f)).toContainText('1001');
  await backToForm(f);
  await editor(f).fill(`${'字'.repeat(990)} #夏日穿搭 `);
  await f.getByRole('button', { name: '立即发布' }).click();
  await expectReleasedOnce(page, mock);
  expect(mock.callsTo(VIDEO)[0]!.data).toMatchObject({ description: `${'字'.repeat(990)} #夏日穿搭` });
});

test('7 products are held; 6 go through once', async ({ page, mock, openPanel }) => {
  const panel = await openPanel();
  const f = await openForm(page, panel);
  const cards = [
    '冰丝阔腿裤 女夏季薄款',
    '纯棉短袖T恤 宽松百搭',
    '防晒衣 UPF50+ 轻薄透气',
    '帆布托特包 大容量',
    '草编遮阳帽',
    '真丝发圈 三件装',
    '折叠露营椅',
  ];
  await pickProducts(f, [{ cards }]);
  await expect(f.getByRole('button', { name: /^删除商品/ })).toHaveCount(7);
  await f.getByRole('button', { name: '立即发布' }).click();
  await expectHeld(page, panel, f, mock, 'publish.products.too-many');
  await backToForm(f);
  await f.getByRole('button', { name: '删除商品 折叠露营椅' }).click();
  await f.getByRole('button', { name: '立即发布' }).click();
  await expectReleasedOnce(page, mock);
  expect(mock.callsTo(VIDEO)[0]!.data).toMatchObject({ itemIds: expect.arrayContaining(['6012345601']) });
});

test('商品 and 店铺 together are held', async ({ page, mock, openPanel }) => {
  const panel = await openPanel();
  const f = await openForm(page, panel);
  await pickProducts(f, [{ cards: ['草编遮阳帽'] }, { tab: '本店商品', cards: [/店铺：/] }]);
  await f.getByRole('button', { name: '立即发布' }).click();
  await expectHeld(page, panel, f, mock, 'publish.products.with-shop');
  await expect(findings(f)).toContainText('草编遮阳帽');
});

test('定时发布 1 h ahead and 31 days ahead are held; 3 days ahead goes through once', async ({
  page,
  mock,
  openPanel,
}) => {
  const panel = await openPanel();
  const f = await openForm(page, panel);
  await pickSchedule(f, Date.now() + HOUR);
  await expect(f.getByRole('button', { name: '立即发布' })).toHaveCount(0);
  await f.getByRole('button', { name: '定时发布' }).click();
  await expectHeld(page, panel, f, mock, 'publish.schedule.too-soon');
  await backToForm(f);
  await pickSchedule(f, Date.now() + 31 * DAY);
  await f.getByRole('button', { name: '定时发布' }).click();
  await expectHeld(page, panel, f, mock, 'publish.schedule.too-far');
  await backToForm(f);
  const shown = await pickSchedule(f, Date.now() + 3 * DAY);
  await f.getByRole('button', { name: '定时发布' }).click();
  await expectReleasedOnce(page, mock);
  expect(mock.callsTo(VIDEO)[0]!.data).toMatchObject({
    publishMode: 'scheduled',
    scheduledAt: shown.replaceAll('/', '-').replace(' ', 'T'),
  });
});

test.describe('a date picker the assistant does not know', () => {
  test.use({ mockOptions: { variant: 'picker' } });
  test('is not held: exactly one call, and the panel says the time could not be read', async ({
    page,
    mock,
    openPanel,
  }) => {
    const panel = await openPanel();
    const f = await openForm(page, panel);
    await f.getByRole('radio', { name: '定时发布' }).check();
    await f.getByRole('button', { name: '明天 10:00' }).click();
    // The platform takes a while to answer: the panel's note is read while the form is still open.
    mock.setApiDelayMs(5_000);
    await f.getByRole('button', { name: '定时发布' }).click();
    await expect.poll(() => mock.callsTo(VIDEO).length).toBe(1);
    expect(mock.callsTo(VIDEO)[0]!.data).toMatchObject({ publishMode: 'scheduled' });
    await expect(findings(f)).toHaveCount(0);
    await expect(rule(panel, 'publish.schedule.unread')).toBeVisible();
    await expect(panel.getByTestId('last-check')).toHaveAttribute('data-verdict', 'allow');
    await expect(panel.getByTestId('last-check')).toHaveAttribute('data-outcome', 'released');
    await settle(page);
    expect(mock.callsTo(VIDEO)).toHaveLength(1);
  });
});

test('定时发布 with no time picked is not held: one call, and the panel says the time could not be read', async ({
  page,
  mock,
  openPanel,
}) => {
  const panel = await openPanel();
  const f = await openForm(page, panel);
  await f.getByRole('radio', { name: '定时发布' }).check();
  await expect(f.locator('#date-picker')).toHaveValue('');
  mock.setApiDelayMs(5_000);
  await f.getByRole('button', { name: '定时发布' }).click();
  await expect.poll(() => mock.callsTo(VIDEO).length).toBe(1);
  await expect(findings(f)).toHaveCount(0);
  await expect(rule(panel, 'publish.schedule.unread')).toBeVisible();
  await settle(page);
  expect(mock.callsTo(VIDEO)).toHaveLength(1);
});

test('the topic chosen in 话题选择 is read', async ({ page, mock, openPanel }) => {
  const panel = await openPanel();
  const f = await openForm(page, panel);
  await pickTopic(f, '周末露营');
  mock.setApiDelayMs(5_000);
  await f.getByRole('button', { name: '立即发布' }).click();
  await expect.poll(() => mock.callsTo(VIDEO).length).toBe(1);
  await expect(rule(panel, 'publish.topic.chosen')).toContainText('#周末露营');
  expect(mock.callsTo(VIDEO)[0]!.data).toMatchObject({ topics: ['周末露营'] });
});

test('image-text with 10 images is held; 9 go through once', async ({ page, mock, openPanel }) => {
  const panel = await openPanel();
  const f = await openForm(page, panel, 'pic');
  for (let i = 0; i < 10; i++) await f.getByRole('button', { name: '+ 添加图片' }).click();
  await f.getByRole('button', { name: '立即发布' }).click();
  await expectHeld(page, panel, f, mock, 'publish.image.count', PICTURE);
  await backToForm(f);
  await f.getByRole('button', { name: '删除图片10' }).click();
  await f.getByRole('button', { name: '立即发布' }).click();
  await expectReleasedOnce(page, mock, PICTURE);
  expect(mock.callsTo(PICTURE)[0]!.data).toMatchObject({ type: 'picture', images: expect.any(Array) });
  expect((mock.callsTo(PICTURE)[0]!.data as { images: unknown[] }).images).toHaveLength(9);
});
