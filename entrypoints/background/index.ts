/**
 * The service worker: owns ledger writes, rule checks and reminders. Nothing runs at module top
 * level; listeners are registered synchronously in main() so a restarted worker gets its events.
 */
import { ensureAccountWindows } from '@/utils/ledger/account-window';
import { isFromExtensionPage, onMessage } from '@/utils/messaging';
import { makeHandlers } from './handlers';
import { forgetTab, ledger, refreshBadge } from './ledger';
import { runSharingCommand, startSharing } from './sharing-hub';
import { dropTab } from './tabs';
import { testGranted, watchFaults } from './test-hooks';

const REMINDER_ALARM = 'reminders';

// A classic (non-module) worker: WXT then bundles it on its own, so the side panel's chunks never carry
// code only the background needs (commands, import validation), which keeps the panel's first load small.
export default defineBackground({
  main() {
    // Chrome: the toolbar button opens the side panel. Firefox uses sidebar_action instead.
    if (import.meta.env.CHROME || import.meta.env.EDGE) {
      browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
    }
    const h = makeHandlers({
      extensionId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      now: () => Date.now(),
      // Only in a test build (GUANGHE_TEST_HOOKS=1): a store build drops this and test-hooks.ts.
      ...(import.meta.env.GUANGHE_TEST_HOOKS ? { faults: watchFaults() } : {}),
    });
    onMessage('page:report', ({ data, sender }) => h['page:report'](data, sender));
    onMessage('page:left', ({ data, sender }) => h['page:left'](data, sender));
    onMessage('submit:check', ({ data, sender }) => h['submit:check'](data, sender));
    onMessage('submit:outcome', ({ data, sender }) => h['submit:outcome'](data, sender));
    onMessage('submit:reply', ({ data, sender }) => h['submit:reply'](data, sender));
    onMessage('ledger:command', ({ data, sender }) => h['ledger:command'](data, sender));
    onMessage('page:outline', ({ data, sender }) => h['page:outline'](data, sender));
    onMessage('roster:report', ({ data, sender }) => h['roster:report'](data, sender));
    onMessage('sharing:command', ({ data, sender }) =>
      isFromExtensionPage(sender, browser.runtime.id, browser.runtime.getURL('/'))
        ? runSharingCommand(data)
        : { ok: false as const, refusal: 'malformed' as const },
    );
    // Team sharing: off unless the user turned it on for a workspace (then only to the origin granted).
    startSharing({
      db: ledger,
      granted: async (pattern) =>
        (await browser.permissions.contains({ origins: [pattern] }).catch(() => false)) ||
        (import.meta.env.GUANGHE_TEST_HOOKS ? await testGranted(pattern) : false),
    }).catch(() => undefined);

    browser.tabs.onRemoved.addListener((tabId) => {
      forgetTab(tabId);
      dropTab(tabId).catch(() => undefined);
    });

    // Reminders survive worker restarts: the alarm is persistent, the badge is recomputed each time.
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === REMINDER_ALARM) refreshBadge().catch(() => undefined);
    });
    browser.runtime.onInstalled.addListener(() => {
      browser.alarms
        .create(REMINDER_ALARM, { periodInMinutes: 30, delayInMinutes: 1 })
        .catch(() => undefined);
      refreshBadge().catch(() => undefined);
      // After an update: the first screen's account window of a ledger written before it existed.
      ensureAccountWindows(ledger()).catch(() => undefined);
    });
    browser.runtime.onStartup.addListener(() => {
      refreshBadge().catch(() => undefined);
    });
  },
});
