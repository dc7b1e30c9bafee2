/**
 * Turns whatever reached the checker into well-formed values before any rule sees them. A page
 * extractor can miss a field, hand over `null`, a number where a string was expected, or a kind we do
 * not know: missing strings become `''`, missing lists `[]`, unknown enum values `null`. Nothing here
 * throws.
 */
import type {
  AccountRef,
  Entrance,
  Identity,
  InteractionAction,
  KnownAccount,
  PermissionRecord,
  PermissionScope,
  RosterFacts,
  RosterMemberRef,
  RuleContext,
  SubmissionKind,
  WorkspaceAccount,
} from './types.ts';
import { str, strList } from './text.ts';
// The ledger's vocabulary, not a copy of it: one list per kind of value for the whole project.
import {
  BINDING_STATES,
  IDENTITIES,
  MEMBER_BINDINGS,
  MEMBER_STATUSES,
  PERMISSION_SCOPES,
  PERMISSION_STATES,
} from '../ledger/types.ts';

export interface CleanEntranceChoice {
  kind: 'entrance-choice';
  identity: Identity | null;
  entrance: Entrance | null;
  loginName: string;
}
export interface CleanNicknameConfirm {
  kind: 'nickname-confirm';
  identity: Identity | null;
  storeName: string;
  nickname: string;
}
export interface CleanMatrixInvite {
  kind: 'matrix-invite';
  guangguangId: string;
  phone: string;
  phoneHash: string;
}
export interface CleanPermissionRequest {
  kind: 'permission-request';
  guangguangId: string;
  /** Known scopes, deduplicated, in the order given. */
  scopes: PermissionScope[];
  /** Values that are not a scope we know. */
  unknownScopes: string[];
}
export interface CleanProductPoolGrant {
  kind: 'product-pool-grant';
  guangguangId: string;
  shopCard: boolean;
}
export interface CleanUnbind {
  kind: 'unbind';
  guangguangId: string;
  /** Missing → `main`: unbinding from the matrix page is the main account's action. */
  by: 'main' | 'matrix';
  reason: string;
}
export interface CleanRosterUnbind {
  kind: 'roster-unbind';
  guangguangId: string;
  nickname: string;
}
export interface CleanPublish {
  kind: 'proxy-publish-video' | 'proxy-publish-image';
  actingAs: string;
  title: string;
  description: string;
  tags: string[];
  products: string[];
  shops: string[];
  topics: string[];
  schedule: { mode: 'now' } | { mode: 'scheduled'; at: string };
  declaration: string;
  /** Image-text only; null when the page did not say. */
  images: number | null;
  /** The creator the form publishes as ('' parts when not shown); the 逛逛号 that opened it, or ''. */
  creator: { guangguangId: string; nickname: string };
  openedFor: string;
}
export interface CleanBatchItem {
  title: string;
  description: string;
  schedule: CleanPublish['schedule'];
  name: string;
}
export interface CleanBatchPublish {
  kind: 'batch-publish';
  items: CleanBatchItem[];
  declaration: string;
  creator: { guangguangId: string; nickname: string };
  openedFor: string;
}
export interface CleanProxyInteraction {
  kind: 'proxy-interaction';
  actingAs: string;
  action: InteractionAction | null;
  /** What was sent as the action, for the message when it is not one we know. */
  rawAction: string;
  text: string;
}

export type CleanSubmission =
  | CleanEntranceChoice
  | CleanNicknameConfirm
  | CleanMatrixInvite
  | CleanPermissionRequest
  | CleanProductPoolGrant
  | CleanUnbind
  | CleanRosterUnbind
  | CleanPublish
  | CleanBatchPublish
  | CleanProxyInteraction;

/** The clean shape rules of a kind receive. Both publish kinds share `CleanPublish`. */
export type CleanOf<K extends SubmissionKind> = K extends 'proxy-publish-video' | 'proxy-publish-image'
  ? CleanPublish
  : Extract<CleanSubmission, { kind: K }>;

