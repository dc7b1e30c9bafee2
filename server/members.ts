/**
 * Who shares a document, told to its members over their own connection (issue 16, item 5): a
 * Hocuspocus stateless message, so the extension needs no HTTP request and no host permission
 * beyond the server's WebSocket.
 *
 * - Request (client → server): exactly `{"type":"members:get"}`. Anything else is ignored: no
 *   reply, the connection stays open (a stateless payload is the client's own text).
 * - Reply (server → client): `{"type":"members","members":[{"user":"…","role":"owner"},…],"you":"…"}`,
 *   the document's memberships sorted by user name: names and roles only (no tokens, no other
 *   documents), and `you`, the user this connection was authenticated as (the token's subject): the
 *   extension marks its own entry by it, not by the name its user typed. Sent only to a connection whose user is, at that moment, still a member of that
 *   document (read from the store, not from what the connection was authorised with). Any member
 *   may read it, viewers included: every member already sees the authors' names on the events.
 * - Push: when memberships of a document change (the revocation poll), every connection still open
 *   on it gets a fresh reply, unasked.
 * - Rate: neither a burst of membership changes nor a client asking again and again makes the server
 *   send more than one list per `MEMBERS_PUSH_INTERVAL_MS` to a document (pushes) or to a connection
 *   (replies): `PushLimiter` sends the first at once and coalesces the rest into one trailing list.
 *
 * The extension's side of the format is utils/sync/protocol.ts (`MembersReplySchema`); the server
 * imports nothing of the extension, so the two are kept in step by tests/server/members.test.ts,
 * which runs the extension's SharedSession against this server.
 */
import { isDocName, isRole, isUserName, type Role } from './names.ts';
import type { Store } from './store.ts';

export const MEMBERS_REQUEST_TYPE = 'members:get';
export const MEMBERS_REPLY_TYPE = 'members';
/** No request is longer; a longer payload is not even parsed. */
const MAX_REQUEST_CHARS = 200;

/** Whether a stateless payload is a members request (and nothing more). */
export function isMembersRequest(payload: unknown): boolean {
  if (typeof payload !== 'string' || payload.length > MAX_REQUEST_CHARS) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return false;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
  const keys = Object.keys(parsed);
  return (
    keys.length === 1 && keys[0] === 'type' && (parsed as { type: unknown }).type === MEMBERS_REQUEST_TYPE
  );
}

export interface MemberEntry {
  user: string;
  role: Role;
}

/** `doc`'s memberships (well-formed names and roles only), by user name. */
export async function membersOf(store: Store, doc: string): Promise<MemberEntry[]> {
  return (await store.listMembers(doc))
    .filter((m) => isUserName(m.user) && isRole(m.role))
    .map((m) => ({ user: m.user, role: m.role }))
    .sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
}

/** The reply carrying `members`, to a connection authenticated as `you`. */
export function membersMessage(members: MemberEntry[], you: string): string {
  return JSON.stringify({ type: MEMBERS_REPLY_TYPE, members, you });
}

/**
 * The reply to a stateless `payload` from `user` on `doc`, or null when there is none to give: not a
 * members request, or the user is no longer a member of the document.
 */
export async function membersReply(
  store: Store,
  user: string,
  doc: string,
  payload: unknown,
): Promise<string | null> {
  if (!isMembersRequest(payload) || !isDocName(doc)) return null;
  if (!(await store.hasUser(user)) || !(await store.roleOf(user, doc))) return null;
  return membersMessage(await membersOf(store, doc), user);
}

/** The least time between two member lists sent to one document, or to one connection that asks. */
export const MEMBERS_PUSH_INTERVAL_MS = 1000;

/** The timers a `PushLimiter` uses (the real ones unless a test gives its own). */
export interface LimiterClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: LimiterClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Bounds what a burst of membership changes (or of members requests) sends: `run(key)` runs at most
 * once per `interval` per key. The first request for a quiet key runs at once; the requests that
 * come before its interval is over are coalesced into ONE trailing run at the interval's end, which
 * then reads the state as it is by then (so the last change of a burst is never left unsent).
 */
export class PushLimiter<K> {
  private readonly last = new Map<K, number>();
  private readonly waiting = new Map<K, unknown>();
  private readonly run: (key: K) => void;
  private readonly interval: number;
  private readonly clock: LimiterClock;
  private stopped = false;

  // A plain constructor: Node's type stripping takes no parameter properties.
  constructor(run: (key: K) => void, interval: number = MEMBERS_PUSH_INTERVAL_MS, clock = realClock) {
    this.run = run;
    this.interval = interval;
    this.clock = clock;
  }

  request(key: K): void {
    if (this.stopped || this.waiting.has(key)) return;
    const last = this.last.get(key);
    const wait = last === undefined ? 0 : last + this.interval - this.clock.now();
    if (wait <= 0) return this.fire(key);
    this.waiting.set(
      key,
      this.clock.setTimeout(() => {
        this.waiting.delete(key);
        if (!this.stopped) this.fire(key);
      }, wait),
    );
  }

  /** Keys with a trailing run due (for tests and the server's close). */
  get pending(): number {
    return this.waiting.size;
  }

  stop(): void {
    this.stopped = true;
    for (const handle of this.waiting.values()) this.clock.clearTimeout(handle);
    this.waiting.clear();
    this.last.clear();
  }

  private fire(key: K): void {
    const now = this.clock.now();
    this.last.set(key, now);
    // Keys quiet for a whole interval are forgotten, so the map holds only the recent ones.
    if (this.last.size > 256)
      for (const [k, at] of this.last)
        if (at + this.interval <= now && !this.waiting.has(k)) this.last.delete(k);
    this.run(key);
  }
}
