import { LedgerStorageFullError, isQuotaError } from '@/utils/ledger/errors';
import { tabItem } from '@/utils/storage-items';
import type { TabState } from '@/utils/tab-state';

async function readTab(tabId: number): Promise<TabState | undefined> {
  return (await tabItem(tabId).getValue()) ?? undefined;
}

/** Serialise read-modify-write per tab: two frames report at once on the publish page. */
const queues = new Map<number, Promise<TabState>>();

export function updateTab(
  tabId: number,
  change: (prev: TabState | undefined) => TabState,
): Promise<TabState> {
  const run = (queues.get(tabId) ?? Promise.resolve(undefined))
    .catch(() => undefined)
    .then(async () => {
      const next = change(await readTab(tabId));
      await tabItem(tabId).setValue(next);
      return next;
    });
  queues.set(tabId, run);
  return run;
}

export function getTab(tabId: number): Promise<TabState | undefined> {
  return (queues.get(tabId) ?? Promise.resolve(undefined)).catch(() => undefined).then(() => readTab(tabId));
}

/**
 * Runs a tab's page reports one after another, in the order they arrived. The page reports each
 * change it sees (an empty table while the list loads, then the list), and handling them at once
 * would let a slower, older report land last: the ledger and the "seen this list" memory would then
 * follow a page state that is already gone.
 */
const reportQueues = new Map<number, Promise<void>>();

export function inTabOrder(tabId: number, job: () => Promise<void>): Promise<void> {
  const run = (reportQueues.get(tabId) ?? Promise.resolve()).then(job, job);
  const tail = run.catch(() => undefined);
  reportQueues.set(tabId, tail);
  void tail.then(() => {
    if (reportQueues.get(tabId) === tail) reportQueues.delete(tabId);
  });
  return run;
}

export function dropTab(tabId: number): Promise<void> {
  queues.delete(tabId);
  return tabItem(tabId).removeValue();
}

/** Tell the panel something of ours went wrong on this tab (it shows it; the page is unaffected). */
export function reportError(tabId: number, err: unknown, source?: 'ledger'): Promise<TabState> {
  const msg = err instanceof Error ? err.message : String(err);
  // A full disk met outside a guarded write (say, while the database is first created) reads the same.
  const e = (isQuotaError(err) ? new LedgerStorageFullError(err) : err) as { zh?: unknown; en?: unknown };
  const zh = typeof e?.zh === 'string' ? e.zh : `助手内部出错：${msg}`;
  const en = typeof e?.en === 'string' ? e.en : `Something went wrong inside the assistant: ${msg}`;
  return updateTab(tabId, (prev) => ({
    ...(prev ?? { tabId }),
    tabId,
    updatedAt: Date.now(),
    error: { at: Date.now(), zh, en, ...(source ? { source } : {}) },
  }));
}
