/**
 * Row types and value sets of the local ledger. Plain data only (no classes), so every row survives
 * structured clone (IndexedDB), JSON (backup) and messaging unchanged.
 *
 * Conventions:
 * - ids are client-generated `crypto.randomUUID()` strings;
 * - times are epoch milliseconds (`number`);
 * - absent values are `null`, never `undefined` or a missing key, so a JSON round trip is lossless.
 */
import {
  BINDING_TERMS,
  IDENTITY_TERMS,
  PERMISSION_TERMS,
  ROLE_TERMS,
  SCOPE_TERMS,
  zhOf,
} from '../platform/terms.ts';

export const IDENTITIES = [
  'taobao-merchant',
  'tmall-merchant',
  'sub-account',
  'taobao-user',
  'brand',
  'expert',
  'institution',
] as const;
export type Identity = (typeof IDENTITIES)[number];

/** Tables exported in a backup, in dependency order. */
export const BACKUP_TABLES = [
  'workspaces',
  'accounts',
  'bindings',
  'permissions',
  'events',
  'settings',
] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

/**
 * Tables of the institution roster (schema v2), exported in a backup after `BACKUP_TABLES` (files of
 * backup version 1 have none of them).
 */
export const ROSTER_TABLES = ['institutions', 'members', 'memberEvents'] as const;
export type RosterTable = (typeof ROSTER_TABLES)[number];

/** Every table a backup carries (version 2), in dependency order. */
export const ALL_BACKUP_TABLES = [...BACKUP_TABLES, ...ROSTER_TABLES] as const;
export type AnyBackupTable = (typeof ALL_BACKUP_TABLES)[number];

