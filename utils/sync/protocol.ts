/**
 * Panel → background: the team-sharing commands (`sharing:command`), checked here before the
 * background acts. Refusals are codes; the panel words them from its catalogue.
 */
import * as v from 'valibot';
import { IdSchema } from '../ledger/schemas';
import { MAX_INVITE_CODE_CHARS } from './invite-code';

/** What this browser keeps to take part in one shared workspace. */
export interface SharingConfig {
  workspaceId: string;
  /** The server's origin (`wss://…`), as `serverOrigin` checked it. */
  server: string;
  /** The member's user name on the server (shown as the author of their events). */
  user: string;
  token: string;
  /** The workspace secret (base64url), from the invite code or made when sharing began. */
  secret: string;
}

/** `readonly`: a viewer's connection, in step with the document; its local writes are not sent. */
export type SyncState = 'connecting' | 'synced' | 'unsent' | 'readonly' | 'offline' | 'removed' | 'refused';

export interface SyncStatus {
  state: SyncState;
  /** Changes not yet stored by the server (local events not in the document + the provider's queue). */
  unsent: number;
  /** Last time the ledger and the server's document were known equal. */
  lastSyncedAt: number | null;
  /** The server's reason for a refusal, or our own failure. */
  reason: string | null;
}

/** One member of a shared workspace as the server lists it: a user name and a role, nothing else. */
export const MEMBER_ROLES = ['owner', 'editor', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export interface SharedMember {
  user: string;
  role: MemberRole;
}

/**
 * The members of a shared workspace as last told by the server, and when (the background's clock).
 * `you`: the user this browser's connection was authenticated as (the token's subject, told by the
 * server), which the panel marks （你）; null from a server that does not say.
 */
export interface MembersInfo {
  members: SharedMember[];
  you: string | null;
  at: number;
}

/**
 * The server's stateless messages on a shared document's connection (server/members.ts): the request
 * the extension sends, and the one reply it takes.
 */
export const MEMBERS_REQUEST = JSON.stringify({ type: 'members:get' });
export const MAX_MEMBERS = 1000;
/** No well-formed reply is longer (MAX_MEMBERS entries of the longest name): a longer one is not parsed. */
export const MAX_MEMBERS_REPLY_CHARS = 128 * 1024;
// The server's user-name format (server/names.ts).
const ServerUserSchema = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._@+-]{0,63}$/));
const MemberListSchema = v.pipe(
  v.array(
    v.strictObject({
      user: ServerUserSchema,
      role: v.picklist(MEMBER_ROLES),
    }),
  ),
  v.maxLength(MAX_MEMBERS),
  v.check((list) => new Set(list.map((m) => m.user)).size === list.length, 'a user listed twice'),
);
export const MembersReplySchema = v.strictObject({
  type: v.literal('members'),
  members: MemberListSchema,
  you: v.optional(ServerUserSchema),
});
/** A `MembersInfo` as read back from storage (the panel checks what it reads). */
export const MembersInfoSchema = v.object({
  members: MemberListSchema,
  you: v.optional(v.nullable(ServerUserSchema), null),
  at: v.number(),
});

/**
 * What a stateless payload is to the extension: a well-formed members reply (`members`); a message of
 * another type (`other`: a JSON object whose `type` is a short string other than `members`, which a
 * later server may send, ignored); or anything else (`malformed`: not a string, too long, not JSON,
 * or a `members` reply of the wrong shape), after which the last list is no longer trusted.
 */
export type MembersReply =
  | { kind: 'members'; members: SharedMember[]; you: string | null }
  | { kind: 'other' }
  | { kind: 'malformed' };

export function parseMembersReply(payload: unknown): MembersReply {
  if (typeof payload !== 'string' || payload.length > MAX_MEMBERS_REPLY_CHARS) return { kind: 'malformed' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return { kind: 'malformed' };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { kind: 'malformed' };
  const type: unknown = Object.hasOwn(parsed, 'type') ? (parsed as { type: unknown }).type : undefined;
  if (typeof type !== 'string' || type.length > 64) return { kind: 'malformed' };
  if (type !== 'members') return { kind: 'other' };
  const r = v.safeParse(MembersReplySchema, parsed);
  // The output is valibot's copy: plain objects with exactly `user` and `role`.
  return r.success
    ? { kind: 'members', members: r.output.members, you: r.output.you ?? null }
    : { kind: 'malformed' };
}

const ServerSchema = v.pipe(v.string(), v.maxLength(300));
const UserSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100));
const TokenSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(2000));

export const SharingCommandSchema = v.variant('op', [
  /** Share a local workspace: makes its secret, connects, sends everything. */
  v.strictObject({
    op: v.literal('share'),
    workspaceId: IdSchema,
    server: ServerSchema,
    user: UserSchema,
    token: TokenSchema,
  }),
  /** Join a shared workspace from an invite code; its rows arrive from the server. */
  v.strictObject({
    op: v.literal('join'),
    code: v.pipe(v.string(), v.maxLength(MAX_INVITE_CODE_CHARS)),
    user: UserSchema,
    token: TokenSchema,
  }),
  /** The invite code to hand a colleague. */
  v.strictObject({ op: v.literal('invite-code'), workspaceId: IdSchema }),
  /** Ask the server for the workspace's members again (the reply lands in `sharingMembersItem`). */
  v.strictObject({ op: v.literal('members'), workspaceId: IdSchema }),
  /** Stop sharing from this browser; the local copy stays as a local workspace. */
  v.strictObject({ op: v.literal('leave'), workspaceId: IdSchema }),
]);
export type SharingCommand = v.InferOutput<typeof SharingCommandSchema>;

export const SHARING_REFUSALS = [
  'malformed',
  'bad-server',
  'no-permission',
  'bad-code',
  'no-workspace',
  'already-shared',
  'not-shared',
  'failed',
] as const;
export type SharingRefusal = (typeof SHARING_REFUSALS)[number];

export type SharingResult =
  | { ok: true; workspaceId: string; inviteCode?: string }
  | { ok: false; refusal: SharingRefusal; detail?: string };

/** The host permission pattern of a sync server origin (`wss://host:port` → `wss://host/*`). */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
