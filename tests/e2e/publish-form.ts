/**
 * Driving the mock 发布器's form as a user does: the rich-text description, the 关联商品 and 话题选择
 * dialogs, the date picker. Shared by the mock's own tests and the extension's journeys.
 */
import { expect, type FrameLocator, type Locator } from '@playwright/test';

export const PUBLISH_FRAME = 'iframe[title="发布器"]';

const FRAME = 'https://huodong.taobao.com/wow/z/guang/gg_publish/';
const FRAMES = {
  video: `${FRAME}gg-video?ugc_scene=pc_newcreator_video&pageType=video&site=guangguang`,
  pic: `${FRAME}gg-picture?ugc_scene=pc_newcreator_pic&pageType=article&site=guangguang`,
};

/** The real entry: `/page/pubNew/<kind>?pub_url=<encoded 发布器 URL>&pub_scene=gg` (observed 2026). */
export function publishUrl(kind: 'video' | 'pic'): string {
  return `https://creator.guanghe.taobao.com/page/pubNew/${kind}?pub_url=${encodeURIComponent(FRAMES[kind])}&pub_scene=gg`;
}

/** The Cangjie editor of 描述 / 正文. */
export function editor(f: FrameLocator): Locator {
  return f.locator('[data-cangjie-content="true"]');
}

/** Beijing wall-clock parts of an instant. */
export function beijingParts(ms: number) {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    day: `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`,
    H: p(d.getUTCHours()),
    M: p(d.getUTCMinutes()),
    shown: `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`,
  };
}

/**
 * The 发布器 iframe is as tall as its form (the page resizes it), so the form's dialogs, fixed in the
 * frame's viewport, start at the iframe's top: bring that into view, as a user scrolls up to them.
 */
export async function toFrameTop(f: FrameLocator): Promise<void> {
  await f.owner().evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

/**
 * 定时发布 at this instant (minute precision), through Fusion's DatePicker with time: the calendar
 * (上个月 / 下个月 until the day shows, day cells titled `YYYY/MM/DD`), 选择时间, the 时 and 分 menus, 确定.
 */
export async function pickSchedule(f: FrameLocator, at: number): Promise<string> {
  const t = beijingParts(at);
  await f.getByRole('radio', { name: '定时发布' }).check();
  await f.locator('#date-picker').click();
  const panel = f.locator('.next-date-picker-body');
  // Reopened, the picker shows the panel it was left on (the time): back to the calendar.
  const toDates = panel.getByRole('button', { name: '选择日期' });
  if (await toDates.isVisible()) await toDates.click();
  const title = t.day.replaceAll('-', '/');
  const day = panel.locator(`td[title="${title}"]`);
  for (let i = 0; i < 3 && (await day.count()) === 0; i++) {
    const first = await panel.locator('td[title]').first().getAttribute('title');
    // The arrows are icons named only by their tooltip (`title`).
    await panel.locator(`button[title="${title < (first ?? '') ? '上个月' : '下个月'}"]`).click();
  }
  await day.click();
  await panel.getByRole('button', { name: '选择时间' }).click();
  const menu = (title: string) =>
    panel.locator('.next-time-picker-menu', {
      has: f.locator('.next-time-picker-menu-title', { hasText: new RegExp(`^${title}$`) }),
    });
  for (const [title, value] of [
    ['时', t.H],
    ['分', t.M],
  ] as const) {
    const option = menu(title).getByRole('option', { name: String(Number(value)), exact: true });
    // One already chosen is left alone (its menu is still scrolling it into view).
    if ((await option.getAttribute('aria-selected')) !== 'true') await option.click();
  }
  await panel.locator('.next-date-picker-panel-footer').getByRole('button', { name: '确定' }).click();
  await expect(f.locator('#date-picker')).toHaveValue(t.shown);
  return t.shown;
}

/** 添加商品 → 关联商品: ticks these cards (by their text) on the tab given, then 确定. */
export async function pickProducts(
  f: FrameLocator,
  picks: { tab?: '平台优选' | '本店商品'; cards: readonly (string | RegExp)[] }[],
): Promise<void> {
  await f.getByRole('button', { name: '添加商品' }).click();
  const d = f.getByRole('dialog', { name: '关联商品' });
  await expect(d.getByPlaceholder('输入商品关键词或商品ID')).toBeVisible();
  await toFrameTop(f);
  for (const pick of picks) {
    if (pick.tab) await d.getByRole('tab', { name: pick.tab }).click();
    for (const card of pick.cards) await d.getByRole('checkbox', { name: card }).check();
  }
  await d.getByRole('button', { name: '确定' }).click();
  await expect(d).toHaveCount(0);
}

/** 点击添加话题 → 话题选择: searches, picks the card, 确认提交. */
export async function pickTopic(f: FrameLocator, topic: string): Promise<void> {
  await f.getByRole('button', { name: '点击添加话题' }).click();
  const d = f.getByRole('dialog', { name: '话题选择' });
  await expect(d.getByPlaceholder('输入关键词搜索')).toBeVisible();
  await toFrameTop(f);
  await d.getByPlaceholder('输入关键词搜索').fill(topic);
  await d.getByRole('button', { name: `#${topic}` }).click();
  await expect(d).toContainText(`当前选中话题：#${topic}`);
  await d.getByRole('button', { name: '确认提交' }).click();
  await expect(d).toHaveCount(0);
}

/**
 * Puts a title longer than the field's `maxlength="30"` into it, the way such a value reaches the real
 * form: not typed (the browser stops typing at 30) but set by script, as the page does when it
 * restores a saved draft or a paste handler writes the field. The value goes through the input
 * prototype's setter and an `input` event follows, so React (the platform's Fusion Input) sees the
 * change as its own.
 */
export async function setTitleByScript(f: FrameLocator, value: string): Promise<void> {
  const input = f.getByPlaceholder('加个标题让内容更吸引人').first();
  await input.evaluate(setByScript, value);
  await expect(input).toHaveValue(value);
}

/** Sets a field's value as page script does (the prototype's setter, then `input`): React sees it. */
export function setByScript(el: Element, value: string): void {
  const proto =
    el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * The 发布账号 Fusion Select: its combobox input stays empty, the choice is the text shown beside it,
 * so a test reads the whole select (as a user reads it) and clicks it to open the options.
 */
export function accountSelect(f: FrameLocator): Locator {
  return f.locator('.next-select', { has: f.getByRole('combobox', { name: '发布账号' }) });
}
