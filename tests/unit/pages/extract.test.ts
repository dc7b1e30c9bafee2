/** Snapshot (content script) → submission (background), on saved pages of the mock platform. */
import { describe, expect, it } from 'vitest';
import { takeSnapshot, labelOf } from '@/utils/pages/snapshot';
import { rosterUnbindFromSnapshot, submissionFromSnapshot } from '@/utils/pages/extract';
import { dialogTitle } from '@/utils/pages/recognise';
import { SUBMIT_KINDS } from '@/utils/platform/anchors';
import { findSubmit } from '@/utils/pages/submits';
import { load } from './saved-pages';
import { checkSubmission, emptyContext, parseScheduleTime, type Submission } from '@/utils/rules';

// The saved pages' schedule is 3 days after they were saved: check it as of then.
const check = (s: Submission) => checkSubmission(s, emptyContext(savedAt(s)));
function savedAt(s: Submission): number {
  const schedule = 'schedule' in s ? s.schedule : undefined;
  const at = schedule?.mode === 'scheduled' ? parseScheduleTime(schedule.at) : null;
  return at ? at.at - 3 * 86_400_000 : Date.now();
}

function dialogOf(doc: Document): Element {
  const d = doc.querySelector('[role="dialog"],[role="alertdialog"]');
  if (!d) throw new Error('no dialog in saved page');
  return d;
}
function button(root: ParentNode, text: string): Element {
  const b = [...root.querySelectorAll('button')].find((x) => x.textContent?.trim() === text);
  if (!b) throw new Error(`no button ${text}`);
  return b;
}
function input(root: ParentNode, placeholder: string): HTMLInputElement {
  const el = [...root.querySelectorAll('input')].find((x) => x.getAttribute('placeholder') === placeholder);
  if (!el) throw new Error(`no input ${placeholder}`);
  return el;
}

