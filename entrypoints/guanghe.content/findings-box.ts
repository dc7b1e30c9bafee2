/**
 * The small inline box that explains why a submit was held. A shadow root keeps the
 * platform's CSS out and ours in; everything is built from text nodes (no HTML strings).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CheckVerdict } from '@/utils/submit-types';
import { BOX_TEXT } from '@/utils/i18n/box';
import { LANGUAGE_KEY, browserUiLanguage, resolveLang, type Lang } from '@/utils/i18n/lang';

const CSS = `
:host{all:initial}
.box{position:fixed;right:16px;bottom:16px;z-index:2147483647;width:360px;max-height:60vh;overflow:auto;
background:#fff;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.18);font:14px/1.5 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",system-ui,sans-serif;color:#1f2329;border-top:4px solid #f5a623}
.box.block{border-top-color:#e5484d}
h2{margin:0;padding:10px 14px 4px;font-size:14px}
ul{margin:0;padding:4px 14px 4px 30px}
li{margin:6px 0}
.sev{font-weight:600;margin-right:4px}.block .sev-block{color:#e5484d}.sev-warn{color:#b26a00}.sev-info{color:#3370ff}
.row{display:flex;gap:8px;padding:8px 14px 12px;align-items:center;flex-wrap:wrap}
input{flex:1 1 100%;padding:5px 8px;border:1px solid #d0d3d6;border-radius:4px;font:inherit}
button{padding:5px 12px;border-radius:4px;border:1px solid #d0d3d6;background:#fff;font:inherit;cursor:pointer}
button.primary{background:#b26a00;border-color:#b26a00;color:#fff}
`;

let host: HTMLElement | null = null;
/** Draws the open box again in another language (the setting changed in a panel); null when closed. */
let redraw: ((lang: Lang) => void) | null = null;
let watching = false;

type Actions = { onContinue: (reason: string) => void; onCancel: () => void };

/** Where each severity's word is in the box's texts (utils/i18n/box.ts). */
const SEV = { block: 2, warn: 3, info: 4 } as const;

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
  redraw = null;
}

export function showFindings(ctx: ContentScriptContext, verdict: CheckVerdict, actions: Actions): void {
  // Any panel may switch the language: an open box follows at once, keeping a reason being typed.
  if (!watching) {
    watching = true;
    try {
      browser.storage.onChanged.addListener((changes, area) => {
        if (area === 'local' && LANGUAGE_KEY in changes)
          redraw?.(resolveLang(changes[LANGUAGE_KEY]?.newValue, browserUiLanguage()));
      });
    } catch {
      // No storage events (a test double): the box keeps the language it opened in.
    }
  }
  render(ctx, verdict, actions, '');
}

function render(ctx: ContentScriptContext, verdict: CheckVerdict, actions: Actions, typed: string): void {
  hideFindings();
  if (ctx.isInvalid) return;
  const lang: Lang = verdict.lang === 'en' ? 'en' : 'zh';
  const T = BOX_TEXT[lang];
  const [titleBlock, titleWarn, , , , edit, reasonHint, continueAnyway] = T;
  host = el('div');
  host.setAttribute('data-guanghe-assistant', 'findings');
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style', CSS);
  const box = el('div', undefined, `box ${verdict.verdict}`);
  box.lang = lang === 'zh' ? 'zh-CN' : 'en';
  box.setAttribute('role', 'alertdialog');
  box.setAttribute('aria-live', 'assertive');
  const title = verdict.verdict === 'block' ? titleBlock : titleWarn;
  box.setAttribute('aria-label', title);
  box.append(el('h2', title));
  const list = el('ul');
  for (const f of verdict.findings) {
    const li = el('li');
    li.append(
      el('span', T[SEV[f.severity]], `sev sev-${f.severity}`),
      document.createTextNode(f.message[lang]),
    );
    list.append(li);
  }
  box.append(list);
  const row = el('div', undefined, 'row');
  const close = el('button', edit);
  close.addEventListener('click', () => {
    hideFindings();
    actions.onCancel();
  });
  let input: HTMLInputElement | undefined;
  if (verdict.verdict === 'warn') {
    const reason = (input = el('input'));
    reason.value = typed;
    reason.placeholder = reasonHint;
    reason.setAttribute('aria-label', reasonHint);
    const go = el('button', continueAnyway, 'primary');
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
  redraw = (next) => render(ctx, { ...verdict, lang: next }, actions, input?.value ?? '');
}