export const ACCOUNT_ROLES = ['main', 'matrix'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const BINDING_STATES = [
  'draft',
  'pending',
  'accepted',
  'declined',
  'expired',
  'cancelled',
  'unbound',
] as const;
export type BindingState = (typeof BINDING_STATES)[number];

export const PERMISSION_SCOPES = ['proxy-publish', 'proxy-interaction', 'product-pool', 'shop-card'] as const;
export type PermissionScope = (typeof PERMISSION_SCOPES)[number];

export const PERMISSION_STATES = ['requested', 'granted', 'declined', 'revoked'] as const;
export type PermissionState = (typeof PERMISSION_STATES)[number];

export const EVENT_SOURCES = ['manual', 'page'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export const ENTITY_TYPES = ['workspace', 'account', 'binding', 'permission'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * - `created`: the entity came into existence (`from` null, `to` its first state or name);
 * - `transition`: one legal step of a lifecycle machine;
 * - `jump`: the page showed a state that is not one legal step away; recorded as seen (page is truth);
 * - `updated`: a plain field changed (`field` names it).
 */
export const EVENT_ACTIONS = ['created', 'transition', 'jump', 'updated'] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** Machine-readable cause of an event the user did not trigger directly. */
export const EVENT_CAUSES = ['unbind', 'binding-left-accepted', 're-invite', 'import'] as const;
export type EventCause = (typeof EVENT_CAUSES)[number];

/** The ledger's Chinese labels, from the platform vocabulary (utils/platform/terms.ts). */
export const zhLabels = {
  identity: Object.fromEntries(Object.entries(IDENTITY_TERMS).map(([k, t]) => [k, t.zh])) as Record<
    Identity,
    string
  >,
  role: { main: ROLE_TERMS.main.zh, matrix: ROLE_TERMS.matrix.zh } satisfies Record<AccountRole, string>,
  binding: zhOf(BINDING_TERMS),
  scope: Object.fromEntries(Object.entries(SCOPE_TERMS).map(([k, t]) => [k, t.zh])) as Record<
    PermissionScope,
    string
  >,
  permission: zhOf(PERMISSION_TERMS),
} as const;

export interface WorkspaceRow {
  id: string;
  name: string;
  /** The account row (role `main`) of the merchant this workspace is for. */
  mainAccountId: string;
  createdAt: number;
  updatedAt: number;
}

export interface AccountRow {
  id: string;
  workspaceId: string;
  role: AccountRole;
  nickname: string;
  /** 逛逛号. Unique within a workspace (enforced by the commands, not by an index). */
  guangguangId: string;
  identity: Identity | null;
  storeName: string | null;
  storeType: string | null;
  /** e.g. `138****8000`. The clear number is never stored. */
  phoneMask: string | null;
  /** HMAC-SHA-256 (hex) of the normalised number with this install's non-extractable key. */
  phoneHash: string | null;
  note: string;
  createdAt: number;
  updatedAt: number;
}

/** One row per (workspace, matrix account): a re-invite reuses it, so its timeline stays in one place. */
export interface BindingRow {
  id: string;
  workspaceId: string;
  mainAccountId: string;
  matrixAccountId: string;
  state: BindingState;
  /** Last time an invite was sent (state became `pending`); null while a draft. */
  invitedAt: number | null;
  stateChangedAt: number;
  /** Who last set `state`: the user in the panel or the platform page. */
  stateSource: EventSource;
  /**
   * Present while an invite the platform answered with success has not been seen on the matrix list
   * yet (recorded from the submit itself); gone once a list shows it. `missingSince`: a list was read
   * without it.
   */
  unconfirmed?: UnconfirmedMark;
  createdAt: number;
  updatedAt: number;
}

export interface UnconfirmedMark {
  /** When the submit went through and the platform said it succeeded. */
  since: number;
  /** When a matrix list was first read without this 逛逛号; null until then. */
  missingSince: number | null;
}

/** How an event names a binding's confirmation: `submitted` (not yet listed), `missing`, `confirmed`. */
export function confirmationOf(
  mark: UnconfirmedMark | undefined | null,
): 'submitted' | 'missing' | 'confirmed' {
  if (!mark) return 'confirmed';
  return mark.missingSince === null ? 'submitted' : 'missing';
}

/** One row per (binding, scope): a re-request reuses it. */
export interface PermissionRow {
  id: string;
  workspaceId: string;
  bindingId: string;
  scope: PermissionScope;
  state: PermissionState;
  /** Last time the permission was requested. */
  requestedAt: number;
  stateChangedAt: number;
  stateSource: EventSource;
  createdAt: number;
  updatedAt: number;
}

/** Append-only (rows are only ever added; `deleteWorkspace` removes a workspace's rows with it). */
export interface EventRow {
  id: string;
  workspaceId: string;
  entityType: EntityType;
  entityId: string;
  /** The binding this event belongs to (binding and permission events), for the binding timeline. */
  bindingId: string | null;
  /** Permission events: the scope, so a timeline can be read without joining. */
  scope: PermissionScope | null;
  action: EventAction;
  /** `state` for transitions and jumps, the field name for `updated`, null for `created`. */
  field: string | null;
  from: string | null;
  to: string | null;
  at: number;
  /** Tie-breaker among events with the same `at`, increasing in write order. */
  seq: number;
  source: EventSource;
  actorAccountId: string | null;
  reason: string | null;
  cause: EventCause | null;
  /** The page capture this event came from, if any. */
  captureKey: string | null;
  /**
   * Shared workspaces only (issue 16): the member of the agency's sync server who wrote the event.
   * Absent on a local ledger's events.
   */
  author?: string;
}

/** Schema v5: an event of a shared workspace the sync server has not acknowledged yet (`outbox.ts`). */
export interface OutboxRow {
  /** Auto-incremented: the local write order. Absent only in the row being added. */
  n?: number;
  workspaceId: string;
  eventId: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
  updatedAt: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** Idempotency record of one page capture (never exported). */
export interface CaptureRow {
  key: string;
  workspaceId: string;
  kind: string;
  capturedAt: number;
  recordedAt: number;
  rowCount: number;
  eventCount: number;
}

/**
 * One item of the pending queue (schema v3, table `pending`): a pending invite (`kind: 'invite'`, `id`
 * the binding's) or a requested permission (`'permission'`, `id` the permission's), with exactly what
 * the queue shows. Derived, never exported: the write path (`pending.ts`, called by `Writer.flush`,
 * `deleteWorkspace` and `applyImport`) keeps it equal to what the bindings, permissions and accounts
 * say. Primary key `[kind+id]`; `[workspaceId+since+id]` gives a workspace's queue, oldest first, in
 * one range read.
 */
export interface PendingRow {
  kind: 'invite' | 'permission';
  id: string;
  workspaceId: string;
  bindingId: string;
  /** The binding's matrix account. */
  accountId: string;
  /** The account's nickname and 逛逛号 ('' when the account is missing). */
  nickname: string;
  guangguangId: string;
  scope: PermissionScope | null;
  /** Waiting since (invite sent / permission requested). */
  since: number;
}

export interface LedgerSettings {
  /** A pending invite or requested permission older than this many days is stale. */
  staleThresholdDays: number;
  notificationsEnabled: boolean;
  selectedWorkspaceId: string | null;
}

export const DEFAULT_SETTINGS: Readonly<LedgerSettings> = Object.freeze({
  staleThresholdDays: 3,
  notificationsEnabled: true,
  selectedWorkspaceId: null,
});

// ---------------------------------------------------------------- institution roster (schema v2)

/**
 * Two kinds of workspace: a `shop` (a merchant's main account and its matrix accounts: the
 * `workspaces` table, `WorkspaceRow`) and an `institution` (机构/MCN: the creators bound to it, read
 * from its 达人管理 page: the `institutions` table, `InstitutionRow`, with `members`).
 */
export const WORKSPACE_KINDS = ['shop', 'institution'] as const;
export type WorkspaceKind = (typeof WORKSPACE_KINDS)[number];

/** An institution workspace. It follows the institution the page shows (by its id, else its name). */
export interface InstitutionRow {
  id: string;
  kind: 'institution';
  name: string;
  /** The platform's id of the institution, when the page shows one. */
  platformId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The 达人管理 tab a creator was last seen on: 已绑定 (`bound`) or another one (`other`). */
export const MEMBER_BINDINGS = ['bound', 'other'] as const;
export type MemberBinding = (typeof MEMBER_BINDINGS)[number];

/**
 * - `listed`: seen on the page (the normal state);
 * - `missing`: absent from a complete, unfiltered 已绑定 list, for the user to confirm;
 * - `gone`: the user confirmed it is no longer bound (never deleted; a later sighting restores it).
 */
export const MEMBER_STATUSES = ['listed', 'missing', 'gone'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** A creator of an institution's roster. Unique by 逛逛号 within the institution when it has one. */
export interface MemberRow {
  id: string;
  /** The institution (`InstitutionRow.id`). */
  workspaceId: string;
  nickname: string;
  /** 逛逛号; null for a creator recorded by nickname only (a row without one). */
  guangguangId: string | null;
  level: string | null;
  binding: MemberBinding;
  status: MemberStatus;
  /** When it was flagged missing; kept while `gone`, null once `listed` again. */
  missingSince: number | null;
  firstSeenAt: number;
  lastSeenAt: number;
  createdAt: number;
  updatedAt: number;
  /**
   * The agency's own note, from a roster CSV import (roster-csv.ts); absent until one sets it. Not
   * indexed and optional, so no schema version: rows without it are as before.
   */
  note?: string;
}

/**
 * - `appeared`: first seen (`to`: nickname); `renamed`, `level-changed`, `binding-changed`: `from` → `to`;
 * - `identified`: a creator recorded by nickname was later seen with its 逛逛号 (`to`);
 * - `missing-flagged`: absent from a complete 已绑定 list; `reappeared`: seen again while missing/gone;
 * - `confirmed-gone`, `restored`: the user's answer to a flag (source `manual`).
 */
export const MEMBER_EVENT_ACTIONS = [
  'appeared',
  'renamed',
  'level-changed',
  'binding-changed',
  'identified',
  'missing-flagged',
  'reappeared',
  'confirmed-gone',
  'restored',
] as const;
export type MemberEventAction = (typeof MEMBER_EVENT_ACTIONS)[number];

/** Append-only timeline of a member. */
export interface MemberEventRow {
  id: string;
  workspaceId: string;
  memberId: string;
  action: MemberEventAction;
  from: string | null;
  to: string | null;
  at: number;
  /** Tie-breaker among events with the same `at`, increasing in write order. */
  seq: number;
  source: EventSource;
  reason: string | null;
  /** The roster capture this event came from, if any. */
  captureKey: string | null;
}

/**
 * What the content script read from 达人管理 (the input of `recordRosterCapture`).
 * `filtered`: a search term was applied; `complete`: the rows are the whole tab (one page that holds
 * everything, unfiltered).
 */
export interface RosterSnapshot {
  institution: { name: string; id?: string };
  tab: 'bound' | 'other';
  rows: { nickname: string; guangguangId: string | null; level: string | null }[];
  filtered: boolean;
  complete: boolean;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
