/**
 * Phone privacy. The ledger keeps a phone number only as
 * - a mask for display (`138****8000`), and
 * - an HMAC-SHA-256 (hex) made with a per-install key, to recognise the same number again.
 * The clear number is never written anywhere.
 *
 * The key is a WebCrypto HMAC key generated once with `extractable: false` and stored as the CryptoKey
 * object itself in `meta` (IndexedDB structured clone keeps it non-extractable: the raw bytes can never
 * be read back, not even by this extension). Node 22 + fake-indexeddb clone CryptoKey the same way,
 * which the tests check. A backup never contains the key; hashes in a backup are only meaningful on
 * the install that made them (see `phoneKeyId`).
 *
 * Input must already be normalised (11 digits starting with 1); normalisation lives in `utils/rules`.
 */
import type { LedgerDb } from './db';
import { LedgerValidationError, guardStorage } from './errors';

export const PHONE_PATTERN = /^1\d{10}$/;
const KEY_META = 'hmacKey';
const KEY_ID_LABEL = 'guanghe-ledger/phone-key-id/v1';

export function isNormalisedPhone(phone: string): boolean {
  return PHONE_PATTERN.test(phone);
}

function assertPhone(phone: string): void {
  if (typeof phone !== 'string' || !PHONE_PATTERN.test(phone)) {
    throw new LedgerValidationError(
      ['phone: expected 11 digits starting with 1'],
      '手机号格式不对：应为 1 开头的 11 位数字',
      'Invalid phone number: expected 11 digits starting with 1',
    );
  }
}

/** `13800138000` → `138****8000`. */
export function maskPhone(phone: string): string {
  assertPhone(phone);
  return `${phone.slice(0, 3)}****${phone.slice(7)}`;
}

function isCryptoKey(v: unknown): v is CryptoKey {
  return typeof CryptoKey !== 'undefined' && v instanceof CryptoKey;
}

async function loadOrCreateKey(db: LedgerDb): Promise<CryptoKey> {
  const stored = await db.meta.get(KEY_META);
  if (stored && isCryptoKey(stored.value)) return stored.value;
  // Generate outside the transaction (only Dexie may be awaited inside one) …
  const fresh = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, [
    'sign',
  ]);
  // … then store it unless another context or call got there first (theirs wins, so all agree).
  return guardStorage(() =>
    db.transaction('rw', db.meta, async () => {
      const again = await db.meta.get(KEY_META);
      if (again && isCryptoKey(again.value)) return again.value;
      await db.meta.put({ key: KEY_META, value: fresh });
      return fresh;
    }),
  );
}

/**
 * This install's HMAC key, created on first use. Read from the database each time (one indexed get,
 * no in-memory cache), so a ledger that was deleted and re-created never hashes with a stale key.
 */
export function getHmacKey(db: LedgerDb): Promise<CryptoKey> {
  return loadOrCreateKey(db);
}

function toHex(buf: ArrayBuffer): string {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function signHex(key: CryptoKey, text: string): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text)));
}

async function hmacHex(db: LedgerDb, text: string): Promise<string> {
  return signHex(await getHmacKey(db), text);
}

/** HMAC-SHA-256 hex of a normalised number with this install's key. */
export async function hmacPhone(db: LedgerDb, normalizedPhone: string): Promise<string> {
  assertPhone(normalizedPhone);
  return hmacHex(db, `phone:${normalizedPhone}`);
}

/**
 * The HMAC of a normalised number with this install's key if the key exists, else `undefined`: a
 * read only (never creates the key), for the side panel, which does not write to the ledger.
 */
export async function hmacPhoneIfKeyed(db: LedgerDb, normalizedPhone: string): Promise<string | undefined> {
  assertPhone(normalizedPhone);
  const stored = await db.meta.get(KEY_META);
  if (!stored || !isCryptoKey(stored.value)) return undefined;
  return signHex(stored.value, `phone:${normalizedPhone}`);
}

/**
 * A short public fingerprint of this install's key (an HMAC of a fixed label, revealing nothing about the
 * key). Written into backups that include phone hashes, so an import on another install can tell that
 * the hashes cannot match its own and drops them (keeping the masks).
 */
export async function phoneKeyId(db: LedgerDb): Promise<string> {
  return (await hmacHex(db, KEY_ID_LABEL)).slice(0, 16);
}

/** Mask and hash for storing; call before opening a transaction. */
export async function protectPhone(
  db: LedgerDb,
  normalizedPhone: string,
): Promise<{ phoneMask: string; phoneHash: string }> {
  const phoneMask = maskPhone(normalizedPhone);
  return { phoneMask, phoneHash: await hmacPhone(db, normalizedPhone) };
}
