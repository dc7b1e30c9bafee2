import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onTabMessage } from '@/utils/content-messaging';
import { clean } from '@/utils/pages/recognise';
import { SELECTORS } from '@/utils/platform/anchors';
import type { SpotlightTarget } from '@/utils/guides/matrix';

const SHOW_MS = 2500;

function find(target: SpotlightTarget): Element | null {
  const want = target.button ?? target.text;
  if (!want) return null;
  const sel = target.button ? SELECTORS.buttonOrLink : 'a,button,li,span,div,[role=menuitem]';
  // Platform entrances are sometimes links styled as buttons: both count as "button" targets.
  let best: Element | null = null;
  for (const el of document.querySelectorAll(sel)) {
    if (clean(el.textContent) !== want) continue;
    // The innermost element with exactly this text is the one to point at.
    if (!best || best.contains(el)) best = el;
  }
  return best;
}

/**
 * Marks the element itself for a moment: an outline and a shadow that dims what is around it, on its
 * own inline style, restored after. No overlay of ours over the page, nothing to position (and fewer
 * bytes for the content script's budget than a positioned ring).
 */
function outline(el: HTMLElement): void {
  const s = el.style;
  const before = s.cssText;
  s.cssText += ';outline:3px solid #f60;outline-offset:2px;box-shadow:0 0 0 9999px #0004';
  el.dataset.guangheAssistant = 'spotlight';
  setTimeout(() => {
    s.cssText = before;
    delete el.dataset.guangheAssistant;
  }, SHOW_MS);
}

export function startSpotlight(ctx: ContentScriptContext): void {
  const off = onTabMessage('page:spotlight', (data, sender) => {
    // Only our own extension pages may ask (a page script cannot reach runtime messaging at all,
    // another extension has another id, and a content script would carry a tab).
    if (sender.id !== browser.runtime.id || sender.tab) return false;
    const el = find(data);
    if (!el) return false;
    el.scrollIntoView({ block: 'center' });
    outline(el as HTMLElement);
    return true;
  });
  ctx.onInvalidated(off);
}
