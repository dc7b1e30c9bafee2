import { describe, expect, it } from 'vitest';
import {
  deriveWorkspaceKeys,
  newWorkspaceSecret,
  openText,
  sealText,
  sharedPhoneHash,
  SEALED_PREFIX,
} from '@/utils/sync/keys';
import {
  decodeInviteCode,
  documentName,
  encodeInviteCode,
  INVITE_CODE_PREFIX,
  InviteCodeError,
  serverOrigin,
} from '@/utils/sync/invite-code';
import { fromBase64Url, toBase64Url } from '@/utils/sync/base64url';

const WS = '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';
const OTHER_WS = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';

describe('workspace keys', () => {
  it('seals and opens a text, and nothing of the text shows in the sealed form', async () => {
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret(), WS);
    const sealed = await sealText(keys, '138****8000 小林', 'accounts:x');
    expect(sealed.startsWith(SEALED_PREFIX)).toBe(true);
    expect(sealed).not.toContain('8000');
    expect(await openText(keys, sealed, 'accounts:x')).toBe('138****8000 小林');
    // A fresh IV each time: the same text never seals the same way twice.
    expect(await sealText(keys, 'a', 'c')).not.toBe(await sealText(keys, 'a', 'c'));
  });

  it('refuses another context, another key, another workspace, a tampered or malformed value', async () => {
    const secret = newWorkspaceSecret();
    const keys = await deriveWorkspaceKeys(secret, WS);
    const sealed = await sealText(keys, 'secret text', 'events:1');
    expect(await openText(keys, sealed, 'events:2')).toBeNull();
    expect(
      await openText(await deriveWorkspaceKeys(newWorkspaceSecret(), WS), sealed, 'events:1'),
    ).toBeNull();
    expect(await openText(await deriveWorkspaceKeys(secret, OTHER_WS), sealed, 'events:1')).toBeNull();
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
    expect(await openText(keys, flipped, 'events:1')).toBeNull();
    for (const bad of [null, 42, '', 's1.', 's1.a.b.c', 's1.!!.??', 'plain text', { s: sealed }])
      expect(await openText(keys, bad, 'events:1')).toBeNull();
  });

  it('hashes a phone the same way on every member machine of one workspace, and differently elsewhere', async () => {
    const secret = newWorkspaceSecret();
    const a = await deriveWorkspaceKeys(secret, WS);
    const b = await deriveWorkspaceKeys(Uint8Array.from(secret), WS);
    const hash = await sharedPhoneHash(a, '13800138000');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await sharedPhoneHash(b, '13800138000')).toBe(hash);
    expect(await sharedPhoneHash(a, '13800138001')).not.toBe(hash);
    expect(
      await sharedPhoneHash(await deriveWorkspaceKeys(newWorkspaceSecret(), WS), '13800138000'),
    ).not.toBe(hash);
  });

  it('refuses a secret of the wrong size', async () => {
    await expect(deriveWorkspaceKeys(new Uint8Array(16), WS)).rejects.toThrow(/32 bytes/);
  });
});

describe('base64url', () => {
  it('round-trips every byte value and refuses other alphabets', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64Url(toBase64Url(all))).toEqual(all);
    expect(toBase64Url(all)).not.toMatch(/[+/=]/);
    expect(fromBase64Url('ab+/')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });

  it('round-trips texts longer than one encoding chunk (8 KiB) and of every length mod 3', () => {
    for (const n of [0, 1, 2, 3, 0x2000 - 1, 0x2000, 0x2000 + 1, 3 * 0x2000 + 2]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff);
      const text = toBase64Url(bytes);
      expect(text).toBe(
        btoa(String.fromCharCode(...bytes))
          .replaceAll('+', '-')
          .replaceAll('/', '_')
          .replace(/=+$/, ''),
      );
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });
});

describe('invite code', () => {
  const code = () => ({
    server: 'wss://sync.agency.example:8443',
    workspaceId: WS,
    workspaceName: '小林的杂货铺',
    secret: newWorkspaceSecret(),
  });

  it('round-trips, and its text holds the server and workspace but no readable secret', () => {
    const c = code();
    const text = encodeInviteCode(c);
    expect(text.startsWith(INVITE_CODE_PREFIX)).toBe(true);
    const back = decodeInviteCode(`  ${text.slice(0, 20)}\n${text.slice(20)}  `);
    expect(back).toEqual(c);
    expect(documentName(back.workspaceId)).toBe(`ws:${WS}`);
  });

  it('accepts only an origin: wss anywhere, ws on this machine only', () => {
    expect(serverOrigin('wss://a.example/')).toBe('wss://a.example');
    expect(serverOrigin('ws://127.0.0.1:1234')).toBe('ws://127.0.0.1:1234');
    expect(serverOrigin('ws://localhost:1234')).toBe('ws://localhost:1234');
    for (const bad of [
      'ws://a.example',
      'https://a.example',
      'wss://a.example/path',
      'wss://u:p@a.example',
      'wss://a.example/?x=1',
      'wss://a.example/#x',
      'not a url',
      'javascript:alert(1)',
    ])
      expect(serverOrigin(bad), bad).toBeNull();
  });

  it('names what is wrong with a refused code', () => {
    const problem = (text: unknown) => {
      try {
        decodeInviteCode(text);
        return 'accepted';
      } catch (e) {
        expect(e).toBeInstanceOf(InviteCodeError);
        return (e as InviteCodeError).problem;
      }
    };
    const raw = (o: unknown) => INVITE_CODE_PREFIX + toBase64Url(new TextEncoder().encode(JSON.stringify(o)));
    const good = { v: 1, s: 'wss://a.example', w: WS, n: '店', k: toBase64Url(newWorkspaceSecret()) };
    expect(problem(raw(good))).toBe('accepted');
    expect(problem(42)).toBe('format');
    expect(problem('GHS2-abc')).toBe('format');
    expect(problem(INVITE_CODE_PREFIX + 'x'.repeat(3000))).toBe('format');
    expect(problem(INVITE_CODE_PREFIX + '%%%')).toBe('format');
    expect(problem(raw([1, 2]))).toBe('format');
    expect(problem(raw({ ...good, v: 2 }))).toBe('format');
    expect(problem(raw({ ...good, extra: 1 }))).toBe('format');
    expect(problem(raw({ ...good, s: 'ws://a.example' }))).toBe('server');
    expect(problem(raw({ ...good, s: 'wss://a.example/' }))).toBe('server');
    expect(problem(raw({ ...good, w: 'WS-1' }))).toBe('workspace');
    expect(problem(raw({ ...good, n: '' }))).toBe('name');
    expect(problem(raw({ ...good, k: toBase64Url(new Uint8Array(8)) }))).toBe('secret');
    expect(() => encodeInviteCode({ ...code(), server: 'http://x' })).toThrow(InviteCodeError);
  });
});
