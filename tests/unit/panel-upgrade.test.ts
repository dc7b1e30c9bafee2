import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { openLedger } from '@/utils/ledger/db';
import { LEDGER_VERSIONS, applyMigrations } from '@/utils/ledger/migrations';
import { reloadOnUpgrade } from '@/components/ledger/db';

describe('an extension update while the panel is open', () => {
  it('does not block the upgrade: the panel closes its connection and reloads', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const panel = openLedger(name);
    await panel.open();
    const reload = vi.fn();
    reloadOnUpgrade(panel, reload);

    const last = LEDGER_VERSIONS[LEDGER_VERSIONS.length - 1]!;
    const next = {
      version: last.version + 1,
      description: 'test-only probe',
      stores: { upgradeProbe: 'id' },
    };
    const updated = new Dexie(name);
    applyMigrations(updated, [...LEDGER_VERSIONS, next]);
    // Dexie closes an old connection on versionchange by default, so the upgrade is not blocked; without
    // the handler, though, the panel would be left on a closed database and every read would fail.
    await Promise.race([
      updated.open(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('upgrade blocked by the open panel')), 3000),
      ),
    ]);
    expect(updated.verno).toBe(next.version);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(panel.isOpen()).toBe(false);
    updated.close();
  });
});
