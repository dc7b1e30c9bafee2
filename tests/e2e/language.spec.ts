/**
 * Issue 13: one language at a time. The same journey (creator home → matrix list → an invite with a
 * bad phone, held by the findings box) in Chinese and in English: the panel's and the box's text are
 * scanned for the other script. Then the setting is switched with the panel and the box open: both
 * follow without a reload.
 */
import { test, expect, findingsBox, openHeldInvite } from './fixtures';
import type { Page } from '@playwright/test';

const C = 'https://creator.guanghe.taobao.com';
const MATRIX = `${C}/page/account/matrix`;

/** Han ideographs, CJK punctuation, full-width forms. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;
/** English (or any Latin) words: two letters or more. */
const LATIN = /[A-Za-z]{2,}/;

/**
 * What the platform itself shows in Chinese (menus, buttons, field names) and an English instruction
 * quotes so the user finds it on the page.
 */
const PLATFORM_WORDS = [
  '账号资产',
  '矩阵账号管理',
  '账号管理',
  '新增矩阵账号',
  '逛逛号',
  '校验',
  '确定',
  '行业小二',
  // The platform's channel for paid creator deals and its word for creators, quoted by a rule's
  // English message (platform vocabulary in English is issue 13 item 3).
  '种草任务',
  '达人',
];

/**
 * The text a reader sees in the panel: without what is data rather than interface (names and the
 * platform's own replies, marked `translate="no"`) and without the selects' options (workspace names;
 * the language select names each language in itself).
 */
async function panelText(panel: Page): Promise<string> {
  return panel.locator('main').evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('[translate="no"], option').forEach((e) => e.remove());
    return copy.textContent ?? '';
  });
}

/** Every text node of the box's shadow root, plus its labels and placeholder. */
async function boxText(page: Page): Promise<string> {
  const box = findingsBox(page);
  const text = (await box.textContent()) ?? '';
  const attrs = await box.evaluate((b) =>
    [b, ...b.querySelectorAll('*')]
      .flatMap((e) => [e.getAttribute('aria-label'), e.getAttribute('placeholder')])
      .filter(Boolean)
      .join(' '),
  );
  return `${text} ${attrs}`;
}

const withoutPlatformWords = (text: string, names: readonly string[]) =>
  [...PLATFORM_WORDS, ...names].reduce((t, w) => t.replaceAll(w, ' '), text);

for (const lang of ['zh', 'en'] as const) {
  test(`${lang === 'zh' ? 'Chinese' : 'English'} mode: the panel and the findings box show only that language`, async ({
    page,
    mock,
    openPanel,
  }) => {
    const panel = await openPanel();
    // The browser's UI is Chinese (fixtures.ts): "follow the browser" is Chinese; English is chosen.
    if (lang === 'en') await panel.getByTestId('language-select').selectOption('en');
    await expect(panel.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
    await page.goto(`${C}/`);
    await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'creator-home');
    await page.goto(MATRIX);
    await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'matrix');
    await openHeldInvite(page);
    await expect(panel.locator('[data-rule="invite.phone.format"]')).toBeVisible();
    expect(mock.callsTo('mtop.taobao.gg.matrix.invite.send')).toHaveLength(0);
    await expect(findingsBox(page)).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');

    // Names the page shows (the logged-in account, the workspace made for it) are data, not interface.
    const names = Object.values(mock.accounts).map((a) => a.nickname);
    const panelSeen = await panelText(panel);
    const boxSeen = await boxText(page);
    expect(panelSeen.length).toBeGreaterThan(100);
    if (lang === 'zh') {
      // IDs and numbers are fine; no English word.
      expect(panelSeen.match(new RegExp(LATIN.source, 'g')) ?? []).toEqual([]);
      expect(boxSeen.match(new RegExp(LATIN.source, 'g')) ?? []).toEqual([]);
      expect(panelSeen).toMatch(CJK);
    } else {
      expect(withoutPlatformWords(panelSeen, names).match(new RegExp(CJK.source, 'g')) ?? []).toEqual([]);
      expect(withoutPlatformWords(boxSeen, names).match(new RegExp(CJK.source, 'g')) ?? []).toEqual([]);
      expect(panelSeen).toMatch(LATIN);
    }
  });
}

test('switching the language changes an open panel and an open findings box at once, and is remembered', async ({
  page,
  ext,
  openPanel,
}) => {
  const panel = await openPanel();
  const second = await openPanel();
  await page.goto(`${C}/`);
  await page.goto(MATRIX);
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'matrix');
  await openHeldInvite(page);
  await expect(panel.getByTestId('tab-ledger')).toHaveText(/台账/);
  await expect(findingsBox(page).getByRole('heading')).toContainText('提交已拦截');

  await panel.getByTestId('language-select').selectOption('en');
  // Without a reload: the same panel, both open panels, and the box over the form.
  await expect(panel.getByTestId('tab-ledger')).toHaveText(/^Ledger/);
  await expect(panel.getByTestId('page-card')).toContainText('Current page');
  await expect(panel.locator('[data-rule="invite.phone.format"]')).toContainText('mainland China');
  await expect(second.getByTestId('tab-now')).toHaveText('Now');
  await expect(findingsBox(page).getByRole('heading')).toContainText('submit held');
  await expect(findingsBox(page).getByRole('button', { name: 'Edit' })).toBeVisible();
  expect(await panel.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);

  // Remembered: a panel opened later speaks English, and the worker has the setting too.
  const third = await openPanel();
  await expect(third.getByTestId('tab-now')).toHaveText('Now');
  await expect(third.getByTestId('language-select')).toHaveValue('en');
  expect(await ext.worker.evaluate(() => chrome.storage.local.get('language'))).toEqual({ language: 'en' });

  // Back to following the browser (Chinese here): everything switches back.
  await second.getByTestId('language-select').selectOption('auto');
  await expect(panel.getByTestId('tab-now')).toHaveText('当前');
  await expect(findingsBox(page).getByRole('button', { name: '返回修改' })).toBeVisible();
});
