/**
 * valibot schemas for everything that enters the ledger from outside a command's own code: command
 * inputs, page captures (from the content script, i.e. page data) and backup rows (from a file).
 * Field lengths are capped so a hostile or broken file cannot store huge strings.
 */
import * as v from 'valibot';
import { LedgerValidationError } from './errors';
import {
  ACCOUNT_ROLES,
  BINDING_STATES,
  ENTITY_TYPES,
  EVENT_ACTIONS,
  EVENT_CAUSES,
  EVENT_SOURCES,
  IDENTITIES,
  MEMBER_BINDINGS,
  MEMBER_EVENT_ACTIONS,
  MEMBER_STATUSES,
  PERMISSION_SCOPES,
  PERMISSION_STATES,
} from './types';

export const LIMITS = {
  id: 64,
  name: 100,
  nickname: 100,
  guangguangId: 64,
  storeName: 200,
  storeType: 50,
  note: 2000,
  reason: 500,
  eventValue: 2000,
  field: 64,
  captureRows: 5000,
  rosterRows: 10000,
  rosterCell: 2000,
  level: 50,
  institutionName: 200,
} as const;

export const IdSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(LIMITS.id),
  v.regex(/^[\w-]+$/, 'ids are letters, digits, _ and -'),
);
export const TimeSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const trimmed = (min: number, max: number) =>
  v.pipe(v.string(), v.trim(), v.minLength(min), v.maxLength(max));

export const IdentitySchema = v.picklist(IDENTITIES);
export const BindingStateSchema = v.picklist(BINDING_STATES);
export const PermissionScopeSchema = v.picklist(PERMISSION_SCOPES);
export const PermissionStateSchema = v.picklist(PERMISSION_STATES);
export const EventSourceSchema = v.picklist(EVENT_SOURCES);
export const PhoneMaskSchema = v.pipe(
  v.string(),
  v.regex(/^1\d{2}\*{4}\d{4}$/, 'expected a mask like 138****8000'),
);
export const PhoneHashSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'expected 64 hex digits'));

// ---------------------------------------------------------------- command inputs

export const AccountInputSchema = v.object({
  nickname: v.optional(trimmed(0, LIMITS.nickname)),
  guangguangId: trimmed(1, LIMITS.guangguangId),
  identity: v.optional(v.nullable(IdentitySchema)),
  storeName: v.optional(v.nullable(trimmed(0, LIMITS.storeName))),
  storeType: v.optional(v.nullable(trimmed(0, LIMITS.storeType))),
  /** Already normalised (see `utils/rules`): 11 digits starting with 1. `null` clears the stored phone. */
  phone: v.optional(
    v.nullable(v.pipe(v.string(), v.regex(/^1\d{10}$/, 'expected 11 digits starting with 1'))),
  ),
  note: v.optional(text(LIMITS.note)),
});
export type AccountInput = v.InferInput<typeof AccountInputSchema>;

export const WorkspaceNameSchema = trimmed(1, LIMITS.name);

export const CommandOptionsSchema = v.object({
  now: v.optional(TimeSchema),
  at: v.optional(TimeSchema),
  source: v.optional(EventSourceSchema),
  actorAccountId: v.optional(v.nullable(IdSchema)),
  reason: v.optional(v.nullable(text(LIMITS.reason))),
});

export const SettingsPatchSchema = v.strictObject({
  staleThresholdDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365))),
  notificationsEnabled: v.optional(v.boolean()),
  selectedWorkspaceId: v.optional(v.nullable(IdSchema)),
});