export const SUBMISSION_KINDS: readonly SubmissionKind[] = [
  'entrance-choice',
  'nickname-confirm',
  'matrix-invite',
  'permission-request',
  'product-pool-grant',
  'unbind',
  'roster-unbind',
  'proxy-publish-video',
  'proxy-publish-image',
  'batch-publish',
  'proxy-interaction',
];

const ENTRANCES: readonly Entrance[] = ['settle', 'creator-service', 'institution-service'];
const ACTIONS: readonly InteractionAction[] = ['comment', 'reply', 'like'];

function oneOf<T extends string>(values: readonly T[], x: unknown): T | null {
  return typeof x === 'string' && (values as readonly string[]).includes(x) ? (x as T) : null;
}

function record(x: unknown): Record<string, unknown> | null {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
}

export function kindOf(x: unknown): string {
  return str(record(x)?.kind);
}

export function coerceSubmission(input: unknown): CleanSubmission | null {
  const o = record(input);
  if (!o) return null;
  const kind = oneOf(SUBMISSION_KINDS, o.kind);
  switch (kind) {
    case 'entrance-choice':
      return {
        kind,
        identity: oneOf(IDENTITIES, o.identity),
        entrance: oneOf(ENTRANCES, o.entrance),
        loginName: str(o.loginName),
      };
    case 'nickname-confirm':
      return {
        kind,
        identity: oneOf(IDENTITIES, o.identity),
        storeName: str(o.storeName),
        nickname: str(o.nickname),
      };
    case 'matrix-invite':
      return { kind, guangguangId: str(o.guangguangId), phone: str(o.phone), phoneHash: str(o.phoneHash) };
    case 'permission-request': {
      const raw = strList(o.scopes);
      const scopes: PermissionScope[] = [];
      const unknownScopes: string[] = [];
      for (const s of raw) {
        const known = oneOf(PERMISSION_SCOPES, s.trim());
        if (known) {
          if (!scopes.includes(known)) scopes.push(known);
        } else if (s.trim() !== '') {
          unknownScopes.push(s);
        }
      }
      return { kind, guangguangId: str(o.guangguangId), scopes, unknownScopes };
    }
    case 'product-pool-grant':
      return { kind, guangguangId: str(o.guangguangId), shopCard: o.shopCard === true };
    case 'unbind':
      return {
        kind,
        guangguangId: str(o.guangguangId),
        by: o.by === 'matrix' ? 'matrix' : 'main',
        reason: str(o.reason),
      };
    case 'roster-unbind':
      return { kind, guangguangId: str(o.guangguangId), nickname: str(o.nickname) };
    case 'proxy-publish-video':
    case 'proxy-publish-image': {
      const images = o.images;
      return {
        kind,
        actingAs: str(o.actingAs),
        title: str(o.title),
        description: str(o.description),
        tags: strList(o.tags),
        products: strList(o.products),
        shops: strList(o.shops),
        topics: strList(o.topics),
        schedule: coerceSchedule(o.schedule),
        declaration: str(o.declaration),
        images:
          kind === 'proxy-publish-image' && typeof images === 'number' && Number.isFinite(images)
            ? images
            : null,
        creator: coerceCreator(o.creator),
        openedFor: str(o.openedFor),
      };
    }
    case 'batch-publish':
      return {
        kind,
        items: (Array.isArray(o.items) ? (o.items as unknown[]) : []).map((x) => {
          const it = record(x) ?? {};
          return {
            title: str(it.title),
            description: str(it.description),
            schedule: coerceSchedule(it.schedule),
            name: str(it.name),
          };
        }),
        declaration: str(o.declaration),
        creator: coerceCreator(o.creator),
        openedFor: str(o.openedFor),
      };
    case 'proxy-interaction':
      return {
        kind,
        actingAs: str(o.actingAs),
        action: oneOf(ACTIONS, o.action),
        rawAction: str(o.action),
        text: str(o.text),
      };
    case null:
      return null;
  }
}

