/** Test data for the ledger: backups in the ledger's own format, as a user would import them. */
import type { Locator } from '@playwright/test';

const DAY = 24 * 60 * 60 * 1000;

/** A valid backup of one workspace with `n` matrix accounts, as a user would import it. */
export function bulkBackup(n: number, now: number): string {
  const ws = 'ws-bulk';
  const main = 'acc-main';
  const t = now - 30 * DAY;
  const account = (id: string, gg: string, nickname: string, role: 'main' | 'matrix') => ({
    id,
    workspaceId: ws,
    role,
    nickname,
    guangguangId: gg,
    identity: role === 'main' ? 'tmall-merchant' : null,
    storeName: null,
    storeType: null,
    phoneMask: null,
    phoneHash: null,
    note: '',
    createdAt: t,
    updatedAt: t,
  });
  const accounts = [account(main, 'bulk-main', '批量品牌旗舰店', 'main')];
  const bindings = [];
  const permissions = [];
  const states = ['pending', 'accepted', 'declined', 'draft'] as const;
  for (let i = 0; i < n; i++) {
    const k = String(i).padStart(4, '0');
    accounts.push(account(`acc-${k}`, `gg${k}`, `矩阵号${k}`, 'matrix'));
    const state = states[i % states.length]!;
    // Invites sent between 0 and 9 days ago: some are older than the 3-day threshold.
    const invitedAt = state === 'draft' ? null : now - (Math.floor(i / 4) % 10) * DAY - 60_000;
    bindings.push({
      id: `bnd-${k}`,
      workspaceId: ws,
      mainAccountId: main,
      matrixAccountId: `acc-${k}`,
      state,
      invitedAt,
      stateChangedAt: invitedAt ?? t,
      stateSource: 'page',
      createdAt: t,
      updatedAt: t,
    });
    if (state === 'accepted') {
      permissions.push({
        id: `prm-${k}`,
        workspaceId: ws,
        bindingId: `bnd-${k}`,
        scope: 'proxy-publish',
        state: i % 8 === 1 ? 'granted' : 'requested',
        requestedAt: now - DAY,
        stateChangedAt: now - DAY,
        stateSource: 'page',
        createdAt: t,
        updatedAt: t,
      });
    }
  }
  return JSON.stringify({
    format: 'guanghe-ledger',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    schemaVersion: 1,
    phonesIncluded: false,
    phoneKeyId: null,
    workspaces: [{ id: ws, name: '批量导入测试', mainAccountId: main, createdAt: t, updatedAt: t }],
    accounts,
    bindings,
    permissions,
    events: [],
    settings: [],
  });
}

/** Picks a generated backup of `n` accounts in the panel's import box; returns its preview. */
export async function chooseBulkBackup(importBox: Locator, n: number, name = 'bulk.json'): Promise<Locator> {
  await importBox.getByTestId('import-file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(bulkBackup(n, Date.now())),
  });
  return importBox.getByTestId('import-preview');
}
