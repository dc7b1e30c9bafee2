/**
 * Injected on demand by the background (entrypoints/background/roster.ts, `readRoster`) into the top
 * frame of a 光合 tab: the 达人管理 list of the institution platform is the script's result (a
 * promise: executeScript waits for it). Never listed in the manifest and never part of the content
 * script (its size budget). Any other page, or a page not on our hosts, answers null.
 *
 * The rows are read in slices of a few milliseconds with a yield between them
 * (`readRosterListInSlices`), so a page showing thousands of creators gets no long task from us. A
 * list that changed while it was being read is read again (at most `MAX_READS` times), never sent
 * half old, half new. The page is recognised again only when its address changes.
 */
import { sendToBackground } from '@/utils/content-messaging';
import { isOurPageUrl } from '@/utils/hosts';
import { recognisePage } from '@/utils/pages/recognise';
import { readRosterListInSlices } from '@/utils/pages/roster';
import type { RosterList } from '@/utils/pages/types';

/** Re-read at most this often while the list changes (a page of 20 rows renders in a few frames). */
const SETTLE_MS = 150;
const MAX_READS = 3;

/** Gives the page its turn: a macrotask, so input, rendering and the page's own scripts run. */
const pause = () => new Promise((done) => setTimeout(done, 0));

/** Bumped by every change of the page while the script watches or reads. */
let changes = 0;

/**
 * The address last recognised as 达人管理. Recognising walks the whole document (a long task on a page
 * of thousands of rows), so it runs again only when the address changes, not on every list change.
 */
let recognised: string | null = null;

function onTalentPage(): boolean {
  if (recognised === location.href) return true;
  const yes = isOurPageUrl(location.href) && recognisePage(document, location.href) === 'mcn-talent';
  recognised = yes ? location.href : null;
  return yes;
}

async function read(): Promise<RosterList | null> {
  for (let i = 0; i < MAX_READS; i++) {
    if (!onTalentPage()) return null;
    const before = changes;
    const list = await readRosterListInSlices(document, pause);
    if (changes === before) return list;
  }
  return null; // still changing: the watcher reads it once it settles
}

/**
 * After the first injection the script stays and watches: each later change of the list (a page
 * turned, a search, another tab) is sent as `roster:report`, so the background need not inject again
 * for every page of a roster. It stops when the tab leaves 达人管理 (the next visit injects it again).
 */
function watch(first: string): void {
  let last = first;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    changes++;
    clearTimeout(timer);
    timer = setTimeout(() => {
      void read().then((list) => {
        if (!list) {
          // Still 达人管理, still changing: the change that made it so schedules the next read.
          if (onTalentPage()) return;
          observer.disconnect();
          delete (globalThis as { __ghRoster?: true }).__ghRoster;
          return;
        }
        const key = JSON.stringify(list);
        if (key === last) return;
        last = key;
        sendToBackground('roster:report', list).catch(() => (last = ''));
      });
    }, SETTLE_MS);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
}

/** Counts changes during the first read, before the watcher exists. */
function counting(): MutationObserver {
  const o = new MutationObserver(() => changes++);
  o.observe(document.body, { childList: true, subtree: true, characterData: true });
  return o;
}

// WXT types main() as void, but returns what it returns (a promise here), and executeScript awaits it.
// eslint-disable-next-line @typescript-eslint/no-misused-promises
export default defineUnlistedScript(async () => {
  const g = globalThis as { __ghRoster?: true };
  const counter = g.__ghRoster ? null : counting();
  const list = await read();
  counter?.disconnect();
  if (list && !g.__ghRoster) {
    g.__ghRoster = true;
    watch(JSON.stringify(list));
  }
  return list;
});
