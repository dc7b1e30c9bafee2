/**
 * The small inline box that explains why a submit was held. A shadow root keeps the
 * platform's CSS out and ours in; everything is built from text nodes (no HTML strings). Its style
 * and words (utils/i18n/box.ts) come with the verdict that opens it, in both languages, so the
 * content script carries none of them (about 0.7 KB gzip of its budget).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CheckVerdict } from '@/utils/submit-types';
import type { BoxKit } from '@/utils/i18n/box';
import { LANGUAGE_KEY, type Lang } from '@/utils/i18n/lang';

let host: HTMLElement | null = null;
/** The held submit button, named as the box's CSS anchor (utils/i18n/box.ts) while the box is open. */
let anchor: HTMLElement | undefined;
/** Draws the open box again in the language a new setting names (changed in a panel); null when closed. */
let redraw: ((setting: unknown) => void) | null = null;
let watching = false;

type Actions = { onContinue: (reason: string) => void; onCancel: () => void };

/** Where each severity's word is in the box's texts (utils/i18n/box.ts). */
const SEV = { block: 2, warn: 3, info: 4 } as const;

/** A verdict that opens the box: warn or block, with the box's style and words. */
type BoxVerdict = CheckVerdict & { box: BoxKit };

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
  if (anchor) anchor.style.anchorName = '';
  host?.remove();
  host = null;
  redraw = null;
}

/**
 * Opens the box beside `btn`, the submit it held: the box's CSS places it by that anchor (below the
 * button, else beside it, never over the form above it); without anchor positioning, in the corner.
 */
export function showFindings(
  ctx: ContentScriptContext,
  verdict: BoxVerdict,
  actions: Actions,
  btn: HTMLElement,
): void {
  // Any panel may switch the language: an open box follows at once, keeping a reason being typed.
  if (!watching) {
    watching = true;
    try {
      browser.storage.onChanged.addListener((changes, area) => {
        if (area === 'local' && LANGUAGE_KEY in changes) redraw?.(changes[LANGUAGE_KEY]?.newValue);
      });
    } catch {
      // No storage events (a test double): the box keeps the language it opened in.
    }
  }
  anchor = btn;
  render(ctx, verdict, actions, '');
}

function render(ctx: ContentScriptContext, verdict: BoxVerdict, actions: Actions, typed: string): void {
  hideFindings();
  if (ctx.isInvalid) return;
  anchor!.style.anchorName = '--gh';
  const lang: Lang = verdict.lang === 'en' ? 'en' : 'zh';
  const T = verdict.box.text[lang];
  const [titleBlock, titleWarn, , , , edit, reasonHint, continueAnyway] = T;
  host = el('div');
  host.setAttribute('data-guanghe-assistant', 'findings');
  // Placed by the held button (anchor positioning): an anchor name is matched only by styles of the
  // same tree, so the host's own style, in the page's tree, places it; the shadow root styles the rest.
  host.style.cssText = verdict.box.host;
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style', verdict.box.css);
  const box = el('div', undefined, `box ${verdict.verdict}`);
  box.lang = lang === 'zh' ? 'zh-CN' : 'en';
  // ARIA reflection (Chrome 81+, Firefox 119+): shorter than setAttribute in a script on a byte budget.
  box.role = 'alertdialog';
  box.ariaLive = 'assertive';
  const title = verdict.verdict === 'block' ? titleBlock : titleWarn;
  box.ariaLabel = title;
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
  // Handler properties rather than addEventListener: our own elements, in our shadow root, each
  // with one handler (and fewer bytes for the content script's budget).
  close.onclick = () => {
    hideFindings();
    actions.onCancel();
  };
  let input: HTMLInputElement | undefined;
  if (verdict.verdict === 'warn') {
    const reason = (input = el('input'));
    reason.value = typed;
    reason.placeholder = reasonHint;
    reason.ariaLabel = reasonHint;
    const go = el('button', continueAnyway, 'primary');
    go.onclick = () => {
      const r = reason.value.trim();
      hideFindings();
      actions.onContinue(r);
    };
    row.append(reason, go, close);
  } else {
    row.append(close);
  }
  box.append(row);
  root.append(style, box);
  document.documentElement.append(host);
  // As resolveLang (utils/i18n/lang.ts) does: a language the setting names, else what `auto` means.
  redraw = (setting) =>
    render(
      ctx,
      { ...verdict, lang: setting === 'zh' || setting === 'en' ? setting : verdict.box.auto },
      actions,
      input?.value ?? '',
    );
}
