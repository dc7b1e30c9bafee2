/**
 * Injected on demand by the background (entrypoints/background/roster.ts, `readRoster`) into the top
 * frame of a 光合 tab: the 达人管理 list of the institution platform is the script's result. Never
 * listed in the manifest and never part of the content script (its size budget). Any other page,
 * or a page not on our hosts, answers null.
 */
import { sendToBackground } from '@/utils/content-messaging';
import { isOurPageUrl } from '@/utils/hosts';
import { recognisePage } from '@/utils/pages/recognise';
import { readRosterList } from '@/utils/pages/roster';
import type { RosterList } from '@/utils/pages/types';

/** Re-read at most this often while the list changes (a page of 20 rows renders in a few frames). */
const SETTLE_MS = 150;

const read = (): RosterList | null =>
  isOurPageUrl(location.href) && recognisePage(document, location.href) === 'mcn-talent'
    ? readRosterList(document)
    : null;

/**
 * After the first injection the script stays and watches: each later change of the list (a page
 * turned, a search, another tab) is sent as `roster:report`, so the background need not inject again
 * for every page of a roster. It stops when the tab leaves 达人管理 (the next visit injects it again).
 */
function watch(first: string): void {
  let last = first;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const list = read();
      if (!list) {
        observer.disconnect();
        delete (globalThis as { __ghRoster?: true }).__ghRoster;
        return;
      }
      const key = JSON.stringify(list);
      if (key === last) return;
      last = key;
      sendToBackground('roster:report', list).catch(() => (last = ''));
    }, SETTLE_MS);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
}

export default defineUnlistedScript(() => {
  const list = read();
  const g = globalThis as { __ghRoster?: true };
  if (list && !g.__ghRoster) {
    g.__ghRoster = true;
    watch(JSON.stringify(list));
  }
  return list;
});
