/**
 * Reads a tab's outline: injects the unlisted script /outline.js into every frame it may script
 * (the content-script hosts; `scripting` permission) and keeps the answers that look like outlines.
 * A frame that cannot be scripted or answers something else is counted, not fatal.
 */
import * as v from 'valibot';
import type { OutlineAnswer } from '@/utils/messaging';
import { isOurPageUrl } from '@/utils/hosts';
import type { FrameOutline } from '@/utils/pages/outline-text';
import { FrameOutlineSchema } from '@/utils/schemas/messages';

const isFrameOutline = (x: unknown): x is FrameOutline => v.is(FrameOutlineSchema, x);

/** The outlines of a list of per-frame results (what executeScript answers). */
export function outlineAnswer(results: readonly { result?: unknown }[]): OutlineAnswer {
  const frames = results.map((r) => r.result).filter(isFrameOutline);
  frames.sort((a, b) => Number(b.top) - Number(a.top));
  return { ok: true, frames, unread: results.length - frames.length };
}

export async function readOutline(tabId: number): Promise<OutlineAnswer> {
  try {
    const tab = await browser.tabs.get(tabId);
    // Never injected into a login page or anything else that is not 光合.
    if (!isOurPageUrl(tab.url)) return { ok: false, reason: 'not-our-page' };
    const results = await browser.scripting.executeScript({
      target: { tabId, allFrames: true },
      files: ['/outline.js'],
    });
    return outlineAnswer(results);
  } catch {
    return { ok: false, reason: 'failed' };
  }
}
