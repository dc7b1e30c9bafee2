/**
 * The content script: tiny on purpose (no React, no Dexie — a database opened here would belong to
 * the website). It recognises the page, reports it to the background, and holds submit clicks of
 * known forms until the background's rule check answers. Our own failures never block the platform:
 * any error or a slow answer lets the click through (fail open) and the panel is told why.
 */
import { PUBLISH_FRAME_HOST } from '@/utils/hosts';
import { REGISTRATION } from '@/entrypoints/guanghe.content/registration';
import { startPageWatcher } from './watch';
import { startSubmitGuard } from './guard';
import { startSpotlight } from './spotlight';

export default defineContentScript({
  ...REGISTRATION,
  main(ctx) {
    const isTop = self === top;
    // Sub-frames on our hosts other than the publish frame are not ours to watch.
    if (!isTop && location.hostname !== PUBLISH_FRAME_HOST) return;
    const frame = isTop ? 'top' : 'publish-frame';
    startPageWatcher(ctx, frame);
    startSubmitGuard(ctx, frame);
    if (isTop) startSpotlight(ctx);
  },
});
