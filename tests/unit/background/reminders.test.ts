import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ledger, refreshBadge, useLedger } from '@/entrypoints/background/ledger';
import { createWorkspace, openLedger, recordInvite, updateSettings } from '@/utils/ledger';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 22, 4);

let create: ReturnType<typeof vi.fn>;
beforeEach(() => {
  useLedger(openLedger(`rem-${crypto.randomUUID()}`));
  create = vi.fn(() => Promise.resolve('id'));
  // The fake browser has no notifications API: give it the two calls the background makes.
  Object.assign(fakeBrowser, {
    notifications: { create },
    permissions: { ...fakeBrowser.permissions, contains: vi.fn(() => Promise.resolve(true)) },
  });
});

async function staleInvites(n: number) {
  const { workspace } = await createWorkspace(ledger(), {
    name: 'A',
    mainAccount: { guangguangId: '2210000002' },
  });
  for (let i = 0; i < n; i++)
    await recordInvite(
      ledger(),
      workspace.id,
      { account: { guangguangId: `33100000${i}0` } },
      { now: NOW - 5 * DAY },
    );
}

describe('reminders', () => {
  it('counts overdue items on the badge and notifies once when the count grows', async () => {
    await staleInvites(2);
    expect(await refreshBadge(NOW)).toBe(2);
    expect(create).toHaveBeenCalledTimes(1);
    expect(await refreshBadge(NOW)).toBe(2); // same count: no second notification
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('stays quiet when the user turned reminders off', async () => {
    await staleInvites(1);
    await updateSettings(ledger(), { notificationsEnabled: false });
    expect(await refreshBadge(NOW)).toBe(1);
    expect(create).not.toHaveBeenCalled();
  });

  it('nothing overdue yet: no badge count, no notification', async () => {
    await staleInvites(1);
    expect(await refreshBadge(NOW - 4 * DAY)).toBe(0);
    expect(create).not.toHaveBeenCalled();
  });
});