export const SETTING_KEYS = ['staleThresholdDays', 'notificationsEnabled', 'selectedWorkspaceId'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

// ---------------------------------------------------------------- page captures

const CapturedPermissionsSchema = v.strictObject({
  'proxy-publish': v.optional(v.nullable(PermissionStateSchema)),
  'proxy-interaction': v.optional(v.nullable(PermissionStateSchema)),
  'product-pool': v.optional(v.nullable(PermissionStateSchema)),
  'shop-card': v.optional(v.nullable(PermissionStateSchema)),
});

export const CaptureRowSchema = v.object({
  guangguangId: trimmed(1, LIMITS.guangguangId),
  nickname: v.optional(trimmed(0, LIMITS.nickname)),
  /** The binding status text already mapped to a state; null when the text was not recognised. */
  state: v.nullable(BindingStateSchema),
  /** The raw status text, kept only to explain an unrecognised row. */
  statusText: v.optional(text(100)),
  permissions: v.optional(CapturedPermissionsSchema),
});

const base = {
  capturedAt: TimeSchema,
};
const submitBase = {
  ...base,
  /** Client-generated id of the submit; the same id recorded twice is one capture. */
  captureId: trimmed(1, 100),
  guangguangId: trimmed(1, LIMITS.guangguangId),
  nickname: v.optional(trimmed(0, LIMITS.nickname)),
};

export const PageCaptureSchema = v.variant('kind', [
  v.object({
    kind: v.literal('matrix-list'),
    ...base,
    /** Optional id of this scan; without it the key is a hash of workspace, time and rows. */
    captureId: v.optional(trimmed(1, 100)),
    rows: v.pipe(v.array(CaptureRowSchema), v.maxLength(LIMITS.captureRows)),
  }),
  v.object({
    kind: v.literal('invite-sent'),
    ...submitBase,
    /** Normalised phone typed into the invite form, if the caller has it; only mask + HMAC are stored. */
    phone: v.optional(v.pipe(v.string(), v.regex(/^1\d{10}$/, 'expected 11 digits starting with 1'))),
  }),
  /**
   * An invite submit that went through and that the platform answered with success, before any list
   * showed it: recorded as pending and marked unconfirmed until a matrix list is read.
   */
  v.object({
    kind: v.literal('invite-submitted'),
    ...submitBase,
    phone: v.optional(v.pipe(v.string(), v.regex(/^1\d{10}$/, 'expected 11 digits starting with 1'))),
  }),
  v.object({
    kind: v.literal('permission-requested'),
    ...submitBase,
    scopes: v.pipe(v.array(PermissionScopeSchema), v.minLength(1), v.maxLength(PERMISSION_SCOPES.length)),
  }),
  v.object({
    kind: v.literal('permission-withdrawn'),
    ...submitBase,
    scopes: v.pipe(v.array(PermissionScopeSchema), v.minLength(1), v.maxLength(PERMISSION_SCOPES.length)),
  }),
  v.object({
    kind: v.literal('unbind-done'),
    ...submitBase,
  }),
]);
export type PageCapture = v.InferInput<typeof PageCaptureSchema>;
export type PageCaptureRow = v.InferInput<typeof CaptureRowSchema>;

// ---------------------------------------------------------------- roster captures

/** A 达人管理 read (see `RosterSnapshot` in types.ts); strings are trimmed, sizes capped. */
export const RosterSnapshotSchema = v.object({
  institution: v.object({
    name: trimmed(1, LIMITS.institutionName),
    id: v.optional(trimmed(1, LIMITS.id)),
  }),
  tab: v.picklist(['bound', 'other']),
  rows: v.pipe(
    v.array(
      // Page text: any length up to a hard cap passes here; a row with a field longer than the ledger
      // keeps is skipped (and counted) by `recordRosterCapture`, so one odd row never fails a capture.
      v.object({
        nickname: trimmed(0, LIMITS.rosterCell),
        guangguangId: v.nullable(trimmed(0, LIMITS.rosterCell)),
        level: v.nullable(trimmed(0, LIMITS.rosterCell)),
      }),
    ),
    v.maxLength(LIMITS.rosterRows),
  ),
  filtered: v.boolean(),
  complete: v.boolean(),
});

// ---------------------------------------------------------------- backup rows

const nullableText = (max: number) => v.nullable(text(max));

export const WorkspaceRowSchema = v.strictObject({
  id: IdSchema,
  name: trimmed(1, LIMITS.name),
  mainAccountId: IdSchema,
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
});

export const AccountRowSchema = v.strictObject({
  id: IdSchema,
  workspaceId: IdSchema,
  role: v.picklist(ACCOUNT_ROLES),
  nickname: text(LIMITS.nickname),
  guangguangId: trimmed(1, LIMITS.guangguangId),
  identity: v.nullable(IdentitySchema),
  storeName: nullableText(LIMITS.storeName),
  storeType: nullableText(LIMITS.storeType),
  phoneMask: v.nullable(PhoneMaskSchema),
  phoneHash: v.nullable(PhoneHashSchema),
  note: text(LIMITS.note),
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
});

export const BindingRowSchema = v.strictObject({
  id: IdSchema,
  workspaceId: IdSchema,
  mainAccountId: IdSchema,
  matrixAccountId: IdSchema,
  state: BindingStateSchema,
  invitedAt: v.nullable(TimeSchema),
  stateChangedAt: TimeSchema,
  stateSource: EventSourceSchema,
  unconfirmed: v.optional(v.strictObject({ since: TimeSchema, missingSince: v.nullable(TimeSchema) })),
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
});

export const PermissionRowSchema = v.strictObject({
  id: IdSchema,
  workspaceId: IdSchema,
  bindingId: IdSchema,
  scope: PermissionScopeSchema,
  state: PermissionStateSchema,
  requestedAt: TimeSchema,
  stateChangedAt: TimeSchema,
  stateSource: EventSourceSchema,
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
});

export const EventRowSchema = v.strictObject({
  id: IdSchema,
  workspaceId: IdSchema,
  entityType: v.picklist(ENTITY_TYPES),
  entityId: IdSchema,
  bindingId: v.nullable(IdSchema),
  scope: v.nullable(PermissionScopeSchema),
  action: v.picklist(EVENT_ACTIONS),
  field: nullableText(LIMITS.field),
  from: nullableText(LIMITS.eventValue),
  to: nullableText(LIMITS.eventValue),
  at: TimeSchema,
  seq: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  source: EventSourceSchema,
  actorAccountId: v.nullable(IdSchema),
  reason: nullableText(LIMITS.reason),
  cause: v.nullable(v.picklist(EVENT_CAUSES)),
  captureKey: nullableText(200),
  author: v.optional(trimmed(1, 100)),
});

export const SettingRowSchema = v.variant('key', [
  v.strictObject({
    key: v.literal('staleThresholdDays'),
    value: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365)),
    updatedAt: TimeSchema,
  }),
  v.strictObject({ key: v.literal('notificationsEnabled'), value: v.boolean(), updatedAt: TimeSchema }),
  v.strictObject({
    key: v.literal('selectedWorkspaceId'),
    value: v.nullable(IdSchema),
    updatedAt: TimeSchema,
  }),
]);

