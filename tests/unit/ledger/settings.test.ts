import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { SettingRowSchema } from '@/utils/ledger/schemas';
import { isSettingRow, readSettings } from '@/utils/ledger/settings';
import { DEFAULT_SETTINGS } from '@/utils/ledger/types';
import { freshDb } from './helpers';

const VALUES: unknown[] = [
  null,
  undefined,
  0,
  1,
  7,
  365,
  366,
  -1,
  1.5,
  Number.NaN,
  '7',
  true,
  false,
  '',
  'ws-1',
  'a_b-C9',
  'x'.repeat(64),
  'x'.repeat(65),
  'has space',
  'with/slash',
  '中文',
  {},
  [],
];
const KEYS = ['staleThresholdDays', 'notificationsEnabled', 'selectedWorkspaceId', 'other', '__proto__'];

describe('settings read at first paint', () => {
  it('accept exactly the rows SettingRowSchema accepts', () => {
    for (const key of KEYS)
      for (const value of VALUES) {
        const row = { key, value, updatedAt: 1 };
        expect(isSettingRow(row), `${key}=${String(value)}`).toBe(v.is(SettingRowSchema, row));
      }
  });

  it('read a bad stored value as its default', async () => {
    const db = freshDb();
    await db.settings.bulkPut([
      { key: 'staleThresholdDays', value: 0, updatedAt: 1 },
      { key: 'selectedWorkspaceId', value: 'ws-9', updatedAt: 1 },
    ]);
    expect(await readSettings(db)).toEqual({ ...DEFAULT_SETTINGS, selectedWorkspaceId: 'ws-9' });
  });
});
