/**
 * Injected on demand by the background (entrypoints/background/roster.ts, `readRoster`) into the top
 * frame of a 光合 tab: the 达人管理 list of the institution platform is the script's result. Never
 * listed in the manifest and never part of the content script (its size budget). Any other page,
 * or a page not on our hosts, answers null.
 */
import { isOurPageUrl } from '@/utils/hosts';
import { recognisePage } from '@/utils/pages/recognise';
import { readRosterList } from '@/utils/pages/roster';

export default defineUnlistedScript(() =>
  isOurPageUrl(location.href) && recognisePage(document, location.href) === 'mcn-talent'
    ? readRosterList(document)
    : null,
);
