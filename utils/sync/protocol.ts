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

export type SyncState = 'connecting' | 'synced' | 'unsent' | 'offline' | 'removed' | 'refused';

export interface SyncStatus {
  state: SyncState;
  /** Changes not yet stored by the server (local events not in the document + the provider's queue). */
  unsent: number;
  /** Last time the ledger and the server's document were known equal. */
  lastSyncedAt: number | null;
  /** The server's reason for a refusal, or our own failure. */
  reason: string | null;
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
