/**
 * 复制页面结构 on the built extension (issue 11 item 6): the panel asks the background, which injects
 * the outline script into the 光合 tab's frames; the clipboard (and the saved file) hold the page's
 * headings and buttons, and none of what the user typed, no query string and no run of 5+ digits.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { publishUrl } from './publish-form';

const C = 'https://creator.guanghe.taobao.com';
const GID = '3310000001';
const PHONE = '13912345678';

/**
 * Chrome grants no clipboard-read to an extension origin in a test, so the panel's writes are recorded
 * on their way to the real clipboard (which still gets them): `copied(panel)` is the last text copied.
 */
async function recordClipboard(panel: Page): Promise<void> {
  await panel.evaluate(() => {
    const w = window as unknown as { copied?: string };
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text: string) => {
      w.copied = text;
      return write(text).catch(() => undefined);
    };
  });
}
const copied = (panel: Page) => panel.evaluate(() => (window as unknown as { copied?: string }).copied ?? '');

test('复制页面结构 copies the open dialog’s outline without what was typed; 保存为文件 saves the same', async ({
  page,
  openPanel,
}) => {
  await page.goto(`${C}/page/account/matrix?spm=a21.12345678&from=9876543210`);
  await page.getByRole('button', { name: '新增矩阵账号' }).click();
  const d = page.getByRole('dialog');
  await d.getByPlaceholder('请输入逛逛号').fill(GID);
  await d.getByPlaceholder('请输入该逛逛号绑定的手机号').fill(PHONE);

  const panel = await openPanel();
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'matrix');
  await panel.bringToFront();
  await recordClipboard(panel);
  await panel.getByRole('button', { name: '复制页面结构' }).click();
  await expect(panel.getByTestId('page-outline').getByRole('status')).toHaveText('已复制页面结构');
  const text = await copied(panel);

  expect(text).toContain('# top: creator.guanghe.taobao.com/page/account/matrix');
  expect(text).toContain('recognised: page=matrix dialogs=matrix-invite');
  for (const seen of ['- 新增矩阵账号', '- 确定', '- 请输入逛逛号']) expect(text).toContain(seen);
  for (const secret of [GID, PHONE, 'spm=', '?']) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/\d{5,}/);

  const download = panel.waitForEvent('download');
  await panel.getByRole('button', { name: '保存为文件' }).click();
  const file = await (await download).path();
  expect(readFileSync(file, 'utf8')).toBe(text);
  await expect(panel.getByTestId('page-outline').getByRole('status')).toHaveText('已保存为文件');
});

test('the publish page’s outline includes its 发布器 frame, and a page no recogniser knows still has one', async ({
  page,
  openPanel,
}) => {
  await page.goto(publishUrl('video'));
  const panel = await openPanel();
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'publish-frame-video');
  await panel.bringToFront();
  await recordClipboard(panel);
  await panel.getByRole('button', { name: '复制页面结构' }).click();
  await expect(panel.getByTestId('page-outline').getByRole('status')).toHaveText('已复制页面结构');
  const publish = await copied(panel);
  expect(publish).toContain('# frame: huodong.taobao.com/wow/z/guang/gg_publish/');
  expect(publish).toMatch(/## iframes\n- .*\| huodong\.taobao\.com\/wow\/z\/guang\/gg_publish\//);
  expect(publish).not.toMatch(/\d{5,}/);

  await page.goto(`${C}/page/nothing-we-know`);
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'unknown');
  await expect
    .poll(async () => {
      await panel.getByRole('button', { name: '复制页面结构' }).click();
      return copied(panel);
    })
    .toContain('# top: creator.guanghe.taobao.com/page/nothing-we-know');
  expect(await copied(panel)).toContain('recognised: page=unknown');
});
