/**
 * The keys of one shared workspace (issue 16, item 4). A workspace that is shared has one random
 * 32-byte secret, made by the member who shares it and carried only inside the invite codes members
 * hand to each other (`invite-code.ts`): the sync server never sees it. From it, with HKDF-SHA-256:
 *
 * - a **sealing key** (AES-GCM 256): every text of the shared document that is not an id, a state
 *   or a time (nicknames, 逛逛号, notes, reasons, phone masks, phone hashes) is stored sealed, so the
 *   server holds ids, states and times and nothing it can read;
 * - a **phone key** (HMAC-SHA-256): the hash that recognises the same phone number again. A local
 *   ledger hashes with its install's own key, which cannot match across browsers; a shared workspace
 *   hashes with this key instead, so the same number matches on every colleague's machine. The hash
 *   itself is sealed too (a bare HMAC of an 11-digit number could be guessed by anyone with the key,
 *   and the server must not even hold that).
 *
 * WebCrypto only (the service worker, the panel and Node 22 all have it); the derived keys are not
 * extractable.
 */
import { fromBase64Url, toBase64Url } from './base64url';

export const SECRET_BYTES = 32;
const SEAL_INFO = 'guanghe-sync/seal/v1';
const PHONE_INFO = 'guanghe-sync/phone/v1';
/** Prefix of a sealed text: version, then base64url IV and ciphertext. */
export const SEALED_PREFIX = 's1.';
const IV_BYTES = 12;

export interface WorkspaceKeys {
  seal: CryptoKey;
  phone: CryptoKey;
}

/** A fresh random workspace secret. */
export function newWorkspaceSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
}

export async function deriveWorkspaceKeys(secret: Uint8Array, workspaceId: string): Promise<WorkspaceKeys> {
  if (secret.length !== SECRET_BYTES) throw new Error(`workspace secret must be ${SECRET_BYTES} bytes`);
  const base = await crypto.subtle.importKey('raw', secret as BufferSource, 'HKDF', false, ['deriveKey']);
  // The workspace id salts both keys: one secret reused for two workspaces still gives unrelated keys.
  const salt = new TextEncoder().encode(workspaceId);
  const hkdf = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt,
    info: new TextEncoder().encode(info),
  });
  const [seal, phone] = await Promise.all([
    crypto.subtle.deriveKey(hkdf(SEAL_INFO), base, { name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]),
    crypto.subtle.deriveKey(hkdf(PHONE_INFO), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, [
      'sign',
    ]),
  ]);
  return { seal, phone };
}

/**
 * Seals a text. `context` (say the record's id and kind) is bound as AES-GCM additional data, so a
 * sealed value copied onto another record by a hostile peer does not open there.
 */
export async function sealText(keys: WorkspaceKeys, plain: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) },
    keys.seal,
    new TextEncoder().encode(plain),
  );
  return `${SEALED_PREFIX}${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ct))}`;
}

/** The text a `sealText` made, or null when it is malformed, tampered with or sealed for another context. */
export async function openText(
  keys: WorkspaceKeys,
  sealed: unknown,
  context: string,
): Promise<string | null> {
  if (typeof sealed !== 'string' || !sealed.startsWith(SEALED_PREFIX)) return null;
  const parts = sealed.slice(SEALED_PREFIX.length).split('.');
  if (parts.length !== 2) return null;
  const iv = fromBase64Url(parts[0]!);
  const ct = fromBase64Url(parts[1]!);
  if (!iv || !ct || iv.length !== IV_BYTES) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: iv as BufferSource, additionalData: new TextEncoder().encode(context) },
      keys.seal,
      ct as BufferSource,
    );
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}

/** The shared workspace's phone hash (hex) of a normalised number: equal on every member's machine. */
export async function sharedPhoneHash(keys: WorkspaceKeys, normalisedPhone: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', keys.phone, new TextEncoder().encode(normalisedPhone));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
}
