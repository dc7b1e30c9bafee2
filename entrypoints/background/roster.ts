/**
 * Reads the 达人管理 list of a tab on the institution platform: injects the unlisted script
 * /roster.js into the tab's top frame (`scripting` permission, the content-script hosts) and passes
 * on its answer only when it has the shape of a `RosterList` (valibot). Anything else (not our page,
 * another page, a tab that is gone, a frame that cannot be scripted, a malformed answer) is null:
 * the caller treats that as "not read", never as an empty list.
 */
import * as v from 'valibot';
import { isOurPageUrl } from '@/utils/hosts';
import type { RosterList } from '@/utils/pages/types';
import { RosterListSchema } from '@/utils/schemas/messages';

/** What readRoster needs from the browser (the unit tests give fakes). */
export interface RosterBrowser {
  tabUrl: (tabId: number) => Promise<string | undefined>;
  inject: (tabId: number) => Promise<readonly { result?: unknown }[]>;
}

const realBrowser: RosterBrowser = {
  tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
  inject: (tabId) => browser.scripting.executeScript({ target: { tabId }, files: ['/roster.js'] }),
};

/** The roster in what executeScript answered for the top frame, or null. */
export function rosterAnswer(results: readonly { result?: unknown }[]): RosterList | null {
  const parsed = v.safeParse(RosterListSchema, results[0]?.result);
  return parsed.success ? parsed.output : null;
}

export async function readRoster(tabId: number, b: RosterBrowser = realBrowser): Promise<RosterList | null> {
  try {
    // Never injected into a login page or anything else that is not 光合.
    if (!isOurPageUrl(await b.tabUrl(tabId))) return null;
    return rosterAnswer(await b.inject(tabId));
  } catch {
    return null;
  }
}
