/**
 * Text that varies (issue 11): the recognisers, the snapshot, the extractor and the submit finder on
 * markup the mock does not draw — other elements for the same visible labels, inner spaces, colons,
 * required marks, zero-width and full-width characters, titles outside headers, fields known only by
 * placeholder, Fusion `next-*` classes where there is no role. Nothing here may throw, and what
 * cannot be read comes out empty (the rules then say so), never as another field's value.
 */
import { describe, expect, it } from 'vitest';
import { clean, normaliseText, sameText, textIncludes } from '@/utils/pages/text';
import {
  dialogTitle,
  readMatrixRows,
  recognise,
  recogniseDialogs,
  recognisePage,
  rowGuangguangId,
} from '@/utils/pages/recognise';
import { takeSnapshot } from '@/utils/pages/snapshot';
import { submissionFromSnapshot, unreadableFields } from '@/utils/pages/extract';
import { enterField, enterSubmitButton, findSubmit, isPlainEnter } from '@/utils/pages/submits';
import { parseScheduleTime } from '@/utils/rules';
import { check } from '../rules/fixtures';
import { INVITE_VARIANTS, doc } from './variant-markup';
import { load } from './saved-pages';

const C = 'https://creator.guanghe.taobao.com';
const MATRIX = `${C}/page/account/matrix`;
const FRAME = 'https://huodong.taobao.com/wow/z/guang/gg_publish/gg-video?from=creator';

function byText(root: ParentNode, selector: string, text: string): HTMLElement {
  const el = [...root.querySelectorAll<HTMLElement>(selector)].find((b) => sameText(b.textContent, text));
  if (!el) throw new Error(`no ${selector} reading ${text}`);
  return el;
}