export const InstitutionRowSchema = v.strictObject({
  id: IdSchema,
  kind: v.literal('institution'),
  name: trimmed(1, LIMITS.institutionName),
  platformId: v.nullable(trimmed(1, LIMITS.id)),
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
});

export const MemberRowSchema = v.strictObject({
  id: IdSchema,
  workspaceId: IdSchema,
  nickname: text(LIMITS.nickname),
  guangguangId: v.nullable(trimmed(1, LIMITS.guangguangId)),
  level: nullableText(LIMITS.level),
  binding: v.picklist(MEMBER_BINDINGS),
  status: v.picklist(MEMBER_STATUSES),
  missingSince: v.nullable(TimeSchema),
  firstSeenAt: TimeSchema,
  lastSeenAt: TimeSchema,
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
  note: v.optional(text(LIMITS.note)),
});

export const MemberEventRowSchema = v.strictObject({
  id: IdSchema,
  workspaceId: IdSchema,
  memberId: IdSchema,
  action: v.picklist(MEMBER_EVENT_ACTIONS),
  from: nullableText(LIMITS.eventValue),
  to: nullableText(LIMITS.eventValue),
  at: TimeSchema,
  seq: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  source: EventSourceSchema,
  reason: nullableText(LIMITS.reason),
  captureKey: nullableText(200),
});

export const ROW_SCHEMAS = {
  workspaces: WorkspaceRowSchema,
  accounts: AccountRowSchema,
  bindings: BindingRowSchema,
  permissions: PermissionRowSchema,
  events: EventRowSchema,
  settings: SettingRowSchema,
  institutions: InstitutionRowSchema,
  members: MemberRowSchema,
  memberEvents: MemberEventRowSchema,
} as const;

// ---------------------------------------------------------------- issue formatting

function short(s: string | null | undefined, max = 40): string {
  if (s == null) return String(s);
  return s.length > max ? `${s.slice(0, max)}…(${s.length} chars)` : s;
}

/** `prefix.path: what is wrong`, e.g. `accounts[12].guangguangId: expected string, received 123`. */
export function formatIssue(prefix: string, issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? [])
    .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key as string)}`))
    .join('');
  let what: string;
  if (issue.kind === 'schema' && issue.expected === 'never') what = 'unexpected field';
  else if (issue.kind === 'schema' && issue.received === 'undefined' && issue.path?.length) what = 'missing';
  else if (issue.kind === 'schema')
    what = `expected ${short(issue.expected)}, received ${short(issue.received)}`;
  else if (issue.expected != null)
    what = `${issue.type}: expected ${short(issue.expected)}, received ${short(issue.received)}`;
  else what = short(issue.message, 120);
  return `${prefix}${path}: ${what}`;
}

/** Parses or throws `LedgerValidationError` listing each issue with its path. */
export function parseInput<TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  label: string,
): v.InferOutput<TSchema> {
  const r = v.safeParse(schema, input, { abortEarly: false });
  if (!r.success) throw new LedgerValidationError(r.issues.map((i) => formatIssue(label, i)));
  return r.output;
}
