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

export const DAY_MS = 24 * 60 * 60 * 1000;
