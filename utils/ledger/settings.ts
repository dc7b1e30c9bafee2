import type { LedgerDb } from './db';
import { DEFAULT_SETTINGS, type LedgerSettings } from './types';

/**
 * Whether a stored setting's value is one the ledger would write: the same checks as `SettingRowSchema`
 * (schemas.ts; tests/unit/ledger/settings.test.ts holds them equal), by hand, because the side panel
 * reads settings at first paint and valibot with the row schemas is about 3 KB gzip of its budget.
 */
const VALID: { [K in keyof LedgerSettings]: (value: unknown) => boolean } = {
  staleThresholdDays: (x) => Number.isInteger(x) && (x as number) >= 1 && (x as number) <= 365,
  notificationsEnabled: (x) => typeof x === 'boolean',
  selectedWorkspaceId: (x) => x === null || (typeof x === 'string' && /^[\w-]{1,64}$/.test(x)),
};

/** Whether `row` is a setting row with a valid value (its time is not needed to read it). */
export function isSettingRow(row: {
  key: string;
  value: unknown;
}): row is { key: keyof LedgerSettings; value: never } {
  return Object.hasOwn(VALID, row.key) && VALID[row.key as keyof LedgerSettings](row.value);
}

/** All settings, defaults filled in; a stored value that fails validation reads as its default. */
export async function readSettings(db: LedgerDb): Promise<LedgerSettings> {
  const out: LedgerSettings = { ...DEFAULT_SETTINGS };
  for (const row of await db.settings.toArray())
    if (isSettingRow(row)) (out as unknown as Record<string, unknown>)[row.key] = row.value;
  return out;
}
