/**
 * Short-lived connection tokens: `v1.<payload>.<signature>`, the payload base64url JSON
 * `{ sub, iat, exp }` (seconds), the signature HMAC-SHA256 of `v1.<payload>` under the server secret.
 * A token says who the user is and until when; what the user may open is the store's memberships,
 * looked up at every connection.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isUserName } from './names.ts';

/** The longest life a token may have, whatever it says: a stolen token is worth a day at most. */
export const MAX_TOKEN_TTL_S = 24 * 60 * 60;
/** What `token <user>` issues unless told otherwise. */
export const DEFAULT_TOKEN_TTL_S = 60 * 60;
/** Clocks of the CLI's machine and the server's may differ a little. */
const CLOCK_SKEW_S = 60;
/** Secrets shorter than this (in bytes) are refused: HMAC-SHA256 wants at least 32. */
const MIN_SECRET_BYTES = 32;

export interface TokenClaims {
  sub: string;
  iat: number;
  exp: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: string };

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function sign(secret: Buffer, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

export function issueToken(
  secret: Buffer,
  sub: string,
  ttlS = DEFAULT_TOKEN_TTL_S,
  nowS = nowSeconds(),
): string {
  if (!isUserName(sub)) throw new Error(`not a user name: ${JSON.stringify(sub)}`);
  if (!Number.isInteger(ttlS) || ttlS <= 0 || ttlS > MAX_TOKEN_TTL_S)
    throw new Error(`token lifetime must be 1..${MAX_TOKEN_TTL_S} seconds`);
  const body = `v1.${b64(JSON.stringify({ sub, iat: nowS, exp: nowS + ttlS } satisfies TokenClaims))}`;
  return `${body}.${b64(sign(secret, body))}`;
}

export function verifyToken(secret: Buffer, token: unknown, nowS = nowSeconds()): TokenCheck {
  if (typeof token !== 'string' || token.length > 1024) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return { ok: false, reason: 'malformed' };
  const [, payload = '', signature = ''] = parts;
  const given = Buffer.from(signature, 'base64url');
  const wanted = sign(secret, `v1.${payload}`);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
    return { ok: false, reason: 'bad-signature' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
  if (claims.exp <= nowS) return { ok: false, reason: 'expired' };
  if (claims.iat > nowS + CLOCK_SKEW_S || claims.exp - claims.iat > MAX_TOKEN_TTL_S)
    return { ok: false, reason: 'bad-lifetime' };
  return { ok: true, claims };
}

function isClaims(v: unknown): v is TokenClaims {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return isUserName(c.sub) && Number.isInteger(c.iat) && Number.isInteger(c.exp);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * The server secret: `SHARING_SECRET` (hex or base64, at least 32 bytes) when set, else the file
 * given, made with 32 random bytes (mode 0600) the first time. The server and the CLI read the same.
 */
export function loadSecret(envValue: string | undefined, file: string): Buffer {
  if (envValue) {
    const raw = /^[0-9a-f]+$/i.test(envValue)
      ? Buffer.from(envValue, 'hex')
      : Buffer.from(envValue, 'base64');
    if (raw.length < MIN_SECRET_BYTES)
      throw new Error(`SHARING_SECRET must hold at least ${MIN_SECRET_BYTES} bytes`);
    return raw;
  }
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Another process (the CLI beside the server) made it first: read theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  chmodSync(file, 0o600);
  const raw = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (raw.length < MIN_SECRET_BYTES)
    throw new Error(`${file} must hold at least ${MIN_SECRET_BYTES} bytes in hex`);
  return raw;
}
