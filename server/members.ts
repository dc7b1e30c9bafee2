/**
 * Who shares a document, told to its members over their own connection (issue 16, item 5): a
 * Hocuspocus stateless message, so the extension needs no HTTP request and no host permission
 * beyond the server's WebSocket.
 *
 * - Request (client → server): exactly `{"type":"members:get"}`. Anything else is ignored: no
 *   reply, the connection stays open (a stateless payload is the client's own text).
 * - Reply (server → client): `{"type":"members","members":[{"user":"…","role":"owner"},…]}`, the
 *   document's memberships sorted by user name: names and roles only (no tokens, no other
 *   documents). Sent only to a connection whose user is, at that moment, still a member of that
 *   document (read from the store, not from what the connection was authorised with). Any member
 *   may read it, viewers included: every member already sees the authors' names on the events.
 * - Push: when memberships of a document change (the revocation poll), every connection still open
 *   on it gets a fresh reply, unasked.
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

/** The reply carrying `members`. */
export function membersMessage(members: MemberEntry[]): string {
  return JSON.stringify({ type: MEMBERS_REPLY_TYPE, members });
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
  return membersMessage(await membersOf(store, doc));
}
