/**
 * The service worker: owns ledger writes, rule checks and reminders. Nothing runs at module top
 * level; listeners are registered synchronously in main() so a restarted worker gets its events.
 */
import { registerPageHandlers } from './pages';

export default defineBackground({
  type: 'module',
  main() {
    // Chrome: the toolbar button opens the side panel. Firefox uses sidebar_action instead.
    if (import.meta.env.CHROME || import.meta.env.EDGE) {
      browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
    }
    registerPageHandlers();
  },
});
