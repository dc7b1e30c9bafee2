/**
 * Every `browser.storage` key the extension uses, declared once as a typed, versioned item of
 * `@wxt-dev/storage` (WXT's storage library, imported through `wxt/utils/storage`). Callers use the
 * items (`getValue`, `setValue`, `removeValue`, `watch`) and never name a key themselves.
 *
 * - Stored data keeps the shape and the key it had before the items existed (`checkLog`, `whitelist`,
 *   … — the e2e tests read some of them directly): every item is at `version: 1`, and with no
 *   `migrations` declared the library writes no `<key>$` metadata and reads what is there.
 * - To change an item's shape: bump its `version` and add `migrations: { 2: (old) => new }`. Data
 *   stored before (no `<key>$`) counts as version 1 and is migrated on first use; the library then
 *   records the version under `<key>$`.
 * - The values are untyped data at run time (another version of the extension, a test, a user with
 *   devtools may have written them): callers still check the shape they read.
 * - Not here: `debug:faults` (a test hook read by the background, entrypoints/background/index.ts).
 *
 * Background and panel only: the content script has no `storage.session` and must stay small.
 */
import { storage } from 'wxt/utils/storage';
import type { ImportProgress } from './ledger/backup';
import { LANGUAGE_KEY, type LangSetting } from './i18n/lang';
import { TAB_KEY_PREFIX, tabKey, type CheckLogEntry, type TabState } from './tab-state';
import type { MembersInfo, SharingConfig, SyncStatus } from './sync/protocol';

// ------------------------------------------------------------------ storage.local

/** The persistent log of pre-submit checks, newest last (written by the background, shown by the panel). */
export const checkLogItem = storage.defineItem<CheckLogEntry[]>('local:checkLog', {
  fallback: [],
  version: 1,
});

/** Whitelist flag per main 逛逛号, set when the matrix page (or its absence) is seen. */
export const whitelistItem = storage.defineItem<Record<string, boolean>>('local:whitelist', {
  fallback: {},
  version: 1,
});

/** How many overdue items the last reminder notification was about (one notification per increase). */
export const notifiedCountItem = storage.defineItem<number>('local:reminders:notifiedCount', {
  fallback: 0,
  version: 1,
});

/**
 * The interface language (跟随浏览器 / 简体中文 / English). Every open panel watches it; the content
 * script reads the same key with `browser.storage` (it may not import this module) to switch an open
 * findings box.
 */
export const languageItem = storage.defineItem<LangSetting>(`local:${LANGUAGE_KEY}`, {
  fallback: 'auto',
  version: 1,
});

/**
 * Team sharing (issue 16): the workspaces this browser shares, by workspace id, each with the sync
 * server's origin, the member's name and token, and the workspace secret from the invite code.
 * Empty unless the user turned sharing on; only the background writes it.
 */
export const sharingItem = storage.defineItem<Record<string, SharingConfig>>('local:sharing', {
  fallback: {},
  version: 1,
});

// ------------------------------------------------------------------ storage.session

/** Each shared workspace's sync status (written by the background, watched by the panel). */
export const sharingStatusItem = storage.defineItem<Record<string, SyncStatus>>('session:sharing:status', {
  fallback: {},
  version: 1,
});

/**
 * Each shared workspace's members and their roles as the server last told them (written by the
 * background's session after each sync, on the panel's request and when the server pushes a change).
 */
export const sharingMembersItem = storage.defineItem<Record<string, MembersInfo>>('session:sharing:members', {
  fallback: {},
  version: 1,
});

/** A running import's progress (`{ table, done, total }`), removed when it ends. */
export const importProgressItem = storage.defineItem<ImportProgress>('session:ledger:importProgress', {
  version: 1,
});

/**
 * What the extension knows about one 光合 tab (`tab:<id>`, see utils/tab-state.ts). Only the
 * background writes it; the panel reads all of them with `readTabs` and follows `watchTabs`.
 */
export function tabItem(tabId: number) {
  return storage.defineItem<TabState>(`session:${tabKey(tabId)}`, { version: 1 });
}

/** Every tab's state, by tab key (`tab:<id>`). */
export async function readTabs(): Promise<Record<string, TabState>> {
  const all = await storage.snapshot('session');
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(TAB_KEY_PREFIX))) as Record<
    string,
    TabState
  >;
}

/** Calls `onChange` whenever a tab's state is written or removed; returns the function that stops it. */
export function watchTabs(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'session' && Object.keys(changes).some((k) => k.startsWith(TAB_KEY_PREFIX))) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
