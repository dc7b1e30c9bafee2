/**
 * Injected on demand by the background (`page:outline`, entrypoints/background/outline.ts) into each
 * frame of a 光合 tab: the frame's outline is the script's result. Never listed in the manifest and
 * never part of the content script (its size budget). A frame not on our hosts (a Taobao login page
 * in a frame, say) answers null.
 */
import { isOurPageUrl } from '@/utils/hosts';
import { outlineOf } from '@/utils/pages/outline';

export default defineUnlistedScript(() =>
  isOurPageUrl(location.href) ? outlineOf(document, location.href, window === window.top) : null,
);
