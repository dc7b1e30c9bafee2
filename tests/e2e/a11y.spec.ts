/**
 * Issue 13 item 4: every view of the panel, and the findings box over the platform's form, is
 * reachable by keyboard and named for screen readers: axe (WCAG 2.x A/AA rules) finds no serious or
 * critical violation. Each view is checked in both languages, with data in it.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, findingsBox, openHeldInvite } from './fixtures';
import { chooseBulkBackup } from './ledger-data';

const C = 'https://creator.guanghe.taobao.com';
const MATRIX = `${C}/page/account/matrix`;

async function serious(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const lang of ['zh', 'en'] as const) {
  test(`${lang}: the panel's views and the findings box have no serious accessibility violation`, async ({
    page,
    openPanel,
  }) => {
    const panel = await openPanel();
    if (lang === 'en') await panel.getByTestId('language-select').selectOption('en');
    await page.goto(`${C}/`);
    await page.goto(MATRIX);
    await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'matrix');
    await openHeldInvite(page);
    await expect(panel.locator('[data-rule="invite.phone.format"]')).toBeVisible();

    const found: Record<string, string[]> = {};
    found['now'] = await serious(panel);
    found['findings box'] = await serious(page, '[data-guanghe-assistant="findings"]');

    await panel.getByTestId('tab-guides').click();
    found['guides'] = await serious(panel);

    await panel.getByTestId('tab-ledger').click();
    const view = panel.getByTestId('ledger-view');
    await expect(view).toBeVisible();
    found['ledger, empty'] = await serious(panel);
    await view
      .locator('details')
      .filter({ has: panel.getByTestId('import-box') })
      .first()
      .locator('summary')
      .click();
    const importBox = view.getByTestId('import-box');
    const preview = await chooseBulkBackup(importBox, 50);
    await expect(preview).toBeVisible({ timeout: 20_000 });
    found['ledger, import preview'] = await serious(panel);
    await preview.getByTestId('import-apply').click();
    await expect(view.getByTestId('import-result')).toBeVisible({ timeout: 30_000 });
    await panel.getByTestId('workspace-select').selectOption('ws-bulk');
    await expect(view).toHaveAttribute('data-state', 'workspace', { timeout: 10_000 });
    await expect(view.getByTestId('account-row').first()).toBeVisible();
    found['ledger, workspace'] = await serious(panel);
    await view.getByTestId('account-row').first().click();
    found['ledger, account open'] = await serious(panel);

    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });
}

test('the findings box opens beside the submit it held, never over the fields of the form', async ({
  page,
  openPanel,
}) => {
  await openPanel();
  await page.goto(`${C}/`);
  await page.goto(MATRIX);
  const d = await openHeldInvite(page);
  const submit = d.getByRole('button', { name: '确定' });
  const box = findingsBox(page);

  const rect = (l: import('@playwright/test').Locator) =>
    l.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
  const b = await rect(box);
  const s = await rect(submit);
  const fields = await Promise.all(
    ['请输入逛逛号', '请输入该逛逛号绑定的手机号'].map((p) => rect(d.getByPlaceholder(p))),
  );
  const overlaps = (a: typeof b, c: typeof b) =>
    a.left < c.right && c.left < a.right && a.top < c.bottom && c.top < a.bottom;
  // Not over any field it talks about, nor over the button itself.
  for (const f of fields) expect(overlaps(b, f), JSON.stringify({ box: b, field: f })).toBe(false);
  expect(overlaps(b, s)).toBe(false);
  // Beside the button: within a few pixels of one of its edges, not in a far corner.
  const gap = Math.max(b.left - s.right, s.left - b.right, b.top - s.bottom, s.top - b.bottom);
  expect(gap, JSON.stringify({ box: b, submit: s })).toBeLessThanOrEqual(16);
  // Inside the window.
  const vp = page.viewportSize()!;
  expect(b.left).toBeGreaterThanOrEqual(0);
  expect(b.top).toBeGreaterThanOrEqual(0);
  expect(b.right).toBeLessThanOrEqual(vp.width);
  expect(b.bottom).toBeLessThanOrEqual(vp.height);
});

/**
 * Every control the view shows is a Tab stop (composite widgets, the tabs and the account list, are
 * one stop each, moved in by arrow keys), and the focused control shows a visible outline.
 */
