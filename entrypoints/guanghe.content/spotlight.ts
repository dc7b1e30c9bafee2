import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onTabMessage } from '@/utils/content-messaging';
import { clean } from '@/utils/pages/recognise';
import type { SpotlightTarget } from '@/utils/guides/matrix';

const SHOW_MS = 2500;

function find(target: SpotlightTarget): Element | null {
  const want = target.button ?? target.text;
  if (!want) return null;
  const sel = target.button ? 'button,[role=button],a' : 'a,button,li,span,div,[role=menuitem]';
  // Platform entrances are sometimes links styled as buttons: both count as "button" targets.
  let best: Element | null = null;
  for (const el of document.querySelectorAll(sel)) {
    if (clean(el.textContent) !== want) continue;
    // The innermost element with exactly this text is the one to point at.
    if (!best || best.contains(el)) best = el;
  }
  return best;
}

function outline(el: Element): void {
  const r = el.getBoundingClientRect();
  const ring = document.createElement('div');
  ring.setAttribute('data-guanghe-assistant', 'spotlight');
  ring.style.cssText = `position:fixed;left:${r.left - 4}px;top:${r.top - 4}px;width:${r.width + 8}px;height:${r.height + 8}px;border:3px solid #ff6a00;border-radius:6px;box-shadow:0 0 0 9999px rgba(0,0,0,.25);pointer-events:none;z-index:2147483646`;
  document.documentElement.append(ring);
  setTimeout(() => ring.remove(), SHOW_MS);
}

export function startSpotlight(ctx: ContentScriptContext): void {
  const off = onTabMessage('page:spotlight', (data, sender) => {
    // Only our own extension pages may ask (a page script cannot reach runtime messaging at all,
    // another extension has another id, and a content script would carry a tab).
    if (sender.id !== browser.runtime.id || sender.tab) return false;
    const el = find(data);
    if (!el) return false;
    el.scrollIntoView({ block: 'center' });
    outline(el);
    return true;
  });
  ctx.onInvalidated(off);
}
