import { describe, expect, it } from 'vitest';
import {
  LedgerValidationError,
  createWorkspace,
  exportCsv,
  exportJson,
  getHmacKey,
  hmacPhone,
  hmacPhoneIfKeyed,
  maskPhone,
  phoneKeyId,
  recordInvite,
  recordPageCapture,
  upsertAccount,
} from '@/utils/ledger';
import { freshDb, T0 } from './helpers';

describe('maskPhone', () => {
  it('masks the middle four digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
  it.each(['1380013800', '23800138000', '138 0013 8000', '+8613800138000', ''])('rejects %j', (p) => {
    expect(() => maskPhone(p)).toThrow(LedgerValidationError);
  });
});

describe('hmacPhone and the key', () => {
  it('hmacPhoneIfKeyed (the panel’s) never creates the key, and agrees with hmacPhone once it exists', async () => {
    const db = freshDb();
    expect(await hmacPhoneIfKeyed(db, '13800138000')).toBeUndefined();
    expect(await db.meta.get('hmacKey')).toBeUndefined();
    const h = await hmacPhone(db, '13800138000');
    expect(await hmacPhoneIfKeyed(db, '13800138000')).toBe(h);
    await expect(hmacPhoneIfKeyed(db, '138')).rejects.toThrow(LedgerValidationError);
  });

  it('is stable per install, differs between installs, and the key cannot be read back', async () => {
    const a = freshDb();
    const b = freshDb();
    const h1 = await hmacPhone(a, '13800138000');
    expect(h1).toMatch(/^[0-9a-f]{64}$/);
    expect(await hmacPhone(a, '13800138000')).toBe(h1);
    expect(await hmacPhone(a, '13800138001')).not.toBe(h1);
    expect(await hmacPhone(b, '13800138000')).not.toBe(h1);
    expect(await phoneKeyId(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(await phoneKeyId(a)).not.toBe(await phoneKeyId(b));

    // The CryptoKey object itself is stored (structured clone), non-extractable.
    const row = await a.meta.get('hmacKey');
    expect(row?.value).toBeInstanceOf(CryptoKey);
    const key = row!.value as CryptoKey;
    expect(key.extractable).toBe(false);
    expect(key.usages).toEqual(['sign']);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    expect(await getHmacKey(a)).toBeInstanceOf(CryptoKey);
  });

  it('a second instance on the same database reuses the stored key', async () => {
    const a = freshDb();
    const h1 = await hmacPhone(a, '13800138000');
    a.close();
    const { openLedger } = await import('@/utils/ledger');
    const again = openLedger(a.name);
    expect(await hmacPhone(again, '13800138000')).toBe(h1);
    expect(await again.meta.count()).toBe(2); // schema + hmacKey
    again.close();
    await a.open();
  });

  it('rejects a number that is not normalised', async () => {
    await expect(hmacPhone(freshDb(), '138-0013-8000')).rejects.toBeInstanceOf(LedgerValidationError);
  });
});

it('the clear number is never written: every table, the backup and the CSV are scanned', async () => {
  const db = freshDb();
  const phones = ['13800138000', '13912345678', '15000000001'];
  const { workspace } = await createWorkspace(db, {
    name: '店',
    mainAccount: { guangguangId: 'main', phone: phones[0] },
  });
  await upsertAccount(db, workspace.id, { guangguangId: 'a', phone: phones[1] }, { now: T0 });
  await upsertAccount(db, workspace.id, { guangguangId: 'a', phone: phones[2] }, { now: T0 + 1 }); // change → event
  await recordInvite(db, workspace.id, { account: { guangguangId: 'b', phone: phones[1] } });
  await recordPageCapture(db, workspace.id, {
    kind: 'invite-sent',
    captureId: 'x',
    capturedAt: T0,
    guangguangId: 'c',
    phone: phones[2],
  });

  const texts: string[] = [];
  for (const t of db.tables) texts.push(JSON.stringify(await t.toArray()));
  texts.push(await exportJson(db, { includePhones: true }));
  texts.push(await exportCsv(db, { includePhones: true }));
  const all = texts.join('\n');
  for (const p of phones) {
    expect(all).not.toContain(p);
    expect(all).not.toContain(p.slice(3, 7) + p.slice(7)); // the hidden middle digits next to the tail
  }
  expect(all).toContain('138****8000');
  // Without includePhones, not even masks or hashes leave the ledger.
  const plain = (await exportJson(db)) + (await exportCsv(db));
  expect(plain).not.toMatch(/\*\*\*\*/);
  expect(plain).not.toMatch(/"phoneHash":"[0-9a-f]/);
});