describe('normaliseText: one comparable form for every anchor', () => {
  it.each([
    ['确 定', '确定'],
    ['确\u200b定', '确定'],
    ['\ufeff确\u2060定\u00ad', '确定'],
    ['* 逛逛号：', '逛逛号'],
    ['＊手机号:', '手机号'],
    ['手机号 *', '手机号'],
    ['逛逛号：*', '逛逛号'],
    ['新增\u00a0矩阵\u3000账号', '新增矩阵账号'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['当前选中话题：夏日', '当前选中话题:夏日'],
    ['', ''],
  ])('%j → %j', (raw, want) => {
    expect(normaliseText(raw)).toBe(want);
  });

  it('handles null and undefined, and empty text equals nothing', () => {
    expect(normaliseText(null)).toBe('');
    expect(normaliseText(undefined)).toBe('');
    expect(sameText('', '')).toBe(false);
    expect(sameText(' * ', '')).toBe(false);
    expect(textIncludes('anything', '')).toBe(false);
    expect(textIncludes('解绑 矩阵账号', '解绑')).toBe(true);
  });

  it('clean, for text that is kept, collapses spaces and drops invisible marks but keeps emoji whole', () => {
    expect(clean('  小林\u200b的  穿搭 ')).toBe('小林的 穿搭');
    expect(clean('👨\u200d👩\u200d👧 家')).toBe('👨\u200d👩\u200d👧 家');
  });
});

describe('the invite dialog drawn in markup never seen', () => {
  for (const v of INVITE_VARIANTS) {
    it(v.name, () => {
      const d = doc(`<div id="app"><h2>矩阵账号管理</h2><button>新增矩阵账号</button></div>${v.html}`);
      const dialogs = recogniseDialogs(d);
      expect(dialogs.map((x) => x.id)).toEqual(['matrix-invite']);
      const gg = d.querySelector<HTMLInputElement>('[data-f="gg"]')!;
      const phone = d.querySelector<HTMLInputElement>('[data-f="phone"]')!;
      gg.value = '3310000001';
      phone.value = '13900000001';

      const submit = [...d.querySelectorAll('.next-btn-primary')][0]!;
      const target = findSubmit(submit, MATRIX, 'top');
      expect(target?.sig.kind).toBe('matrix-invite');
      const root = target!.root as Element;
      expect(root.contains(gg)).toBe(true);

      const snap = takeSnapshot(root, submit, dialogTitle(root));
      expect(normaliseText(snap.title)).toContain('新增矩阵账号');
      expect(submissionFromSnapshot('matrix-invite', snap)).toEqual({
        kind: 'matrix-invite',
        guangguangId: '3310000001',
        phone: '13900000001',
      });

      // Enter in either field submits through the same button a click would.
      expect(enterSubmitButton(gg)).toBe(submit);
      expect(enterSubmitButton(phone)).toBe(submit);

      // The other buttons are not the submit.
      for (const b of root.querySelectorAll('button,[role="button"],a'))
        if (b !== submit && !b.contains(submit)) expect(findSubmit(b, MATRIX, 'top')).toBeNull();
    });
  }

  it('an unknown invite field stays empty; it is never filled with the other field’s value', () => {
    const d = doc(`<div role="dialog" aria-label="新增矩阵账号">
      <div class="row--a"><label>逛逛号</label><input data-f="gg"><label>备注</label><input data-f="x"></div>
      <input data-f="y"><button class="next-btn-primary">确定</button></div>`);
    d.querySelector<HTMLInputElement>('[data-f="gg"]')!.value = '3310000001';
    d.querySelector<HTMLInputElement>('[data-f="x"]')!.value = 'note';
    const root = recogniseDialogs(d)[0]!.el;
    const sub = submissionFromSnapshot(
      'matrix-invite',
      takeSnapshot(root, byText(root, 'button', '确定'), ''),
    );
    expect(sub).toEqual({ kind: 'matrix-invite', guangguangId: '3310000001', phone: '' });
    // Not "empty": unread. The content script lets such a submit go on unchecked (fail open).
    expect(unreadableFields('matrix-invite', takeSnapshot(root, byText(root, 'button', '确定'), ''))).toEqual(
      ['invitePhone'],
    );
  });

  it('one field found, one left beside it: that one is the other field; nothing found: both unread', () => {
    const one = doc(`<div role="dialog" aria-label="新增矩阵账号"><label>逛逛号</label><input data-f="gg">
      <div><input data-f="phone"></div><button>确定</button></div>`);
    one.querySelector<HTMLInputElement>('[data-f="gg"]')!.value = '3310000001';
    one.querySelector<HTMLInputElement>('[data-f="phone"]')!.value = '13900000001';
    const snap = takeSnapshot(recogniseDialogs(one)[0]!.el, byText(one, 'button', '确定'), '');
    expect(submissionFromSnapshot('matrix-invite', snap)).toMatchObject({ phone: '13900000001' });
    expect(unreadableFields('matrix-invite', snap)).toEqual([]);
    const none = { title: '', button: '确定', fields: [], checked: [], removable: [], text: '' };
    expect(unreadableFields('matrix-invite', none)).toEqual(['inviteGuangguangId', 'invitePhone']);
    expect(unreadableFields('unbind', none)).toEqual([]);
  });

  it('a half-rendered dialog (no title, no body yet) is not recognised and holds nothing', () => {
    const d = doc(`<div role="dialog"><div class="next-dialog-footer"><button>确定</button></div></div>`);
    expect(recogniseDialogs(d)).toEqual([]);
    expect(findSubmit(byText(d, 'button', '确定'), MATRIX, 'top')).toBeNull();
    const empty = doc('<div role="dialog"></div><div class="next-dialog"></div>');
    expect(recognise(empty, MATRIX, 'top').dialogs).toEqual([]);
  });

  it('a closed or hidden dialog is not reported', () => {
    const d = doc(`<div class="next-overlay-wrapper"><div role="dialog" aria-label="新增矩阵账号"></div></div>
      <div role="dialog" aria-hidden="true" aria-label="解绑矩阵账号"></div>
      <div hidden><div role="dialog" aria-label="申请代理权限"></div></div>`);
    expect(recogniseDialogs(d)).toEqual([]);
  });

  it('one dialog drawn as a role=dialog box inside a next-dialog counts once', () => {
    const d = doc(`<div class="next-dialog"><div role="dialog" aria-label="解绑矩阵账号">
      <p>矩阵账号：小林（逛逛号：3310000001）</p><button>确认解绑</button></div></div>`);
    expect(recogniseDialogs(d).map((x) => x.id)).toEqual(['matrix-unbind']);
    const target = findSubmit(byText(d, 'button', '确认解绑'), MATRIX, 'top');
    expect(target?.sig.kind).toBe('unbind');
    const sub = submissionFromSnapshot(
      'unbind',
      takeSnapshot(target!.root, byText(d, 'button', '确认解绑'), ''),
    );
    expect(sub).toMatchObject({ kind: 'unbind', guangguangId: '3310000001' });
  });
});

describe('pages and lists in markup never seen', () => {
  it('a page title drawn as a styled div, and a spaced button, still name the matrix page', () => {
    const d = doc(`<ul class="next-menu"><li><a>矩阵账号管理</a></li></ul>
      <div class="title--Zz9y8">矩阵账号管理</div><button class="next-btn">新增 矩阵账号</button>`);
    expect(recognisePage(d, MATRIX)).toBe('matrix');
  });

  it('a menu item alone is never a page heading', () => {
    const d =
      doc(`<nav><span>矩阵账号管理</span></nav><div role="menu"><div role="menuitem">个人信息确认</div></div>
      <button>新增矩阵账号</button>`);
    expect(recognisePage(d, MATRIX)).toBe('unknown');
    expect(recognisePage(d, `${C}/page/confirm`)).toBe('unknown');
  });

  it('a heading with spaces or zero-width characters, and a placeholder with a full-width colon', () => {
    expect(recognisePage(doc('<h2>个人信息 确认</h2>'), `${C}/page/confirm`)).toBe('confirm-info');
    expect(recognisePage(doc('<div class="h--a1">个人\u200b信息确认</div>'), `${C}/page/confirm`)).toBe(
      'confirm-info',
    );
    expect(recognisePage(doc('<input placeholder="请输入作品ID或关键字 ">'), `${C}/page/workspace/tb`)).toBe(
      'works',
    );
  });

  it('a page that matches nothing is "unknown", never a throw', () => {
    for (const body of ['', '<div></div>', '<div role="dialog"></div>', '<table><tr><td>1</td></tr></table>'])
      expect(recognise(doc(body), MATRIX, 'top')).toMatchObject({ page: 'unknown', dialogs: [] });
  });

  it('a Fusion table drawn as separate header and body tables, with header text variants', () => {
    const d = doc(`<h2>矩阵账号管理</h2><button>新增矩阵账号</button>
      <div class="next-table"><div class="next-table-header"><table><thead><tr>
        <th><div>昵称</div></th><th><div>逛逛号 </div></th><th><div>绑定\u200b状态</div></th><th><div>权限状态：</div></th><th>操作</th>
      </tr></thead></table></div>
      <div class="next-table-body"><table><tbody>
        <tr class="next-table-row"><td>小林的穿搭日记</td><td><span>3310000001</span></td><td>已绑定</td><td>代理发布：已开通</td>
          <td><button>申请代理权限</button></td></tr>
        <tr class="next-table-row"><td>小林家的厨房</td><td>３３１００００００２</td><td>待接受</td><td>—</td><td><button>解绑</button></td></tr>
      </tbody></table></div></div>`);
    const rows = readMatrixRows(d);
    expect(rows.map((r) => [r.guangguangId, r.bindingText])).toEqual([
      ['3310000001', '已绑定'],
      ['3310000002', '待接受'],
    ]);
    expect(rowGuangguangId(byText(d, 'button', '申请代理权限'))).toBe('3310000001');
    expect(rowGuangguangId(byText(d, 'button', '解绑'))).toBe('3310000002');
  });

  it('digits in a form’s own rows (a phone typed in a grid-laid form) are never a list row’s 逛逛号', () => {
    const v = INVITE_VARIANTS.find((x) => x.name.startsWith('a grid-laid form'))!;
    const d = doc(`<h2>矩阵账号管理</h2><button>新增矩阵账号</button>${v.html}
      <form><table><thead><tr><th>逛逛号</th><th>绑定状态</th><th>手机号</th></tr></thead>
        <tbody><tr><td><input value="3310000009"></td><td>待接受</td><td>13900000009</td></tr></tbody></table>
        <button type="button" data-in-form>校验</button></form>`);
    expect(readMatrixRows(d)).toEqual([]);
    expect(rowGuangguangId(d.querySelector('[data-verify]')!)).toBeUndefined();
    expect(rowGuangguangId(d.querySelector('[data-in-form]')!)).toBeUndefined();
  });

  it('a list row without a 逛逛号 column gives its 逛逛号 only when it is labelled (逛逛号：ID)', () => {
    const d = doc(`<div role="row"><span>小林</span><span>逛逛号：3310000003</span><span>粉丝 12345</span>
      <button id="a">解绑</button></div>
      <div role="row"><span>粉丝 12345</span><span>13900000001</span><button id="b">解绑</button></div>`);
    expect(rowGuangguangId(d.getElementById('a')!)).toBe('3310000003');
    expect(rowGuangguangId(d.getElementById('b')!)).toBeUndefined();
  });

  it('a row whose cells run together (逛逛号：ID, then LV5 and a fan count) gives the ID alone', () => {
    // 达人管理 of the institution platform: no 逛逛号 column, the label under the name, no spaces
    // between the cells in the row's text.
    const d = load('mcn-talent-digits.html');
    const [first, second] = [...d.querySelectorAll('tbody tr')];
    expect(first!.textContent).toMatch(/逛逛号：4410009999LV6/);
    const unbind = (tr: Element) => [...tr.querySelectorAll('button')].find((b) => b.textContent === '解绑')!;
    expect(rowGuangguangId(unbind(first!))).toBe('4410009999');
    expect(rowGuangguangId(unbind(second!))).toBe('4410008888');
    // A row that shows no 逛逛号 has none, whatever digits it holds.
    const odd = [...load('mcn-talent-no-ggh.html').querySelectorAll('tbody tr')][1]!;
    expect(odd.textContent).toContain('七七2023');
    expect(rowGuangguangId(unbind(odd))).toBeUndefined();
  });

  it('permission scopes ticked in Fusion checkboxes whose input is not inside a <label>', () => {
    const d = doc(`<div role="dialog" aria-label="申请代理权限"><p>向「小林」（逛逛号：3310000001）申请</p>
      <div class="next-checkbox-wrapper"><span class="next-checkbox"><input type="checkbox" data-s="p"></span>
        <span class="next-checkbox-label">代理 发布</span></div>
      <div class="opt--x1"><span><input type="checkbox" data-s="i"></span><span>代理互动</span></div>
      <button class="next-btn-primary">提交申请</button></div>`);
    d.querySelector<HTMLInputElement>('[data-s="p"]')!.checked = true;
    d.querySelector<HTMLInputElement>('[data-s="i"]')!.checked = true;
    const btn = byText(d, 'button', '提交申请');
    const t = findSubmit(btn, MATRIX, 'top')!;
    expect(t.sig.kind).toBe('permission-request');
    expect(submissionFromSnapshot('permission-request', takeSnapshot(t.root, btn, ''))).toEqual({
      kind: 'permission-request',
      guangguangId: '3310000001',
      scopes: ['proxy-publish', 'proxy-interaction'],
    });
  });
});

describe('the 个人信息确认 page in markup never seen', () => {
  it('title in a div, "* 昵称：" label, 确 认, 店铺名称：… in prose', () => {
    const d = doc(`<section><div class="t--Ab12c">个人信息 确认</div>
      <div class="next-form-item"><div class="next-form-item-label">* 昵称：</div>
        <div class="next-form-item-control"><input value="示例天猫官方" disabled>
          <div class="extra--Ab12c">昵称根据店铺名称：示例官方旗舰店 自动生成</div></div></div>
      <div>天猫商家昵称确认后不可修改</div><button class="next-btn next-btn-primary"><span>确 认</span></button></section>`);
    const url = `${C}/page/confirm`;
    expect(recognise(d, url, 'top')).toMatchObject({ page: 'confirm-info', confirmVariant: 'tmall' });
    const btn = d.querySelector('button')!;
    const t = findSubmit(btn, url, 'top');
    expect(t?.sig.kind).toBe('nickname-confirm');
    expect(submissionFromSnapshot('nickname-confirm', takeSnapshot(t!.root, btn, ''))).toEqual({
      kind: 'nickname-confirm',
      identity: 'tmall-merchant',
      nickname: '示例天猫官方',
      storeName: '示例官方旗舰店',
    });
  });
});

/** A 发布器 frame with the parts a test sets: the schedule field's markup and the title/editor. */
function frame(parts: { schedule?: string; title?: string; editor?: string; button?: string }): Document {
  return doc(`<h2>发布账号</h2>
    <div class="next-form-item"><div class="next-form-item-label"><label>标题：</label></div>
      <div class="next-form-item-control">${parts.title ?? '<input data-f="title" placeholder="加个标题让内容更吸引人" maxlength="30">'}</div></div>
    <div class="next-form-item"><div class="next-form-item-label"><label id="dl">描述</label></div>
      <div class="next-form-item-control">${parts.editor ?? '<div contenteditable="true" aria-labelledby="dl" data-f="desc"></div>'}</div></div>
    <label class="next-radio-wrapper"><input type="radio" name="m" value="now">立即发布</label>
    <label class="next-radio-wrapper"><input type="radio" name="m" value="s" checked>定时发布</label>
    ${parts.schedule ?? ''}
    <label class="next-radio-wrapper"><input type="radio" name="d" checked>内容无需标注</label>
    <div class="footer--a1"><button class="next-btn next-btn-primary">${parts.button ?? '定时发布'}</button></div>`);
}

function publish(d: Document) {
  // linkedom has no live `checked` property: set it from the markup, as a browser would.
  for (const r of d.querySelectorAll<HTMLInputElement>('input[checked]')) r.checked = true;
  const btn = d.querySelector('.next-btn-primary')!;
  const t = findSubmit(btn, FRAME, 'publish-frame');
  expect(t?.sig.kind).toBe('proxy-publish-video');
  const sub = submissionFromSnapshot('proxy-publish-video', takeSnapshot(t!.root, btn, 'frame'));
  if (sub.kind !== 'proxy-publish-video') throw new Error(sub.kind);
  return sub;
}

describe('the 发布器 in markup never seen', () => {
  it('the real date picker (read-only combobox, 请选择日期和时间, YYYY/MM/DD HH:mm) is read and parses', () => {
    const d = frame({
      schedule:
        '<span class="next-date-picker"><input id="date-picker" role="combobox" readonly placeholder="请选择日期和时间" value="2030/01/02 10:30"></span>',
    });
    const sub = publish(d);
    expect(sub.schedule).toEqual({ mode: 'scheduled', at: '2030/01/02 10:30' });
    expect(parseScheduleTime((sub.schedule as { at: string }).at)).not.toBeNull();
  });

  it('an unknown date picker: the one field whose value reads as a date and time', () => {
    const d = frame({ schedule: '<div class="picker--x9"><input value="2030-01-02 10:30"></div>' });
    expect(publish(d).schedule).toEqual({ mode: 'scheduled', at: '2030-01-02 10:30' });
  });

  it.each([
    ['an empty picker', '<input placeholder="请选择日期和时间" value="">', 'publish.schedule.unread'],
    [
      'a malformed value',
      '<input placeholder="请选择日期和时间" value="Invalid date">',
      'publish.schedule.unparseable',
    ],
    [
      'a picker with no field the assistant can find',
      '<div class="next-date-picker"><span>选择时间</span></div>',
      'publish.schedule.unread',
    ],
    ['zero-width only', '<input placeholder="请选择日期和时间" value="\u200b">', 'publish.schedule.unread'],
  ])('%s: a note that it could not be read, never a hold on the time', (_name, schedule, rule) => {
    const sub = publish(frame({ schedule }));
    expect(sub.schedule.mode).toBe('scheduled');
    const findings = check(sub).filter((f) => f.field === 'schedule.at');
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([[rule, 'info']]);
  });

  it('a title with emoji and zero-width characters is kept as typed (the rules count it)', () => {
    const d = frame({});
    d.querySelector<HTMLInputElement>('[data-f="title"]')!.value = '夏日😀\u200b穿搭 👨\u200d👩\u200d👧';
    expect(publish(d).title).toBe('夏日😀\u200b穿搭 👨\u200d👩\u200d👧');
  });

  it('a title known by its label (标题：) when its placeholder is one the table does not know', () => {
    const d = frame({ title: '<input data-f="title" placeholder="请输入标题">' });
    d.querySelector<HTMLInputElement>('[data-f="title"]')!.value = '夏日穿搭';
    const sub = submissionFromSnapshot(
      'proxy-publish-video',
      takeSnapshot(d, d.querySelector('.next-btn-primary')!, 'frame'),
    );
    expect(sub).toMatchObject({ title: '夏日穿搭' });
  });

  it('an editor with pasted HTML (paragraphs, styles, a script tag) gives its text, no throw', () => {
    const d = frame({
      editor:
        '<div contenteditable="true" data-cangjie-content="true" aria-labelledby="dl"><p><b>今天</b>的<span style="color:red">穿搭</span></p><p>#夏日<span data-cangjie-void="true">#穿搭</span>😀</p><script>alert(1)</script></div>',
    });
    const sub = publish(d);
    expect(sub.description).toContain('今天的穿搭');
    expect(sub.description).toContain('😀');
    expect(sub.declaration).toBe('内容无需标注');
  });

  it('a spaced submit text (定 时 发 布) is the publish submit and says 定时', () => {
    const sub = publish(
      frame({
        button: '定 时 发 布',
        schedule: '<input placeholder="请选择日期和时间" value="2030/01/02 10:30">',
      }),
    );
    expect(sub.schedule).toEqual({ mode: 'scheduled', at: '2030/01/02 10:30' });
  });
});

describe('a submit by Enter', () => {
  it('is a plain Enter only: not while an input method composes, not with a modifier', () => {
    expect(isPlainEnter({ key: 'Enter' })).toBe(true);
    expect(isPlainEnter({ key: 'Enter', isComposing: true })).toBe(false);
    expect(isPlainEnter({ key: 'Enter', keyCode: 229 })).toBe(false);
    expect(isPlainEnter({ key: 'Enter', shiftKey: true })).toBe(false);
    expect(isPlainEnter({ key: 'Enter', ctrlKey: true })).toBe(false);
    expect(isPlainEnter({ key: 'a' })).toBe(false);
  });

  it('only in a one-line field', () => {
    const d =
      doc(`<input id="t"><input id="tel" type="tel"><textarea id="ta"></textarea><div id="ce" contenteditable="true"></div>
      <input id="ro" readonly><input id="s" type="search"><input id="cb" type="checkbox"><input id="c" role="combobox">
      <input id="dis" disabled>`);
    expect(enterField(d.getElementById('t'))).toBe(d.getElementById('t'));
    expect(enterField(d.getElementById('tel'))).toBe(d.getElementById('tel'));
    for (const id of ['ta', 'ce', 'ro', 's', 'cb', 'c', 'dis'])
      expect(enterField(d.getElementById(id)), id).toBeNull();
    expect(enterField(null)).toBeNull();
  });

  it('the saved invite dialog: Enter in either field submits through 确定 (not 校验, not 取消)', () => {
    const d = load('matrix-invite-dialog.html');
    const dialog = d.querySelector('[role="dialog"]')!;
    const ok = byText(dialog, 'button', '确定');
    for (const input of dialog.querySelectorAll<HTMLInputElement>('input'))
      expect(enterSubmitButton(input)).toBe(ok);
  });

  it('in a <form>, whichever button the form treats as its default', () => {
    const a = doc(`<div role="dialog" aria-label="新增矩阵账号"><form><input id="i">
      <button type="button">校验</button><button type="submit">确定</button></form></div>`);
    expect(enterSubmitButton(a.getElementById('i') as HTMLInputElement)).toBe(byText(a, 'button', '确定'));
    // <button> without a type is a submit button: here 校验 is the default, so Enter verifies, it does not invite.
    const b = doc(`<div role="dialog" aria-label="新增矩阵账号"><form><input id="i">
      <button>校验</button><button type="submit">确定</button></form></div>`);
    expect(enterSubmitButton(b.getElementById('i') as HTMLInputElement)).toBeNull();
    // A search form's 搜索 on a page: not ours.
    const c = doc(`<form><input id="i"><button>搜索</button></form><button>确认</button>`);
    expect(enterSubmitButton(c.getElementById('i') as HTMLInputElement)).toBeNull();
  });

  it('not in a dialog we do not know, not on a bare page, not in a field with an Enter of its own', () => {
    const d = frame({});
    expect(enterSubmitButton(d.querySelector<HTMLInputElement>('[data-f="title"]')!)).toBeNull();
    const picker = doc(
      `<div role="dialog" aria-label="话题选择"><input id="q" placeholder="输入关键词搜索"><button>确认提交</button></div>`,
    );
    expect(enterSubmitButton(picker.getElementById('q') as HTMLInputElement)).toBeNull();
    const own =
      doc(`<div role="dialog" aria-label="新增矩阵账号"><input id="t" placeholder="输入话题，回车添加">
      <button class="next-btn-primary">确定</button></div>`);
    expect(enterSubmitButton(own.getElementById('t') as HTMLInputElement)).toBeNull();
    const disabled = doc(
      `<div role="dialog" aria-label="新增矩阵账号"><input id="t"><button disabled>确定</button></div>`,
    );
    expect(enterSubmitButton(disabled.getElementById('t') as HTMLInputElement)).toBeNull();
  });

  it('a known dialog: only one whose fields submit on Enter (新增矩阵账号), not the others', () => {
    const other = doc(
      `<div role="dialog" aria-label="申请代理权限"><input id="t" placeholder="备注"><button class="next-btn-primary">提交申请</button></div>`,
    );
    expect(enterSubmitButton(other.getElementById('t') as HTMLInputElement)).toBeNull();
    const unbind = doc(
      `<div role="dialog" aria-label="确认解绑"><input id="t"><button class="next-btn-primary">确认解绑</button></div>`,
    );
    expect(enterSubmitButton(unbind.getElementById('t') as HTMLInputElement)).toBeNull();
    const invite = doc(
      `<div role="dialog" aria-label="新增矩阵账号"><input id="t"><button class="next-btn-primary">确定</button></div>`,
    );
    expect(enterSubmitButton(invite.getElementById('t') as HTMLInputElement)).toBe(
      byText(invite, 'button', '确定'),
    );
  });

  it('a 批量发布 row (a table on a bare page): Enter is the page’s own', () => {
    const d = load('mcn-batch-frame.html');
    for (const input of d.querySelectorAll<HTMLInputElement>('tbody input'))
      expect(enterSubmitButton(input)).toBeNull();
  });
});
