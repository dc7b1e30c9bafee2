/**
 * The ledger commands the side panel may ask the background to run. Every command is validated
 * here before it touches the database: a forged or malformed message is refused with a clear error
 * and writes nothing. Phones arrive as typed; the background normalises, masks and HMACs them, and
 * the clear number never reaches the database.
 */
import * as v from 'valibot';
import {
  AccountInputSchema,
  BindingStateSchema,
  IdSchema,
  PermissionScopeSchema,
  PermissionStateSchema,
  SettingsPatchSchema,
  WorkspaceNameSchema,
} from './schemas';
import type { ImportPreview, ImportResult } from './backup';
import type { InviteCsvPreview } from './csv-import';
import type { RosterCsvPreview } from './roster-csv-import';
import { MAX_CSV_CHARS } from './csv-read';
import type { AccountRow, BindingRow, LedgerSettings, MemberRow, PermissionRow, WorkspaceRow } from './types';

/** Chrome caps one extension message at 64 MiB; a backup larger than this is refused up front. */
export const MAX_IMPORT_MESSAGE_CHARS = 48 * 1024 * 1024;

const reason = v.optional(v.nullable(v.pipe(v.string(), v.maxLength(500))));
/**
 * A phone as the user typed it; normalised by the background with the rule catalogue. An empty string
 * clears the recorded phone (mask and HMAC); absent leaves it as it is.
 */
const rawPhone = v.optional(v.pipe(v.string(), v.maxLength(40)));
const accountInput = v.object({ ...v.omit(AccountInputSchema, ['phone']).entries, phone: rawPhone });

export const LedgerCommandSchema = v.variant('op', [
  v.object({ op: v.literal('createWorkspace'), name: WorkspaceNameSchema, mainAccount: accountInput }),
  v.object({ op: v.literal('renameWorkspace'), workspaceId: IdSchema, name: WorkspaceNameSchema }),
  v.object({ op: v.literal('deleteWorkspace'), workspaceId: IdSchema }),
  v.object({ op: v.literal('selectWorkspace'), workspaceId: v.nullable(IdSchema) }),
  v.object({
    op: v.literal('upsertAccount'),
    workspaceId: IdSchema,
    account: v.object({ ...accountInput.entries, id: v.optional(IdSchema) }),
  }),
  v.object({
    op: v.literal('recordInvite'),
    workspaceId: IdSchema,
    account: accountInput,
    state: v.picklist(['draft', 'pending']),
  }),
  v.object({ op: v.literal('transitionBinding'), bindingId: IdSchema, to: BindingStateSchema, reason }),
  v.object({ op: v.literal('unbind'), bindingId: IdSchema, reason }),
  v.object({
    op: v.literal('requestPermission'),
    bindingId: IdSchema,
    scopes: v.pipe(v.array(PermissionScopeSchema), v.minLength(1), v.maxLength(4)),
  }),
  v.object({
    op: v.literal('transitionPermission'),
    permissionId: IdSchema,
    to: PermissionStateSchema,
    reason,
  }),
  v.object({ op: v.literal('updateSettings'), settings: SettingsPatchSchema }),
  v.object({
    op: v.literal('previewImport'),
    text: v.pipe(v.string(), v.maxLength(MAX_IMPORT_MESSAGE_CHARS)),
  }),
  v.object({ op: v.literal('applyImport'), text: v.pipe(v.string(), v.maxLength(MAX_IMPORT_MESSAGE_CHARS)) }),
  // The user's answer to a creator flagged missing from an institution's roster (roster.ts).
  v.object({ op: v.literal('confirmMemberGone'), memberId: IdSchema, reason }),
  v.object({ op: v.literal('restoreMember'), memberId: IdSchema, reason }),
  // A CSV list of matrix accounts to invite, as drafts in a workspace (utils/ledger/csv-import.ts). The
  // panel decodes the file (UTF-8, UTF-16 or GB18030) and sends its text.
  v.object({
    op: v.literal('previewInviteCsv'),
    workspaceId: IdSchema,
    text: v.pipe(v.string(), v.maxLength(MAX_CSV_CHARS)),
  }),
  v.object({
    op: v.literal('applyInviteCsv'),
    workspaceId: IdSchema,
    text: v.pipe(v.string(), v.maxLength(MAX_CSV_CHARS)),
  }),
  // A CSV roster an agency keeps in Excel, into an institution's roster (utils/ledger/roster-csv-import.ts).
  v.object({
    op: v.literal('previewRosterCsv'),
    workspaceId: IdSchema,
    text: v.pipe(v.string(), v.maxLength(MAX_CSV_CHARS)),
  }),
  v.object({
    op: v.literal('applyRosterCsv'),
    workspaceId: IdSchema,
    text: v.pipe(v.string(), v.maxLength(MAX_CSV_CHARS)),
  }),
]);

export type LedgerCommand = v.InferOutput<typeof LedgerCommandSchema>;
export type LedgerOp = LedgerCommand['op'];
/** The command of one operation. */
export type LedgerCommandOf<K extends LedgerOp> = Extract<LedgerCommand, { op: K }>;

/**
 * What each operation answers when it succeeds (the reply's `value`). The background's table of
 * operations (entrypoints/background/ledger.ts) is typed by this map, so an operation that answers
 * something else does not compile; the panel's `runCommand` gets the type of the operation it sent.
 */
export interface LedgerResults {
  createWorkspace: { workspace: WorkspaceRow; mainAccount: AccountRow };
  renameWorkspace: WorkspaceRow;
  /** How many rows went with the workspace. */
  deleteWorkspace: { accounts: number; bindings: number; permissions: number; events: number };
  /** All settings, the new selection included. */
  selectWorkspace: LedgerSettings;
  upsertAccount: AccountRow;
  recordInvite: { account: AccountRow; binding: BindingRow };
  transitionBinding: { binding: BindingRow; revoked: PermissionRow[] };
  unbind: { binding: BindingRow; revoked: PermissionRow[] };
  requestPermission: PermissionRow[];
  transitionPermission: PermissionRow;
  updateSettings: LedgerSettings;
  /** A file that does not pass is a successful preview that says so (`{ ok: false, … }`). */
  previewImport: ImportPreview;
  applyImport: ImportResult;
  confirmMemberGone: MemberRow;
  restoreMember: MemberRow;
  /** A file that cannot be read is a successful preview that says so (`{ ok: false, problem, line }`). */
  previewInviteCsv: InviteCsvPreview;
  applyInviteCsv: InviteCsvPreview & { written: number };
  previewRosterCsv: RosterCsvPreview;
  applyRosterCsv: RosterCsvPreview & { written: number };
}

/** The background's answer to a `ledger:command` of operation `K`. */
export type LedgerCommandResult<K extends LedgerOp = LedgerOp> =
  | { ok: true; value: LedgerResults[K] }
  | {
      ok: false;
      /** `code` is the LedgerError code (e.g. `storage-full`); `issues` name row and field for a bad import. */
      error: { zh: string; en: string; code?: string; issues?: readonly string[] };
    };

export function parseLedgerCommand(
  x: unknown,
): { ok: true; command: LedgerCommand } | { ok: false; issue: string } {
  const r = v.safeParse(LedgerCommandSchema, x);
  if (r.success) return { ok: true, command: r.output };
  const first = r.issues[0];
  const path = first.path?.map((p) => String(p.key)).join('.') ?? '';
  return { ok: false, issue: `${path ? `${path}: ` : ''}${first.message}` };
}