function coerceSchedule(x: unknown): CleanPublish['schedule'] {
  if (typeof x === 'string') return x.trim() === '' ? { mode: 'now' } : { mode: 'scheduled', at: x };
  const o = record(x);
  if (!o) return { mode: 'now' };
  if (o.mode === 'scheduled') return { mode: 'scheduled', at: str(o.at) };
  if (o.mode !== 'now' && str(o.at).trim() !== '') return { mode: 'scheduled', at: str(o.at) };
  return { mode: 'now' };
}

function coerceCreator(x: unknown): { guangguangId: string; nickname: string } {
  const o = record(x);
  return { guangguangId: str(o?.guangguangId), nickname: str(o?.nickname) };
}

function coerceRef(x: unknown): AccountRef | null {
  const o = record(x);
  if (!o) return null;
  const ref: AccountRef = {};
  if (str(o.guangguangId) !== '') ref.guangguangId = str(o.guangguangId);
  if (str(o.nickname) !== '') ref.nickname = str(o.nickname);
  return ref;
}

/** A ledger entry as a well-formed account, or null when it has no 逛逛号. */
export function coerceAccount(x: unknown): KnownAccount | null {
  const o = record(x);
  if (!o || str(o.guangguangId).trim() === '') return null;
  const permissions: PermissionRecord[] = [];
  if (Array.isArray(o.permissions)) {
    for (const p of o.permissions as unknown[]) {
      const r = record(p);
      const scope = oneOf(PERMISSION_SCOPES, r?.scope);
      const state = oneOf(PERMISSION_STATES, r?.state);
      if (scope && state) permissions.push({ scope, state });
    }
  }
  const account: KnownAccount = {
    guangguangId: str(o.guangguangId),
    state: oneOf(BINDING_STATES, o.state) ?? 'draft',
    permissions,
  };
  if (str(o.nickname) !== '') account.nickname = str(o.nickname);
  if (str(o.phoneHash) !== '') account.phoneHash = str(o.phoneHash);
  return account;
}

/**
 * A well-formed context. `now` stays NaN when it was not a number: time rules then say so.
 *
 * `accounts` is passed through as it came (only checked to be an array): with a ledger of thousands
 * of accounts, copying every entry on every check would dominate the cost. The engine looks entries
 * up by 逛逛号 and coerces only the ones a rule asks for (`coerceAccount`).
 */
export function coerceContext(input: unknown): RuleContext {
  const o = record(input) ?? {};
  const now = typeof o.now === 'number' && Number.isFinite(o.now) ? o.now : Number.NaN;
  let workspace: WorkspaceAccount | null = coerceRef(o.workspace);
  const identity = oneOf(IDENTITIES, record(o.workspace)?.identity);
  if (workspace && identity) workspace = { ...workspace, identity };
  const accounts = Array.isArray(o.accounts) ? (o.accounts as readonly KnownAccount[]) : [];
  const whitelisted = o.whitelisted === true ? true : o.whitelisted === false ? false : 'unknown';
  return {
    now,
    workspace,
    accounts,
    whitelisted,
    pageAccount: coerceRef(o.pageAccount),
    ...(o.pageAccountUnconfirmed === true ? { pageAccountUnconfirmed: true } : {}),
    ...('roster' in o ? { roster: coerceRoster(o.roster) } : {}),
  };
}

/** An institution's roster: well-formed members only (a 逛逛号 or a nickname, a known state). */
function coerceRoster(x: unknown): RosterFacts | null {
  const o = record(x);
  if (!o) return null;
  const members: RosterMemberRef[] = [];
  for (const m of Array.isArray(o.members) ? (o.members as unknown[]) : []) {
    const r = record(m);
    const status = oneOf(MEMBER_STATUSES, r?.status);
    const binding = oneOf(MEMBER_BINDINGS, r?.binding);
    const id = str(r?.guangguangId).trim();
    const nickname = str(r?.nickname);
    if (status && binding && (id || nickname))
      members.push({ nickname, guangguangId: id || null, status, binding });
  }
  return { institution: str(o.institution), members };
}
