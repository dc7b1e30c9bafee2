/** Tokens, names and settings of the sharing server: the checks every connection goes through. */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { originAllowed, parseOrigins, settingsFromEnv } from '../../server/config.ts';
import { isDocName, isRole, isUserName } from '../../server/names.ts';
import { issueToken, loadSecret, MAX_TOKEN_TTL_S, verifyToken } from '../../server/tokens.ts';

const secret = randomBytes(32);
const NOW = 1_800_000_000;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('tokens', () => {
  it('verify what they were issued with, until they expire', () => {
    const t = issueToken(secret, 'alice@agency.cn', 600, NOW);
    expect(verifyToken(secret, t, NOW)).toEqual({
      ok: true,
      claims: { sub: 'alice@agency.cn', iat: NOW, exp: NOW + 600 },
    });
    expect(verifyToken(secret, t, NOW + 599).ok).toBe(true);
    expect(verifyToken(secret, t, NOW + 600)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse another secret, a changed payload, garbage and a lifetime past the maximum', () => {
    const t = issueToken(secret, 'alice', 600, NOW);
    expect(verifyToken(randomBytes(32), t, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    const [v, , sig] = t.split('.');
    const other = Buffer.from(JSON.stringify({ sub: 'mallory', iat: NOW, exp: NOW + 600 })).toString(
      'base64url',
    );
    expect(verifyToken(secret, `${v}.${other}.${sig}`, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    for (const junk of ['', 'v1', 'v1..', 'v2.a.b', `${t}.x`, 42, null, 'x'.repeat(2000)])
      expect(verifyToken(secret, junk, NOW).ok).toBe(false);
    // Signed with the right secret but claiming a week: refused all the same.
    const body = `v1.${Buffer.from(JSON.stringify({ sub: 'alice', iat: NOW, exp: NOW + 7 * 86400 })).toString('base64url')}`;
    const long = `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
    expect(verifyToken(secret, long, NOW)).toEqual({ ok: false, reason: 'bad-lifetime' });
    expect(() => issueToken(secret, 'alice', MAX_TOKEN_TTL_S + 1)).toThrow();
    expect(() => issueToken(secret, 'Not A User')).toThrow();
  });

  it('come from SHARING_SECRET, or from a secret file made once with mode 0600', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sharing-secret-'));
    dirs.push(dir);
    const file = join(dir, 'sub', 'sharing-secret.key');
    const a = loadSecret(undefined, file);
    expect(a.length).toBe(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSecret(undefined, file).equals(a)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(a.toString('hex'));
    const hex = randomBytes(32).toString('hex');
    expect(loadSecret(hex, file).toString('hex')).toBe(hex);
    expect(() => loadSecret('abcd', file)).toThrow(/at least 32/);
  });
});

describe('names', () => {
  it('documents are ws:<lower-case uuid>, users a plain login, roles the three', () => {
    const id = crypto.randomUUID();
    expect(isDocName(`ws:${id}`)).toBe(true);
    for (const bad of [id, `ws:${id.toUpperCase()}`, `ws:${id} `, `ws:${id}\0x`, `ws:${id}/..`, 'ws:', 42])
      expect(isDocName(bad)).toBe(false);
    expect(isUserName('li.wei+ops@agency.cn')).toBe(true);
    for (const bad of ['', 'Alice', '-x', 'a b', 'a'.repeat(65), 'a/b']) expect(isUserName(bad)).toBe(false);
    expect(['owner', 'editor', 'viewer'].every(isRole)).toBe(true);
    expect(isRole('admin')).toBe(false);
  });
});

describe('settings', () => {
  it('take only extension origins, exact or every Firefox install', () => {
    const chrome = `chrome-extension://${'abcdefghijklmnop'.repeat(2)}`;
    const fx = 'moz-extension://0b9e3c52-4c53-4d0f-9a53-6bfc1c7b2a10';
    expect(parseOrigins(` ${chrome} , moz-extension://* `)).toEqual([chrome, 'moz-extension://*']);
    for (const bad of ['https://agency.cn', 'chrome-extension://short', 'moz-extension://evil.example', '*'])
      expect(() => parseOrigins(bad)).toThrow(/ALLOWED_ORIGINS/);
    expect(originAllowed(chrome, [chrome])).toBe(true);
    expect(originAllowed(fx, [chrome])).toBe(false);
    expect(originAllowed(fx, ['moz-extension://*'])).toBe(true);
    expect(originAllowed(`${fx}.evil.example`, ['moz-extension://*'])).toBe(false);
    expect(originAllowed(undefined, [chrome])).toBe(false);
  });

  it('default to SQLite in the working directory, or DATA_DIR, or Postgres by DATABASE_URL', () => {
    expect(settingsFromEnv({}, '/srv/x').store).toEqual({ kind: 'sqlite', target: '/srv/x/sharing.sqlite' });
    expect(settingsFromEnv({ DATA_DIR: '/data/' }, '/srv/x').store.target).toBe('/data/sharing.sqlite');
    expect(settingsFromEnv({ DATA_DIR: '/data' }, '/srv/x').secretFile).toBe('/data/sharing-secret.key');
    const pg = 'postgres://u:p@db:5432/sharing';
    expect(settingsFromEnv({ DATABASE_URL: pg }, '/srv/x').store).toEqual({ kind: 'postgres', target: pg });
    expect(settingsFromEnv({ DATABASE_URL: 'file:/var/lib/s.db' }, '/srv/x').store.target).toBe(
      '/var/lib/s.db',
    );
    expect(settingsFromEnv({ PORT: '0' }, '/').port).toBe(0);
    expect(() => settingsFromEnv({ PORT: '70000' }, '/')).toThrow(/PORT/);
    expect(() => settingsFromEnv({ MAX_MESSAGE_BYTES: '-1' }, '/')).toThrow(/MAX_MESSAGE_BYTES/);
  });
});