async function keyboardReach(panel: Page): Promise<{ missed: string[]; unringed: string[] }> {
  // Controls are named by tag, test id and text (the panel re-renders as reports arrive, so a
  // node may be replaced by an equal one between two presses).
  const controls = () =>
    panel.evaluate(() => {
      const nameOf = (e: HTMLElement) =>
        `${e.tagName.toLowerCase()} ${e.getAttribute('data-testid') ?? (e.textContent ?? '').trim().slice(0, 20)}`;
      const sel = 'button, select, input, textarea, summary, a[href], [tabindex="0"]';
      const all = [...document.querySelectorAll<HTMLElement>(sel)].filter((e) => {
        if (e.closest('[role="listbox"]') && e.getAttribute('role') !== 'listbox') return false;
        if (e.getAttribute('role') === 'tab' && e.tabIndex < 0) return false;
        if ((e as HTMLButtonElement).disabled) return false;
        if (e.closest('details:not([open])') && e.tagName !== 'SUMMARY') return false;
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
      });
      return [...new Set(all.map(nameOf))];
    });
  const expected = await controls();
  await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const reached = new Set<string>();
  const unringed: string[] = [];
  for (let i = 0; i < expected.length + 20 && expected.some((e) => !reached.has(e)); i++) {
    await panel.keyboard.press('Tab');
    const at = await panel.evaluate(() => {
      const nameOf = (e: HTMLElement) =>
        `${e.tagName.toLowerCase()} ${e.getAttribute('data-testid') ?? (e.textContent ?? '').trim().slice(0, 20)}`;
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      return { k: nameOf(e), ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 };
    });
    if (!at) continue;
    reached.add(at.k);
    if (!at.ring) unringed.push(at.k);
  }
  // A control that came or went while tabbing (the checklist follows the page as it loads) is not
  // judged: only those shown before and after.
  const still = new Set(await controls());
  return {
    missed: expected.filter((e) => still.has(e) && !reached.has(e)),
    unringed: [...new Set(unringed)],
  };
}

test('keyboard: every control of each view is reached by Tab and shows where the focus is', async ({
  page,
  openPanel,
}) => {
  const panel = await openPanel();
  await page.goto(`${C}/`);
  await page.goto(MATRIX);
  await expect(panel.getByTestId('page-card')).toHaveAttribute('data-page', 'matrix');
  expect(await keyboardReach(panel)).toEqual({ missed: [], unringed: [] });

  // The tabs move by arrow keys, like any WAI-ARIA tab list.
  await panel.getByTestId('tab-now').focus();
  await panel.keyboard.press('ArrowRight');
  await expect(panel.getByTestId('tab-ledger')).toBeFocused();
  await expect(panel.getByTestId('tab-ledger')).toHaveAttribute('aria-selected', 'true');
  const view = panel.getByTestId('ledger-view');
  await expect(view).toBeVisible();
  expect(await keyboardReach(panel)).toEqual({ missed: [], unringed: [] });

  await view
    .locator('details')
    .filter({ has: panel.getByTestId('import-box') })
    .first()
    .locator('summary')
    .click();
  const preview = await chooseBulkBackup(view.getByTestId('import-box'), 30);
  await preview.getByTestId('import-apply').click();
  await expect(view.getByTestId('import-result')).toBeVisible({ timeout: 30_000 });
  await panel.getByTestId('workspace-select').selectOption('ws-bulk');
  await expect(view.getByTestId('account-row').first()).toBeVisible();
  expect(await keyboardReach(panel)).toEqual({ missed: [], unringed: [] });

  await panel.getByTestId('tab-guides').click();
  expect(await keyboardReach(panel)).toEqual({ missed: [], unringed: [] });
});
