/**
 * The storage items keep the keys and shapes stored before they existed (installed extensions have
 * data there, and the e2e tests read some keys directly): what was written with raw
 * `browser.storage.*.set` reads back through the items, and what the items write is at the same key,
 * with no `<key>$` metadata while every item is at version 1.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  checkLogItem,
  importProgressItem,
  notifiedCountItem,
  readTabs,
  tabItem,
  watchTabs,
  whitelistItem,
} from '@/utils/storage-items';
import type { CheckLogEntry, TabState } from '@/utils/tab-state';

beforeEach(() => {
  fakeBrowser.reset();
});

const entry: CheckLogEntry = {
  checkId: 'c1',
  at: 1,
  kind: 'matrix-invite',
  verdict: 'allow',
  ruleIds: [],
  path: '/page/matrix',
};
const tab = (tabId: number, updatedAt: number): TabState => ({ tabId, updatedAt });

describe('storage items', () => {
  it('the check log: entries naming a creator and first-version entries without one read back side by side', async () => {
    const named: CheckLogEntry = { ...entry, checkId: 'c2', kind: 'unbind', creator: '4410000001' };
    await fakeBrowser.storage.local.set({ checkLog: [entry, named] });
    expect(await checkLogItem.getValue()).toEqual([entry, named]);
    await checkLogItem.setValue([entry, named]);
    // Still version 1: no metadata key, the same plain array at the same key.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ checkLog: [entry, named] });
  });

  it('read what raw storage calls wrote, under the same keys', async () => {
    await fakeBrowser.storage.local.set({
      checkLog: [entry],
      whitelist: { gg1: true },
      'reminders:notifiedCount': 3,
    });
    await fakeBrowser.storage.session.set({
      'ledger:importProgress': { table: 'accounts', done: 1, total: 2 },
      'tab:7': tab(7, 5),
    });
    expect(await checkLogItem.getValue()).toEqual([entry]);
    expect(await whitelistItem.getValue()).toEqual({ gg1: true });
    expect(await notifiedCountItem.getValue()).toBe(3);
    expect(await importProgressItem.getValue()).toEqual({ table: 'accounts', done: 1, total: 2 });
    expect(await tabItem(7).getValue()).toEqual(tab(7, 5));
  });

  it('write at the same keys, with no version metadata, and remove them', async () => {
    await checkLogItem.setValue([entry]);
    await whitelistItem.setValue({ gg2: false });
    await notifiedCountItem.setValue(4);
    await importProgressItem.setValue({ table: 'bindings', done: 3, total: 9 });
    await tabItem(8).setValue(tab(8, 1));
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      checkLog: [entry],
      whitelist: { gg2: false },
      'reminders:notifiedCount': 4,
    });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({
      'ledger:importProgress': { table: 'bindings', done: 3, total: 9 },
      'tab:8': tab(8, 1),
    });
    await importProgressItem.removeValue();
    await tabItem(8).removeValue();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('fall back when nothing is stored', async () => {
    expect(await checkLogItem.getValue()).toEqual([]);
    expect(await whitelistItem.getValue()).toEqual({});
    expect(await notifiedCountItem.getValue()).toBe(0);
    expect(await importProgressItem.getValue()).toBeNull();
    expect(await tabItem(1).getValue()).toBeNull();
  });

  it('readTabs lists the tab states only; watchTabs follows tab keys only', async () => {
    await fakeBrowser.storage.session.set({ 'tab:1': tab(1, 1), 'tab:2': tab(2, 2) });
    await importProgressItem.setValue({ table: 'accounts', done: 0, total: 1 });
    expect(await readTabs()).toEqual({ 'tab:1': tab(1, 1), 'tab:2': tab(2, 2) });

    const seen = vi.fn();
    const stop = watchTabs(seen);
    await importProgressItem.setValue({ table: 'accounts', done: 1, total: 1 });
    await whitelistItem.setValue({ gg: true });
    expect(seen).not.toHaveBeenCalled();
    await tabItem(3).setValue(tab(3, 3));
    expect(seen).toHaveBeenCalledTimes(1);
    await tabItem(3).removeValue();
    expect(seen).toHaveBeenCalledTimes(2);
    stop();
    await tabItem(4).setValue(tab(4, 4));
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it('watch reports a new value and the fallback on removal', async () => {
    const seen: unknown[] = [];
    const stop = checkLogItem.watch((v) => seen.push(v));
    await checkLogItem.setValue([entry]);
    await checkLogItem.removeValue();
    stop();
    expect(seen).toEqual([[entry], []]);
  });
});
