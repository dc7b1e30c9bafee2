/** Snapshot (content script) → submission (background), on saved pages of the mock platform. */
import { describe, expect, it } from 'vitest';
import { takeSnapshot, labelOf } from '@/utils/pages/snapshot';
import { submissionFromSnapshot } from '@/utils/pages/extract';
import { dialogTitle } from '@/utils/pages/recognise';
import { SUBMIT_KINDS } from '@/utils/platform/anchors';
import { findSubmit } from '@/utils/pages/submits';
import { load } from './saved-pages';

function dialogOf(doc: Document): Element {
  const d = doc.querySelector('[role="dialog"]');
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

  it('天猫 confirmation: identity, store name and nickname', () => {
    const doc = load('confirm-tmall.html');
    const sub = submissionFromSnapshot('nickname-confirm', takeSnapshot(doc, button(doc, '确认'), doc.title));
    expect(sub).toMatchObject({
      kind: 'nickname-confirm',
      identity: 'tmall-merchant',
      storeName: '示例官方旗舰店',
    });
  });

  it('publish frame: title by placeholder, description by aria-labelledby, account select, schedule', () => {
    const doc = load('publish-video-frame.html');
    input(doc, '加个标题让内容更吸引人').value =
      '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一';
    const editor = doc.querySelector('[contenteditable="true"]')!;
    editor.textContent = '今天的穿搭 #夏日穿搭';
    expect(labelOf(editor)).toBe('描述');
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
    });
    if (sub.kind === 'proxy-publish-video') {
      expect([...sub.title].length).toBe(31);
      expect(sub.actingAs).toBeUndefined(); // 当前账号 is not a proxy publish
    }
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
