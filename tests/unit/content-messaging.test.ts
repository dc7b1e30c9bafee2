/**
 * The content script's messages (utils/content-messaging.ts) speak the messaging library's wire
 * format: the background's `onMessage` answers them, and the panel's `sendMessage` to a tab is
 * answered by them. The library runs for real here over a stand-in for `chrome.runtime`/`chrome.tabs`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineExtensionMessaging } from '@webext-core/messaging';
import { onTabMessage, sendToBackground } from '@/utils/content-messaging';
import type { ProtocolMap } from '@/utils/messaging';

type Listener = (m: unknown, sender: unknown, respond: (r: unknown) => void) => unknown;

/** A `chrome` whose runtime listeners are the library's, and whose tab messages go to `toTab`. */
function stubChrome(toTab?: Listener): Listener[] {
  const listeners: Listener[] = [];
  vi.stubGlobal('chrome', {
    runtime: {
      onMessage: {
        addListener: (l: Listener) => listeners.push(l),
        removeListener: (l: Listener) => listeners.splice(listeners.indexOf(l), 1),
      },
      lastError: undefined,
    },
    tabs: {
      sendMessage: (_tab: number, m: unknown, _o: unknown, cb: (r: unknown) => void) =>
        toTab?.(m, { id: fakeBrowser.runtime.id }, cb),
    },
  });
  return listeners;
}

/** Delivers what the content script sends to the library's listeners, as Chrome does. */
function deliverTo(listeners: Listener[]) {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(
    // The fake's overloads include a callback form; the content script uses the promise one.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    (m: unknown) =>
      new Promise((resolve) => {
        const sender = { id: fakeBrowser.runtime.id, tab: { id: 7 } };
        if (!listeners.some((l) => l(m, sender, resolve) === true)) resolve(undefined);
      }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('content script messaging', () => {
  it("the background's onMessage answers sendToBackground, with its result or its error", async () => {
    const listeners = stubChrome();
    deliverTo(listeners);
    const bg = defineExtensionMessaging<ProtocolMap>();
    const seen: unknown[] = [];
    bg.onMessage('page:left', ({ data, sender }) => {
      seen.push([data, (sender as { tab?: { id?: number } }).tab?.id]);
    });
    bg.onMessage('submit:check', ({ data }) => {
      if (data.kind === 'unbind') throw new Error('injected fault: check threw');
      return { checkId: data.checkId, verdict: 'allow', findings: [] };
    });
    await expect(sendToBackground('page:left', { url: 'https://guanghe.taobao.com/' })).resolves.toBe(
      undefined,
    );
    expect(seen).toEqual([[{ url: 'https://guanghe.taobao.com/' }, 7]]);
    const request = { checkId: 'c1', kind: 'matrix-invite', page: 'https://x/', snapshot: {} } as never;
    await expect(sendToBackground('submit:check', request)).resolves.toEqual({
      checkId: 'c1',
      verdict: 'allow',
      findings: [],
    });
    const failing = { checkId: 'c2', kind: 'unbind', page: 'https://x/', snapshot: {} } as never;
    await expect(sendToBackground('submit:check', failing)).rejects.toThrow('injected fault: check threw');
    bg.removeAllListeners();
    await expect(sendToBackground('page:left', { url: 'https://x/' })).rejects.toThrow('No response');
  });

  it("the panel's sendMessage to a tab is answered by onTabMessage; other types are left alone", async () => {
    let tabListener: Listener | undefined;
    vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation(((l: Listener) => {
      tabListener = l;
    }) as never);
    const off = vi.spyOn(fakeBrowser.runtime.onMessage, 'removeListener').mockImplementation(() => {});
    stubChrome((m, sender, cb) => tabListener?.(m, sender, cb));
    const panel = defineExtensionMessaging<ProtocolMap>();
    const asked: unknown[] = [];
    const stop = onTabMessage('page:spotlight', (data, sender) => {
      asked.push(data);
      return sender.id === fakeBrowser.runtime.id && data.button === '新增矩阵账号';
    });
    await expect(panel.sendMessage('page:spotlight', { button: '新增矩阵账号' }, 3)).resolves.toBe(true);
    await expect(
      panel.sendMessage('page:spotlight', { text: '其他' }, { tabId: 3, frameId: 0 }),
    ).resolves.toBe(false);
    expect(asked).toEqual([{ button: '新增矩阵账号' }, { text: '其他' }]);
    const respond = vi.fn();
    tabListener?.({ type: 'page:report', data: {}, timestamp: 1 }, {}, respond);
    expect(respond).not.toHaveBeenCalled();
    stop();
    expect(off).toHaveBeenCalledWith(tabListener);
  });
});
