import { onMessage, isFromOurPage } from '@/utils/messaging';
import { applyReport, tabKey, type TabState } from '@/utils/tab-state';
import { checkPageSubmission, recordOutcome } from './checks';

async function readTab(tabId: number): Promise<TabState | undefined> {
  const key = tabKey(tabId);
  const got = await browser.storage.session.get(key);
  return got[key] as TabState | undefined;
}

async function writeTab(state: TabState): Promise<void> {
  await browser.storage.session.set({ [tabKey(state.tabId)]: state });
}

/** Serialise read-modify-write per tab: two frames report at once on the publish page. */
const queues = new Map<number, Promise<unknown>>();
export function updateTab(tabId: number, change: (prev: TabState | undefined) => TabState): Promise<void> {
  const run = (queues.get(tabId) ?? Promise.resolve())
    .catch(() => undefined)
    .then(async () => writeTab(change(await readTab(tabId))));
  queues.set(tabId, run);
  return run;
}

export function registerPageHandlers(): void {
  const id = browser.runtime.id;

  onMessage('page:report', async ({ data, sender }) => {
    if (!isFromOurPage(sender, id) || !isReport(data)) return;
    const tabId = sender.tab!.id!;
    await updateTab(tabId, (prev) => applyReport(prev, tabId, data, Date.now()));
  });

  onMessage('page:left', async ({ sender }) => {
    if (!isFromOurPage(sender, id) || sender.frameId !== 0) return;
    const tabId = sender.tab!.id!;
    await updateTab(tabId, (prev) => ({
      ...(prev ?? { tabId }),
      tabId,
      leftAt: Date.now(),
      updatedAt: Date.now(),
    }));
  });

  onMessage('submit:check', async ({ data, sender }) => {
    if (!isFromOurPage(sender, id)) return { checkId: '', verdict: 'allow', findings: [] };
    return checkPageSubmission(sender.tab!.id!, data);
  });

  onMessage('submit:outcome', async ({ data, sender }) => {
    if (!isFromOurPage(sender, id)) return;
    await recordOutcome(sender.tab!.id!, data);
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    browser.storage.session.remove(tabKey(tabId)).catch(() => undefined);
  });
}

const FRAMES = new Set(['top', 'publish-frame']);
/** A report must at least look like one before it is stored (forged or stale content scripts). */
function isReport(x: unknown): x is Parameters<typeof applyReport>[2] {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return (
    typeof r.url === 'string' &&
    typeof r.page === 'string' &&
    FRAMES.has(r.frame as string) &&
    Array.isArray(r.dialogs)
  );
}