describe('form snapshots → submissions', () => {
  it('invite dialog: 逛逛号 and phone as typed', () => {
    const doc = load('matrix-invite-dialog.html');
    const d = dialogOf(doc);
    input(d, '请输入逛逛号').value = ' 3310000001 ';
    input(d, '请输入该逛逛号绑定的手机号').value = '+86 139 0000 0001';
    const snap = takeSnapshot(d, button(d, '确定'), dialogTitle(d));
    expect(snap.title).toContain('新增矩阵账号');
    expect(submissionFromSnapshot('matrix-invite', snap)).toEqual({
      kind: 'matrix-invite',
      guangguangId: '3310000001',
      phone: '+86 139 0000 0001',
    });
  });

  it('invite dialog in other markup (no role, title in a div, 确 定, "* 逛逛号：" labels, 请填写)', () => {
    const doc = load('matrix-invite-dialog-markup.html');
    const d = doc.querySelector('.next-dialog')!;
    const [gg, phone] = [...d.querySelectorAll('input')];
    gg!.value = '3310000001';
    phone!.value = '13900000001';
    const ok = [...d.querySelectorAll('button')].find((b) => b.textContent === '确 定')!;
    const target = findSubmit(ok, 'https://creator.guanghe.taobao.com/page/account/matrix', 'top');
    expect(target?.sig.kind).toBe('matrix-invite');
    expect(target?.root).toBe(d);
    const sub = submissionFromSnapshot('matrix-invite', takeSnapshot(d, ok, dialogTitle(d)));
    expect(sub).toEqual({ kind: 'matrix-invite', guangguangId: '3310000001', phone: '13900000001' });
  });

  it('permission dialog: only newly ticked scopes, and the 逛逛号 the dialog names', () => {
    const doc = load('matrix-permission-dialog.html');
    const d = dialogOf(doc);
    const shopCard = [...d.querySelectorAll('label')].find((l) => l.textContent?.includes('店铺卡片'));
    (shopCard!.querySelector('input') as HTMLInputElement).checked = true;
    const sub = submissionFromSnapshot(
      'permission-request',
      takeSnapshot(d, button(d, '提交申请'), dialogTitle(d)),
    );
    expect(sub).toEqual({ kind: 'permission-request', guangguangId: '3310000001', scopes: ['shop-card'] });
  });

  it('unbind dialog: the 逛逛号 of the row when the dialog does not repeat it', () => {
    const doc = load('matrix-unbind-dialog.html');
    const d = dialogOf(doc);
    const sub = submissionFromSnapshot(
      'unbind',
      takeSnapshot(d, button(d, '确认解绑'), dialogTitle(d), '3310000002'),
    );
    expect(sub.kind).toBe('unbind');
    if (sub.kind === 'unbind') expect(sub.guangguangId).toMatch(/^\d{10}$/);
  });

  it("达人管理 解绑 confirmation (Fusion Dialog.confirm): the creator the dialog names and the row's 逛逛号", () => {
    const doc = load('mcn-talent-unbind-dialog.html');
    const d = dialogOf(doc);
    expect(d.getAttribute('role')).toBe('alertdialog');
    expect(d.querySelector('.next-dialog-header')).toBeNull();
    const snap = takeSnapshot(d, button(d, '确定'), dialogTitle(d), '4410000002');
    expect(rosterUnbindFromSnapshot(snap)).toEqual({
      kind: 'roster-unbind',
      guangguangId: '4410000002',
      nickname: '阿杰爱穿搭',
    });
  });

  it('天猫 confirmation: identity, store name and nickname', () => {
    const doc = load('confirm-tmall.html');
    const sub = submissionFromSnapshot('nickname-confirm', takeSnapshot(doc, button(doc, '确认'), doc.title));
    expect(sub).toMatchObject({
      kind: 'nickname-confirm',
      identity: 'tmall-merchant',
      storeName: '示例官方旗舰店',
    });
  });

  it('publish frame: title by placeholder, the rich-text description by its label, account select', () => {
    const doc = load('publish-video-frame.html');
    input(doc, '加个标题让内容更吸引人').value =
      '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一';
    const editor = doc.querySelector('[data-cangjie-content="true"]')!;
    expect(editor.getAttribute('contenteditable')).toBe('true');
    editor.textContent = '今天的穿搭 #夏日穿搭';
    expect(labelOf(editor)).toBe('描述：'); // Fusion's Form.Item label, as the page writes it
    const sub = submissionFromSnapshot(
      'proxy-publish-video',
      takeSnapshot(doc, button(doc, '立即发布'), doc.title),
    );
    expect(sub).toMatchObject({
      kind: 'proxy-publish-video',
      description: '今天的穿搭 #夏日穿搭',
      schedule: { mode: 'now' },
      tags: [],
      products: [],
      // 创作者声明: the first option is chosen by default on the real form.
      declaration: '内容无需标注',
    });
    if (sub.kind === 'proxy-publish-video') {
      expect([...sub.title].length).toBe(31);
      expect(sub.actingAs).toBeUndefined(); // 当前账号 is not a proxy publish
    }
  });

  type Publish = Extract<Submission, { kind: 'proxy-publish-video' | 'proxy-publish-image' }>;
  const publishOf = (
    name: string,
    label = '立即发布',
    kind: Publish['kind'] = 'proxy-publish-video',
  ): { doc: Document; sub: () => Publish } => {
    const doc = load(name);
    return {
      doc,
      sub: () => {
        const s = submissionFromSnapshot(kind, takeSnapshot(doc, button(doc, label), doc.title));
        if (s.kind !== 'proxy-publish-video' && s.kind !== 'proxy-publish-image') throw new Error(s.kind);
        return s;
      },
    };
  };

  it('filled 发布器: the editor text with its #tag tokens (no zero-width spacers), 内容标签, products, topic, time', () => {
    const { doc, sub } = publishOf('publish-video-frame-filled.html', '定时发布');
    expect(doc.querySelectorAll('[data-cangjie-content] [data-cangjie-void]')).toHaveLength(3);
    const s = sub();
    expect(s).toMatchObject({
      description: '三套通勤穿搭 #夏日穿搭 #穿搭 #好物分享',
      tags: ['穿搭', '好物分享'],
      products: ['冰丝阔腿裤 女夏季薄款', '草编遮阳帽'],
      shops: [],
      topics: ['周末露营'],
      declaration: '内容无需标注',
    });
    expect(s.description).not.toMatch(/[\u200B-\u200D\uFEFF]/);
    // The date picker's own value, `YYYY/MM/DD HH:mm` in Beijing time, read and parsed.
    const topic = check(s).find((f) => f.ruleId === 'publish.topic.chosen');
    expect(topic?.message.zh).toContain('#周末露营');
    const at = s.schedule.mode === 'scheduled' ? s.schedule.at : '';
    expect(at).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
    expect(parseScheduleTime(at)).not.toBeNull();
  });

  it('创作者声明 preselected: the default is read, so no declaration finding; 5 内容标签 from the toolbar are held', () => {
    const { doc, sub } = publishOf('publish-video-frame-filled.html', '定时发布');
    expect(check(sub()).filter((f) => f.ruleId.startsWith('publish.declaration.'))).toEqual([]);
    // Three more tags chosen in the 内容标签 panel: the editor holds them as tokens with a remove button.
    const line = doc.querySelector('[data-cangjie-leaf-block]')!;
    for (const t of ['美食', '家居', '数码']) {
      const token = doc.createElement('span');
      token.setAttribute('data-cangjie-void', 'true');
      const remove = doc.createElement('button');
      remove.setAttribute('aria-label', `删除内容标签 ${t}`);
      token.append(`#${t}`, remove);
      line.append(token);
    }
    const s = sub();
    expect(s.tags).toEqual(['穿搭', '好物分享', '美食', '家居', '数码']);
    expect(check(s).find((f) => f.ruleId === 'publish.tags.too-many')?.severity).toBe('block');
  });

  it('1000 characters counted with the tags, emoji as one, pasted HTML by its text', () => {
    const { doc, sub } = publishOf('publish-video-frame-filled.html', '定时发布');
    const editor = doc.querySelector('[data-cangjie-content="true"]')!;
    const voids = [...editor.querySelectorAll('[data-cangjie-void]')];
    const tokens = voids.map((t) => t.textContent).join(' ');
    // Pasted markup the editor kept (bold, a paragraph, a non-breaking space) counts by its text only.
    const el = (tag: string, ...kids: (Node | string)[]) => {
      const e = doc.createElement(tag);
      e.append(...kids);
      return e;
    };
    const line = el('div', el('p', el('b', '好'), '看\u00a0😀'), '字'.repeat(990), ...voids);
    line.setAttribute('data-cangjie-leaf-block', 'true');
    editor.replaceChildren(line);
    const text = sub().description;
    expect(text.startsWith('好看 😀')).toBe(true);
    expect(text.replace(/\s/g, '')).toContain(tokens.replace(/[\s\uFEFF]/g, ''));
    const findings = check(sub()).map((f) => f.ruleId);
    expect([...new Intl.Segmenter().segment(text)].length).toBeGreaterThan(1000);
    expect(findings).toContain('publish.description.too-long');
  });

  it('关联商品 with a product and the 店铺 card: both read, and held', () => {
    const s = publishOf('publish-video-frame-shop.html').sub();
    expect(s).toMatchObject({ products: ['草编遮阳帽'], shops: ['小林的杂货铺'] });
    expect(check(s).find((f) => f.ruleId === 'publish.products.with-shop')?.severity).toBe('block');
  });

  it('an unknown date picker: scheduled, no time read, a note and no hold', () => {
    const s = publishOf('publish-video-frame-picker.html', '定时发布').sub();
    expect(s.schedule).toEqual({ mode: 'scheduled', at: '' });
    const time = check(s).filter((f) => f.field === 'schedule.at');
    expect(time.map((f) => [f.ruleId, f.severity])).toEqual([['publish.schedule.unread', 'info']]);
  });

  it('image-text with 10 images is refused', () => {
    const s = publishOf('publish-pic-frame-10-images.html', '立即发布', 'proxy-publish-image').sub();
    expect(s).toMatchObject({ kind: 'proxy-publish-image', images: 10 });
    expect(check(s).find((f) => f.ruleId === 'publish.image.count')?.severity).toBe('block');
  });

  it('the open dialogs are not the form: 关联商品 and 话题选择 as the real ones are built', () => {
    const items = load('publish-video-frame-products-dialog.html');
    const d = items.querySelector('.next-overlay-wrapper.opened .next-dialog')!;
    expect(d.querySelector('.next-dialog-header')?.textContent).toBe('关联商品');
    expect(d.querySelector('input[placeholder="输入商品关键词或商品ID"]')).not.toBeNull();
    expect([...d.querySelectorAll('.next-tabs-tab-inner')].map((t) => t.textContent)).toEqual([
      '平台优选',
      '本店商品',
    ]);
    expect(d.querySelectorAll('.next-checkbox-input').length).toBeGreaterThan(6);
    expect(d.textContent).toContain('已选商品');
    const topic = load('publish-video-frame-topic-dialog.html');
    const t = topic.querySelector('.next-dialog')!;
    expect(t.querySelector('.next-dialog-header')?.textContent).toBe('话题选择');
    expect(t.querySelector('input[placeholder="输入关键词搜索"]')).not.toBeNull();
    expect(t.textContent).toContain('当前选中话题：');
    expect(t.querySelector('.next-dialog-footer .next-btn-primary .next-btn-helper')?.textContent).toBe(
      '确认提交',
    );
  });

  it('image frame without image chips says nothing about the count (never 0)', () => {
    const doc = load('publish-pic-frame.html');
    const sub = submissionFromSnapshot(
      'proxy-publish-image',
      takeSnapshot(doc, button(doc, '立即发布'), doc.title),
    );
    expect(sub.kind).toBe('proxy-publish-image');
    if (sub.kind === 'proxy-publish-image') expect(sub.images === undefined || sub.images > 0).toBe(true);
  });

  it('an empty snapshot yields empty fields, never a throw', () => {
    const empty = { title: '', button: '', fields: [], checked: [], removable: [], text: '' };
    for (const kind of SUBMIT_KINDS) expect(() => submissionFromSnapshot(kind, empty)).not.toThrow();
  });
});
