/**
 * Markup the mock platform does not draw: the same visible labels in other elements, other spacing,
 * other marks. Each builder gives a whole document (parsed by linkedom), so a recogniser is tested on
 * markup it has never seen, the way the real platform may draw it. Class names like `x--Ab12c`
 * imitate hashed CSS modules: nothing may anchor on them.
 */
import { parseHTML } from 'linkedom';

export function doc(body: string): Document {
  return parseHTML(
    `<!DOCTYPE html><html lang="zh-CN"><head><title>t</title></head><body>${body}</body></html>`,
  ).document;
}

export interface InviteVariant {
  name: string;
  /** The whole dialog, with `{gg}` and `{phone}` where the two inputs go. */
  html: string;
}

const PRIMARY = 'class="next-btn next-medium next-btn-primary"';

/** The 新增矩阵账号 dialog, drawn eleven ways. Inputs carry data-f="gg" / data-f="phone" for the test. */
export const INVITE_VARIANTS: InviteVariant[] = [
  {
    name: 'button text with an inner space (确 定) in a role=button div',
    html: `<div role="dialog" aria-labelledby="t1"><div id="t1" class="next-dialog-header">新增矩阵账号</div>
      <div><label for="a">逛逛号</label><input id="a" data-f="gg" placeholder="请输入逛逛号"></div>
      <div><label for="b">手机号</label><input id="b" data-f="phone" placeholder="请输入手机号"><button>校验</button></div>
      <div><div role="button" tabindex="0" ${PRIMARY}>确 定</div><div role="button">取 消</div></div></div>`,
  },
  {
    name: 'a Fusion button that is a link, with a zero-width space in its text',
    html: `<div role="dialog" aria-label="新增矩阵账号">
      <div class="item--Ab12c"><label for="a">逛逛号</label><input id="a" data-f="gg"></div>
      <div class="item--Ab12c"><label for="b">手机号</label><input id="b" data-f="phone"></div>
      <a ${PRIMARY}>确\u200b定</a><a class="next-btn">取消</a></div>`,
  },
  {
    name: 'labels with colons, full-width and half-width, and a leading required mark',
    html: `<div role="dialog" aria-labelledby="t3"><h3 id="t3">新增矩阵账号</h3>
      <div class="next-form-item"><div class="next-form-item-label">* 逛逛号：</div>
        <div class="next-form-item-control"><input data-f="gg" placeholder="请输入"></div></div>
      <div class="next-form-item"><div class="next-form-item-label">手机号码:</div>
        <div class="next-form-item-control"><input data-f="phone" placeholder="请输入"></div></div>
      <button ${PRIMARY}>确定</button></div>`,
  },
  {
    name: 'a required mark inside the label (full-width ＊) and non-breaking spaces',
    html: `<div role="dialog" aria-labelledby="t4"><div id="t4">新增\u00a0矩阵账号</div>
      <p><label>逛逛号<span class="req--Zx81q">＊</span></label><span><input data-f="gg"></span></p>
      <p><label>手机号<span class="req--Zx81q">＊</span></label><span><input data-f="phone"></span></p>
      <button ${PRIMARY}><span>确定</span></button></div>`,
  },
  {
    name: 'a dialog with no role (Fusion next-dialog only) whose title is a plain div, not a header',
    html: `<div class="next-overlay-wrapper opened"><div class="next-dialog">
      <div class="head--Q1w2e"><span>新增矩阵账号</span><button aria-label="关闭">×</button></div>
      <div class="body--Q1w2e"><label for="a">逛逛号</label><input id="a" data-f="gg">
        <label for="b">手机号</label><input id="b" data-f="phone"></div>
      <div class="foot--Q1w2e"><button ${PRIMARY}>确定</button><button>取消</button></div></div></div>`,
  },
  {
    name: 'a role=dialog whose title is its first line of text, no aria-labelledby',
    html: `<div role="dialog"><div class="t--P0o9i">新增矩阵账号</div>
      <div><span class="label--P0o9i">逛逛号</span><input data-f="gg"></div>
      <div><span class="label--P0o9i">手机号</span><input data-f="phone"></div>
      <button ${PRIMARY}>提交</button></div>`,
  },
  {
    name: 'fields known only by their placeholder (no label at all)',
    html: `<div role="dialog" aria-label="新增矩阵账号"><div class="grid--k3j4h">
      <input data-f="gg" placeholder="请输入逛逛号"><input data-f="phone" placeholder="请输入该逛逛号绑定的手机号">
      </div><button ${PRIMARY}>确定</button></div>`,
  },
  {
    name: 'placeholders the table has never seen, naming the field in other words',
    html: `<div role="dialog" aria-label="新增矩阵账号">
      <input data-f="gg" placeholder="请填写对方的逛逛号"><input data-f="phone" placeholder="对方注册时使用的手机号码">
      <button ${PRIMARY}>确定</button></div>`,
  },
  {
    name: 'neither label nor placeholder: the platform order (逛逛号, then 手机号)',
    html: `<div role="dialog" aria-label="新增矩阵账号"><div><input data-f="gg"></div><div><input data-f="phone"></div>
      <button ${PRIMARY}>确定</button></div>`,
  },
  {
    name: 'a grid-laid form: labels as column headers, inputs in a row with the typed phone shown',
    html: `<div role="dialog" aria-label="新增矩阵账号"><table role="grid">
      <thead><tr><th>逛逛号</th><th>手机号</th><th></th></tr></thead>
      <tbody><tr role="row"><td><input data-f="gg" placeholder="请输入逛逛号"></td>
        <td><input data-f="phone" placeholder="请输入手机号"><span class="echo--a1b2c">13900000001</span></td>
        <td><button data-verify>校验</button></td></tr></tbody></table>
      <button ${PRIMARY}>确定</button></div>`,
  },
  {
    name: 'zero-width characters in the title and the labels',
    html: `<div role="dialog" aria-labelledby="t11"><div id="t11" class="next-dialog-title">新增\u200b矩阵\ufeff账号</div>
      <label for="a">逛\u200b逛号：</label><input id="a" data-f="gg">
      <label for="b">手\u200c机号：</label><input id="b" data-f="phone">
      <button ${PRIMARY}>确定</button></div>`,
  },
];
