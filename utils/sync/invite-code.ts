/**
 * The invite code one member gives another to join a shared workspace: the agency server's address,
 * the workspace, its name as the sharer called it, and the workspace secret (`keys.ts`). It travels
 * only from person to person (chat, mail, paper); the server never receives it, so it never holds the
 * key that opens the workspace's texts. Signing in to the server is separate (a token from the
 * agency's administrator, docs/sharing.md).
 *
 * Format: `GHS1-` + base64url(JSON). Anything else, or a code whose fields are not exactly as
 * described, is refused with a reason the panel can show.
 */
import { fromBase64Url, toBase64Url } from './base64url';
import { SECRET_BYTES } from './keys';

export const INVITE_CODE_PREFIX = 'GHS1-';
/** A code is a few hundred characters; this bounds what a pasted text may cost to parse. */
export const MAX_INVITE_CODE_CHARS = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface InviteCode {
  /** The server's origin, `wss://host[:port]` (or `ws://` on this machine only, for a trial). */
  server: string;
  workspaceId: string;
  workspaceName: string;
  secret: Uint8Array;
}

export type InviteCodeProblem = 'format' | 'server' | 'workspace' | 'secret' | 'name';

export class InviteCodeError extends Error {
  constructor(readonly problem: InviteCodeProblem) {
    super(`invite code refused: ${problem}`);
    this.name = 'InviteCodeError';
  }
}

/**
 * The origin a sync server may have, or null. Only `wss:`, or `ws:` to a loopback host; no user,
 * password, path, query or fragment (a server address is an origin, and the permission asked for at
 * opt-in is for that origin only).
 */
export function serverOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  const secure = url.protocol === 'wss:';
  const local = url.protocol === 'ws:' && LOOPBACK.has(url.hostname);
  if (!secure && !local) return null;
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== '/' && url.pathname !== '') return null;
  return `${url.protocol}//${url.host}`;
}

export function encodeInviteCode(code: InviteCode): string {
  const server = serverOrigin(code.server);
  if (!server) throw new InviteCodeError('server');
  if (!UUID.test(code.workspaceId)) throw new InviteCodeError('workspace');
  if (code.secret.length !== SECRET_BYTES) throw new InviteCodeError('secret');
  const json = JSON.stringify({
    v: 1,
    s: server,
    w: code.workspaceId,
    n: code.workspaceName,
    k: toBase64Url(code.secret),
  });
  return INVITE_CODE_PREFIX + toBase64Url(new TextEncoder().encode(json));
}

export function decodeInviteCode(text: unknown): InviteCode {
  if (typeof text !== 'string') throw new InviteCodeError('format');
  const trimmed = text.replace(/\s+/g, '');
  if (trimmed.length > MAX_INVITE_CODE_CHARS || !trimmed.startsWith(INVITE_CODE_PREFIX)) {
    throw new InviteCodeError('format');
  }
  const bytes = fromBase64Url(trimmed.slice(INVITE_CODE_PREFIX.length));
  let raw: unknown;
  try {
    raw = bytes ? JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) : null;
  } catch {
    raw = null;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InviteCodeError('format');
  const o = raw as Record<string, unknown>;
  if (o.v !== 1 || Object.keys(o).some((k) => !['v', 's', 'w', 'n', 'k'].includes(k))) {
    throw new InviteCodeError('format');
  }
  const server = typeof o.s === 'string' ? serverOrigin(o.s) : null;
  if (!server || server !== o.s) throw new InviteCodeError('server');
  if (typeof o.w !== 'string' || !UUID.test(o.w)) throw new InviteCodeError('workspace');
  if (typeof o.n !== 'string' || o.n.length === 0 || o.n.length > 100) throw new InviteCodeError('name');
  const secret = typeof o.k === 'string' ? fromBase64Url(o.k) : null;
  if (!secret || secret.length !== SECRET_BYTES) throw new InviteCodeError('secret');
  return { server, workspaceId: o.w, workspaceName: o.n, secret };
}

/** The Hocuspocus document of a workspace (the server accepts `ws:<uuid>` only). */
export function documentName(workspaceId: string): string {
  return `ws:${workspaceId}`;
}
