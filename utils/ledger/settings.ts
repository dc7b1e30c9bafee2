import * as v from 'valibot';
import type { LedgerDb } from './db';
import { SettingRowSchema } from './schemas';
import { DEFAULT_SETTINGS, type LedgerSettings } from './types';

/** All settings, defaults filled in; a stored value that fails validation reads as its default. */
export async function readSettings(db: LedgerDb): Promise<LedgerSettings> {
  const out: LedgerSettings = { ...DEFAULT_SETTINGS };
  for (const row of await db.settings.toArray()) {
    const r = v.safeParse(SettingRowSchema, row);
    if (r.success) (out as unknown as Record<string, unknown>)[r.output.key] = r.output.value;
  }
  return out;
}
