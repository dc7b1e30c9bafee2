/**
 * The small inline box that explains why a submit was held. A shadow root keeps the
 * platform's CSS out and ours in; everything is built from text nodes (no HTML strings).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CheckVerdict } from '@/utils/submit-types';

const CSS = `
:host{all:initial}
.box{position:fixed;right:16px;bottom:16px;z-index:2147483647;width:360px;max-height:60vh;overflow:auto;
background:#fff;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.18);font:14px/1.5 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",system-ui,sans-serif;color:#1f2329;border-top:4px solid #f5a623}
.box.block{border-top-color:#e5484d}
h2{margin:0;padding:10px 14px 4px;font-size:14px}
ul{margin:0;padding:4px 14px 4px 30px}
li{margin:6px 0}.en{display:block;color:#646a73;font-size:12px}
.sev{font-weight:600;margin-right:4px}.block .sev-block{color:#e5484d}.sev-warn{color:#b26a00}.sev-info{color:#3370ff}
.row{display:flex;gap:8px;padding:8px 14px 12px;align-items:center;flex-wrap:wrap}
input{flex:1 1 100%;padding:5px 8px;border:1px solid #d0d3d6;border-radius:4px;font:inherit}
button{padding:5px 12px;border-radius:4px;border:1px solid #d0d3d6;background:#fff;font:inherit;cursor:pointer}
button.primary{background:#b26a00;border-color:#b26a00;color:#fff}
`;

let host: HTMLElement | null = null;

const SEV = { block: '阻止', warn: '提醒', info: '说明' } as const;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  cls?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

export function hideFindings(): void {
  host?.remove();
  host = null;
}

export function showFindings(
  ctx: ContentScriptContext,
  verdict: CheckVerdict,
  actions: { onContinue: (reason: string) => void; onCancel: () => void },
): void {
  hideFindings();
  if (ctx.isInvalid) return;
  host = el('div');
  host.setAttribute('data-guanghe-assistant', 'findings');
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style', CSS);
  const box = el('div', undefined, `box ${verdict.verdict}`);
  box.setAttribute('role', 'alertdialog');
  box.setAttribute('aria-live', 'assertive');
  const title =
    verdict.verdict === 'block'
      ? '光合助手：提交已拦截，请先修改 / Submit held: please fix first'
      : '光合助手：请确认后再提交 / Please confirm before submitting';
  box.setAttribute('aria-label', title);
  box.append(el('h2', title));
  const list = el('ul');
  for (const f of verdict.findings) {
    const li = el('li');
    li.append(
      el('span', SEV[f.severity], `sev sev-${f.severity}`),
      document.createTextNode(f.message.zh),
      el('span', f.message.en, 'en'),
    );
    list.append(li);
  }
  box.append(list);
  const row = el('div', undefined, 'row');
  const close = el('button', '返回修改 / Edit');
  close.addEventListener('click', () => {
    hideFindings();
    actions.onCancel();
  });
  if (verdict.verdict === 'warn') {
    const reason = el('input');
    reason.placeholder = '继续的理由（可选）/ Reason (optional)';
    reason.setAttribute('aria-label', '继续的理由 / Reason');
    const go = el('button', '仍然继续 / Continue anyway', 'primary');
    go.addEventListener('click', () => {
      const r = reason.value.trim();
      hideFindings();
      actions.onContinue(r);
    });
    row.append(reason, go, close);
  } else {
    row.append(close);
  }
  box.append(row);
  root.append(style, box);
  document.documentElement.append(host);
}
