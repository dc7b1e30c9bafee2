import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isLoginUrl } from '@/utils/hosts';
import { sendToBackground } from '@/utils/content-messaging';
import { recognise } from '@/utils/pages/recognise';
import type { PageReport } from '@/utils/pages/types';

/** Re-recognise at most this often while the page is changing (the panel must follow within 200 ms). */
const SETTLE_MS = 40;

export function startPageWatcher(ctx: ContentScriptContext, frame: PageReport['frame']): void {
  let last = '';
  /** The pending report's timer; 0 when none (a browser's timer ids start at 1). */
  let timer = 0;
  // Only the referrer's host is looked at, and only a yes/no leaves the page.
  let freshLogin = frame === 'top' && isLoginUrl(document.referrer);

  const report = () => {
    timer = 0;
    const r = recognise(document, location.href, frame);
    if (freshLogin) r.freshLogin = true;
    const key = JSON.stringify(r);
    if (key === last) return;
    last = key;
    sendToBackground('page:report', r).then(
      () => (freshLogin = false),
      () => {
        // The background may be restarting or the extension was updated; the next change reports again.
        last = '';
      },
    );
  };
  const schedule = () => {
    timer ||= ctx.setTimeout(report, SETTLE_MS);
  };

  // One observer, child-list changes only (dialogs and SPA routes insert nodes), gone with the context.
  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => observer.disconnect());
  ctx.addEventListener(window, 'wxt:locationchange', schedule);
  // A tab coming back into view re-reports, so a restarted background relearns the page.
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (!document.hidden) {
      last = '';
      schedule();
    }
  });
  if (frame === 'top')
    ctx.addEventListener(window, 'pagehide', () => {
      sendToBackground('page:left', { url: location.href }).catch(() => undefined);
    });
  // Chrome often runs document_idle scripts between DOMContentLoaded and load: the first look waits
  // for the load event, so reading the page never delays it (until then, a change is reported as usual).
  if (document.readyState === 'complete') report();
  else addEventListener('load', schedule);
}
