/**
 * `page:outline`: only the side panel may ask, only with a tab id, and only answers that look like
 * outlines are passed on (a frame that answered nothing or something else is counted as not read).
 */
import { describe, expect, it, vi } from 'vitest';
import { makeHandlers } from '@/entrypoints/background/handlers';
import { outlineAnswer } from '@/entrypoints/background/outline';
import { outlineOf } from '@/utils/pages/outline';
import { parseHTML } from 'linkedom';

const ID = 'testextensionidtestextensionidab';
const ORIGIN = `chrome-extension://${ID}/`;
const panel = { id: ID, url: `${ORIGIN}sidepanel.html` };
const contentScript = {
  id: ID,
  url: 'https://creator.guanghe.taobao.com/page/home',
  tab: { id: 7 },
  frameId: 0,
};

const frame = (top: boolean) =>
  outlineOf(
    parseHTML('<html><body><h1>Home</h1></body></html>').document,
    'https://creator.guanghe.taobao.com/x?q=1',
    top,
  );

describe('page:outline', () => {
  it('reads the tab the panel names, and refuses anyone else or any other shape', async () => {
    const readOutline = vi.fn(() => Promise.resolve({ ok: true as const, frames: [frame(true)], unread: 0 }));
    const h = makeHandlers({ extensionId: ID, extensionOrigin: ORIGIN, now: () => 0, readOutline });
    expect(await h['page:outline']({ tabId: 7 }, panel)).toMatchObject({ ok: true, unread: 0 });
    expect(readOutline).toHaveBeenCalledWith(7);
    for (const [data, sender] of [
      [{ tabId: 7 }, contentScript],
      [{ tabId: 7 }, { id: 'another-extension', url: 'chrome-extension://another-extension/x.html' }],
      [{ tabId: '7' }, panel],
      [{ tabId: -1 }, panel],
      [[7], panel],
      [null, panel],
    ] as const)
      expect(await h['page:outline'](data, sender)).toEqual({ ok: false, reason: 'refused' });
    expect(readOutline).toHaveBeenCalledTimes(1);
  });

  it('keeps outlines only, the top frame first, and counts the frames that gave none', () => {
    const answer = outlineAnswer([
      { result: frame(false) },
      { result: null },
      { result: { url: 'x', top: true } },
      {},
      { result: frame(true) },
    ]);
    expect(answer.ok && answer.frames.map((f) => f.top)).toEqual([true, false]);
    expect(answer.ok && answer.unread).toBe(3);
  });
});
