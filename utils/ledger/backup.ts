/**
 * JSON backup: export, preview and atomic import.
 *
 * File format (version 2), one row per line so it diffs and greps well:
 *   { format: 'guanghe-ledger', version: 2, exportedAt, schemaVersion, phonesIncluded, phoneKeyId,
 *     workspaces, accounts, bindings, permissions, events, settings, institutions, members, memberEvents }
 * Version 1 (written before the institution roster, schema v1) is the same without the last three
 * tables; it is still accepted, and reads as a backup with an empty roster.
 * Rows are exactly the database rows (see `types.ts`), sorted (events by time, others by id), keys in a
 * fixed order, so export → import into an empty ledger → export gives the same text (given the same
 * `now`). Not exported: the HMAC key and the `meta` table (never), page-capture idempotency records.
 *
 * Phones: by default `phoneMask`/`phoneHash` (and the masks in phone-change events) are written as null
 * and `phonesIncluded: false`; importing such a file keeps whatever phone data the ledger already has. With
 * `includePhones: true` the mask and HMAC are written (never the number) with `phoneKeyId`, the public
 * fingerprint of this install's key; on another install the hashes cannot match, so an import there
 * keeps the masks and drops the hashes (a warning says so).
 *
 * Merge rule (`previewImport` / `applyImport`), per table, by id (settings by key):
 * - new: the id is not in the ledger → added;
 * - unchanged: same id, same content → nothing;
 * - updated: same id, different content, the file's `updatedAt` is newer → the file's row replaces ours;
 * - conflicting: same id, different content, the file's row is NOT newer (older or same `updatedAt`) →
 *   ours is kept and the id is listed, so the user can see what the file would have changed.
 *   Events have no `updatedAt` (append-only): a different event under an existing id is conflicting.
 * `applyImport` is one transaction: any error (bad row, dangling reference, 逛逛号 clash) throws
 * `LedgerImportError` naming row and field, and the ledger is unchanged.
 */
import * as v from 'valibot';
import type { LedgerDb } from './db';
import { syncAccountWindows } from './account-window';
import { recordOutgoing } from './outbox';
import {
  ALL_BACKUP_TABLES,
  LEDGER_SCHEMA_VERSION,
  ROSTER_TABLES,
  type AnyBackupTable,
  type RosterTable,
} from './db';
import { stableStringify } from './canonical';
import { LedgerImportError } from './errors';
import { writeTransaction } from './engine';
import { pendingRowsOf, rebuildPending } from './pending';
import { phoneKeyId } from './phone';
import { ROW_SCHEMAS, SettingRowSchema, formatIssue } from './schemas';
import type {
  AccountRow,
  BindingRow,
  EventRow,
  InstitutionRow,
  MemberEventRow,
  MemberRow,
  PermissionRow,
  SettingRow,
  WorkspaceRow,
} from './types';

export const BACKUP_FORMAT = 'guanghe-ledger';
export const BACKUP_VERSION = 2;
/** Oldest backup version still imported. */
export const OLDEST_BACKUP_VERSION = 1;
/** Largest backup text accepted (characters). */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;
/** Rows written per chunk (progress is reported after each). */
export const IMPORT_CHUNK = 500;
const MAX_LISTED_ERRORS = 50;
/** Ids listed per table and category in a preview (the counts are always exact). */
export const MAX_LISTED_IDS = 1000;

export interface LedgerBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  schemaVersion: number;
  phonesIncluded: boolean;
  phoneKeyId: string | null;
  workspaces: WorkspaceRow[];
  accounts: AccountRow[];
  bindings: BindingRow[];
  permissions: PermissionRow[];
  events: EventRow[];
  settings: SettingRow[];
  institutions: InstitutionRow[];
  members: MemberRow[];
  memberEvents: MemberEventRow[];
}

/** A file written by an earlier version (backup version 1): no roster tables. Still imported. */
export type LedgerBackupV1 = Omit<LedgerBackup, 'version' | RosterTable> & { version: 1 };

type RowOf<T extends AnyBackupTable> = LedgerBackup[T][number];

export interface ExportOptions {
  /** Include phone masks and HMACs (never clear numbers). Default false. */
  includePhones?: boolean;
  /** Only these workspaces (settings are always included). Default: all. */
  workspaceIds?: readonly string[];
  /** Clock for `exportedAt`. */
  now?: number;
}

// ---------------------------------------------------------------- export

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byTime = <T extends { id: string; at: number; seq: number }>(a: T, b: T) =>
  a.at - b.at || a.seq - b.seq || byId(a, b);

/** The backup as an object (rows sorted, phone data stripped unless asked for). */
export async function exportBackup(db: LedgerDb, opts: ExportOptions = {}): Promise<LedgerBackup> {
  const includePhones = opts.includePhones === true;
  const keyId = includePhones ? await phoneKeyId(db) : null;
  const backup = await db.transaction('r', READ_TABLES(db), async () => {
    const only = opts.workspaceIds ? new Set(opts.workspaceIds) : null;
    const pick = <T extends { workspaceId: string }>(rows: T[]) =>
      only ? rows.filter((r) => only.has(r.workspaceId)) : rows;
    const workspaces = (await db.workspaces.toArray()).filter((w) => !only || only.has(w.id));
    const accounts = pick(await db.accounts.toArray()).map((a) =>
      includePhones ? a : { ...a, phoneMask: null, phoneHash: null },
    );
    // Phone change events carry masks in from/to: stripped too unless phones are included.
    const events = pick(await db.events.toArray()).map((e) =>
      includePhones || e.field !== 'phone' ? e : { ...e, from: null, to: null },
    );
    return {
      workspaces: workspaces.sort(byId),
      accounts: accounts.sort(byId),
      bindings: pick(await db.bindings.toArray()).sort(byId),
      permissions: pick(await db.permissions.toArray()).sort(byId),
      events: events.sort(byTime),
      settings: (await db.settings.toArray())
        .filter((s) => v.is(SettingRowSchema, s))
        .sort((a, b) => (a.key < b.key ? -1 : 1)),
      institutions: (await db.institutions.toArray()).filter((x) => !only || only.has(x.id)).sort(byId),
      members: pick(await db.members.toArray()).sort(byId),
      memberEvents: pick(await db.memberEvents.toArray()).sort(byTime),
    };
  });
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(opts.now ?? Date.now()).toISOString(),
    schemaVersion: LEDGER_SCHEMA_VERSION,
    phonesIncluded: includePhones,
    phoneKeyId: keyId,
    ...backup,
  };
}

/** Deterministic text of a backup: header fields first, then one row per line, keys sorted. */
export function serializeBackup(b: LedgerBackup): string {
  const head = (
    ['format', 'version', 'exportedAt', 'schemaVersion', 'phonesIncluded', 'phoneKeyId'] as const
  ).map((k) => `${JSON.stringify(k)}:${JSON.stringify(b[k])}`);
  const tables = ALL_BACKUP_TABLES.map((t) => {
    const rows = (b[t] as unknown[]).map((r) => stableStringify(r));
    return `${JSON.stringify(t)}:[${rows.length ? `\n${rows.join(',\n')}\n` : ''}]`;
  });
  return `{\n${[...head, ...tables].join(',\n')}\n}\n`;
}

/** The backup as JSON text, ready to save as `*.json`. */
export async function exportJson(db: LedgerDb, opts: ExportOptions = {}): Promise<string> {
  return serializeBackup(await exportBackup(db, opts));
}

// ---------------------------------------------------------------- parse (pure)

export interface ParsedBackup {
  backup: LedgerBackup | null;
  errors: string[];
}

function importError(errors: string[]): LedgerImportError {
  const first = errors[0] ?? '';
  return new LedgerImportError(
    errors,
    `备份文件有 ${errors.length} 处问题，未导入任何数据。第一处：${first}`,
    `The backup has ${errors.length} problem(s); nothing was imported. First: ${first}`,
  );
}

function capErrors(errors: string[]): string[] {
  if (errors.length <= MAX_LISTED_ERRORS) return errors;
  return [...errors.slice(0, MAX_LISTED_ERRORS), `… and ${errors.length - MAX_LISTED_ERRORS} more`];
}

const HeaderSchema = v.object({
  exportedAt: v.pipe(v.string(), v.maxLength(40)),
  schemaVersion: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  phonesIncluded: v.boolean(),
  phoneKeyId: v.nullable(v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/))),
});

/**
 * A short, safe description of a value from an untrusted file for an error message. Never
 * JSON.stringify it: a deeply nested value overflows the stack (found by the import fuzzer).
 */
function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 40));
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : typeof v;
}

/** The file's object, before its rows are checked: format, version and header (`head`). */
interface BackupDocument {
  obj: Record<string, unknown>;
  version: number;
  head: v.SafeParseResult<typeof HeaderSchema>;
}

/** JSON, format, version and header of backup text; `fail` is the one error that stops everything. */
function readDocument(text: unknown): BackupDocument | { fail: string } {
  const fail = (zhEn: string) => ({ fail: zhEn });
  if (typeof text !== 'string') return fail('file: expected text');
  if (text.length > MAX_IMPORT_CHARS) {
    return fail(`file: too large (${text.length} characters, limit ${MAX_IMPORT_CHARS}) / 文件过大`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail(
      `file: not valid JSON (${e instanceof Error ? e.message.slice(0, 120) : 'parse error'}) / 不是有效的 JSON`,
    );
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return fail('file: expected a JSON object');
  const obj = data as Record<string, unknown>;
  if (obj.format !== BACKUP_FORMAT) {
    return fail(
      `format: expected "${BACKUP_FORMAT}", received ${describeValue(obj.format)} / 不是光合助手台账备份`,
    );
  }
  if (typeof obj.version !== 'number' || !Number.isSafeInteger(obj.version) || obj.version < 1) {
    return fail(`version: expected a positive integer, received ${describeValue(obj.version)}`);
  }
  if (obj.version > BACKUP_VERSION) {
    return fail(
      `version: backup version ${obj.version} is newer than this extension supports (${BACKUP_VERSION}); update 光合助手 and try again / 备份来自更新版本的光合助手，请先升级扩展`,
    );
  }
  return { obj, version: obj.version, head: v.safeParse(HeaderSchema, obj, { abortEarly: false }) };
}

/** The header's problems, each naming its field. */
const headerErrors = (doc: BackupDocument): string[] =>
  doc.head.success ? [] : doc.head.issues.map((i) => formatIssue('', i).replace(/^\./, ''));

/**
 * The rows of one table checked against its schema (problems, naming row and field, appended to
 * `errors`; duplicate ids too): the valid rows, as the schema outputs them.
 */
function validateTable(doc: BackupDocument, table: AnyBackupTable, errors: string[]): unknown[] {
  // A version 1 file predates the roster: its roster tables are empty.
  const rows =
    doc.version < 2 && (ROSTER_TABLES as readonly string[]).includes(table)
      ? (doc.obj[table] ?? [])
      : doc.obj[table];
  if (!Array.isArray(rows)) {
    errors.push(`${table}: ${rows === undefined ? 'missing' : 'expected an array'}`);
    return [];
  }
  const schema = ROW_SCHEMAS[table] as v.GenericSchema;
  const seen = new Map<string, number>();
  const parsed: unknown[] = [];
  rows.forEach((row: unknown, i) => {
    const r = v.safeParse(schema, row, { abortEarly: false });
    if (!r.success) {
      errors.push(...r.issues.map((issue) => formatIssue(`${table}[${i}]`, issue)));
      return;
    }
    const key = table === 'settings' ? (r.output as SettingRow).key : (r.output as { id: string }).id;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push(
        `${table}[${i}].${table === 'settings' ? 'key' : 'id'}: duplicate (same as ${table}[${first}])`,
      );
    } else seen.set(key, i);
    parsed.push(r.output);
  });
  return parsed;
}

/** The backup of a document whose header and rows were all valid. */
function backupOf(doc: BackupDocument, tables: Partial<Record<AnyBackupTable, unknown[]>>): LedgerBackup {
  const h = doc.head.output as v.InferOutput<typeof HeaderSchema>;
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: h.exportedAt,
    schemaVersion: h.schemaVersion,
    phonesIncluded: h.phonesIncluded,
    phoneKeyId: h.phoneKeyId,
    ...(tables as Pick<LedgerBackup, AnyBackupTable>),
  };
}

/**
 * Parses and validates backup text without touching a database: BOM, JSON, format, version, every row
 * against its schema (errors name row and field), duplicate ids. Never throws.
 */
export function parseBackup(text: unknown): ParsedBackup {
  const doc = readDocument(text);
  if ('fail' in doc) return { backup: null, errors: [doc.fail] };
  const errors = headerErrors(doc);
  const out: Partial<Record<AnyBackupTable, unknown[]>> = {};
  for (const table of ALL_BACKUP_TABLES) out[table] = validateTable(doc, table, errors);
  if (errors.length) return { backup: null, errors: capErrors(errors) };
  return { backup: backupOf(doc, out), errors: [] };
}

// ---------------------------------------------------------------- plan (inside a transaction)

export interface TableImportSummary {
  new: number;
  updated: number;
  conflicting: number;
  unchanged: number;
  /** Ids (settings: keys) per category, at most `MAX_LISTED_IDS` each. */
  ids: { new: string[]; updated: string[]; conflicting: string[] };
}

function listId(list: string[], id: string): void {
  if (list.length < MAX_LISTED_IDS) list.push(id);
}

export interface ImportPreview {
  /** False when `errors` is not empty: `applyImport` would refuse the file. */
  ok: boolean;
  new: number;
  updated: number;
  conflicting: number;
  unchanged: number;
  /** Each names the row and field, e.g. `accounts[12].guangguangId: expected string, received 123`. */
  errors: string[];
  warnings: string[];
  /** Every table of the file, roster tables included (version 1 files: empty roster). */
  tables: Record<AnyBackupTable, TableImportSummary>;
  exportedAt: string | null;
}

interface Plan {
  errors: string[];
  warnings: string[];
  tables: Record<AnyBackupTable, TableImportSummary>;
  /** Rows to write, per table (new + updated). */
  writes: { [T in AnyBackupTable]: RowOf<T>[] };
}

const emptySummary = (): TableImportSummary => ({
  new: 0,
  updated: 0,
  conflicting: 0,
  unchanged: 0,
  ids: { new: [], updated: [], conflicting: [] },
});

const same = (a: unknown, b: unknown) => stableStringify(a) === stableStringify(b);

async function bulkGetChunked<T>(
  get: (keys: string[]) => Promise<(T | undefined)[]>,
  keys: string[],
): Promise<(T | undefined)[]> {
  const out: (T | undefined)[] = [];
  for (let i = 0; i < keys.length; i += 5000) out.push(...(await get(keys.slice(i, i + 5000))));
  return out;
}

interface KeyedTable<T> {
  count(): Promise<number>;
  bulkGet(keys: string[]): Promise<(T | undefined)[]>;
  toCollection(): { primaryKeys(): Promise<string[]> };
}

/**
 * Our rows with these ids (undefined where we have none), in order. A `get` per id is the slow part
 * of planning a large import, and most ids of a restore are new: so an empty table is not read at all,
 * and a table not much larger than the file is first read keys-only (one request) so that only the
 * ids we have are read by `get`.
 */
async function existingRows<T>(table: KeyedTable<T>, ids: string[]): Promise<(T | undefined)[]> {
  if (!ids.length) return [];
  const n = await table.count();
  if (n === 0) return ids.map(() => undefined);
  if (n > 4 * ids.length) return bulkGetChunked((k) => table.bulkGet(k), ids);
  const ours = new Set(await table.toCollection().primaryKeys());
  const present = ids.filter((id) => ours.has(id));
  const got = await bulkGetChunked((k) => table.bulkGet(k), present);
  const byId = new Map<string, T | undefined>(present.map((id, i) => [id, got[i]]));
  return ids.map((id) => byId.get(id));
}

/**
 * Decides, for every row of a valid backup, new / updated / conflicting / unchanged, and checks
 * references and natural keys against the merged result. Only Dexie awaits: safe inside a transaction.
 */
/** What a file's row becomes when written over ours (`undefined`: we have none), per table. */
interface Adapters {
  accounts: (file: AccountRow, ours: AccountRow | undefined) => AccountRow;
  events: (file: EventRow, ours: EventRow | undefined) => EventRow;
}

/** Phone data: a file without phones keeps ours; a file from another install keeps masks, drops hashes. */
function adaptersOf(
  b: Pick<LedgerBackup, 'phonesIncluded' | 'phoneKeyId'>,
  ourKeyId: string | null,
): Adapters {
  const hashesForeign = b.phonesIncluded && b.phoneKeyId !== ourKeyId;
  return {
    accounts: (file, ours) => {
      if (!b.phonesIncluded)
        return { ...file, phoneMask: ours?.phoneMask ?? null, phoneHash: ours?.phoneHash ?? null };
      if (hashesForeign) {
        const keep = ours && ours.phoneMask === file.phoneMask ? ours.phoneHash : null;
        return { ...file, phoneHash: keep };
      }
      return file;
    },
    events: (file, ours) =>
      !b.phonesIncluded && file.field === 'phone' && ours ? { ...file, from: ours.from, to: ours.to } : file,
  };
}

interface PlanOptions {
  /**
   * Every table of the backup except settings is empty in the ledger (checked in this transaction):
   * nothing is read (the rows of a table may be being written already), every row is new.
   */
  ledgerEmpty?: { settings: SettingRow[] };
  /** Rows already adapted (and being written) for these tables, in file order (ledger empty only). */
  adapted?: Partial<{ [T in AnyBackupTable]: RowOf<T>[] }>;
}

async function planImport(
  db: LedgerDb,
  b: LedgerBackup,
  ourKeyId: string | null,
  opts: PlanOptions = {},
): Promise<Plan> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const tables = Object.fromEntries(ALL_BACKUP_TABLES.map((t) => [t, emptySummary()])) as Plan['tables'];
  const writes = Object.fromEntries(ALL_BACKUP_TABLES.map((t) => [t, []])) as unknown as Plan['writes'];
  const empty = opts.ledgerEmpty !== undefined;
  /** A read of the ledger, or its answer for an empty ledger without reading. */
  const read = <R>(none: R, fn: () => Promise<R>): Promise<R> => (empty ? Promise.resolve(none) : fn());
  const adapters = adaptersOf(b, ourKeyId);
  const hashesForeign = b.phonesIncluded && b.phoneKeyId !== ourKeyId;
  if (hashesForeign && b.accounts.some((a) => a.phoneHash)) {
    warnings.push(
      'phones: the phone hashes in this file were made on another install and cannot be matched here; masks are kept, hashes dropped / 此备份的手机号哈希来自另一台设备，仅保留掩码',
    );
  }

  /** Merged (final) rows by id, for reference and natural-key checks. */
  const finalRows = {
    workspaces: new Map<string, WorkspaceRow>(),
    accounts: new Map<string, AccountRow>(),
    bindings: new Map<string, BindingRow>(),
    permissions: new Map<string, PermissionRow>(),
    institutions: new Map<string, InstitutionRow>(),
    members: new Map<string, MemberRow>(),
  };

  async function classify<T extends Exclude<AnyBackupTable, 'settings'>>(
    table: T,
    rows: RowOf<T>[],
    adapt?: (file: RowOf<T>, ours: RowOf<T> | undefined) => RowOf<T>,
  ) {
    const existing = await read<(RowOf<T> | undefined)[]>([], () =>
      existingRows<RowOf<T>>(
        db[table],
        rows.map((r) => r.id),
      ),
    );
    const pre = opts.adapted?.[table];
    const s = tables[table];
    rows.forEach((fileRow, i) => {
      const ours = existing[i];
      const incoming = pre ? pre[i]! : adapt ? adapt(fileRow, ours) : fileRow;
      let final: RowOf<T> = incoming;
      if (!ours) {
        s.new++;
        listId(s.ids.new, incoming.id);
        (writes[table] as RowOf<T>[]).push(incoming);
      } else if (same(incoming, ours)) {
        s.unchanged++;
        final = ours;
      } else if ('updatedAt' in incoming && 'updatedAt' in ours && incoming.updatedAt > ours.updatedAt) {
        s.updated++;
        listId(s.ids.updated, incoming.id);
        (writes[table] as RowOf<T>[]).push(incoming);
      } else {
        s.conflicting++;
        listId(s.ids.conflicting, incoming.id);
        final = ours;
      }
      if (table in finalRows)
        (finalRows as Record<string, Map<string, unknown>>)[table]?.set(final.id, final);
    });
  }

  await classify('workspaces', b.workspaces);
  await classify('accounts', b.accounts, adapters.accounts);
  await classify('bindings', b.bindings);
  await classify('permissions', b.permissions);
  await classify('events', b.events, adapters.events);
  await classify('institutions', b.institutions);
  await classify('members', b.members);
  await classify('memberEvents', b.memberEvents);

  // Settings: by key, newer updatedAt wins.
  const ourSettings = new Map(
    (opts.ledgerEmpty?.settings ?? (await db.settings.toArray())).map((s) => [s.key, s]),
  );
  for (const row of b.settings) {
    const s = tables.settings;
    const ours = ourSettings.get(row.key);
    if (!ours) {
      s.new++;
      listId(s.ids.new, row.key);
      writes.settings.push(row);
    } else if (same(row, ours)) s.unchanged++;
    else if (row.updatedAt > ours.updatedAt) {
      s.updated++;
      listId(s.ids.updated, row.key);
      writes.settings.push(row);
    } else {
      s.conflicting++;
      listId(s.ids.conflicting, row.key);
    }
  }

  // ---- references and natural keys, against the merged result
  const wsIds = [
    ...new Set([
      ...b.workspaces.map((w) => w.id),
      ...b.accounts.map((a) => a.workspaceId),
      ...b.bindings.map((x) => x.workspaceId),
      ...b.permissions.map((p) => p.workspaceId),
      ...b.events.map((e) => e.workspaceId),
    ]),
  ];
  // Load our rows of every workspace the file touches, then overlay the merged file rows.
  const [ourWs, ourAccounts, ourBindings, ourPerms] = await Promise.all([
    read([], () => bulkGetChunked((k) => db.workspaces.bulkGet(k), wsIds)),
    read([], () => db.accounts.where('workspaceId').anyOf(wsIds).toArray()),
    read([], () => db.bindings.where('workspaceId').anyOf(wsIds).toArray()),
    read([], () => db.permissions.where('workspaceId').anyOf(wsIds).toArray()),
  ]);
  const mergedWs = new Map<string, WorkspaceRow>();
  for (const w of ourWs) if (w) mergedWs.set(w.id, w);
  for (const [id, w] of finalRows.workspaces) mergedWs.set(id, w);
  const overlay = <T extends { id: string }>(ours: T[], fin: Map<string, T>) => {
    const m = new Map(ours.map((r) => [r.id, r]));
    for (const [id, r] of fin) m.set(id, r);
    return m;
  };
  const mergedAccounts = overlay(ourAccounts, finalRows.accounts);
  const mergedBindings = overlay(ourBindings, finalRows.bindings);
  const mergedPerms = overlay(ourPerms, finalRows.permissions);
  // Rows referenced from the file but living in another workspace than the file says are not found
  // by the workspace-scoped loads above; fetch them by id.
  const missingAccountIds = [
    ...new Set([
      ...b.workspaces.map((w) => w.mainAccountId),
      ...b.bindings.flatMap((x) => [x.mainAccountId, x.matrixAccountId]),
    ]),
  ].filter((id) => !mergedAccounts.has(id));
  for (const a of await read([], () => bulkGetChunked((k) => db.accounts.bulkGet(k), missingAccountIds)))
    if (a) mergedAccounts.set(a.id, a);
  const missingBindingIds = [...new Set(b.permissions.map((p) => p.bindingId))].filter(
    (id) => !mergedBindings.has(id),
  );
  for (const x of await read([], () => bulkGetChunked((k) => db.bindings.bulkGet(k), missingBindingIds)))
    if (x) mergedBindings.set(x.id, x);

  const err = (table: AnyBackupTable, i: number, field: string, msg: string) =>
    errors.push(`${table}[${i}].${field}: ${msg}`);
  b.workspaces.forEach((w, i) => {
    const main = mergedAccounts.get(w.mainAccountId);
    if (!main) err('workspaces', i, 'mainAccountId', `no account ${w.mainAccountId}`);
    else if (main.workspaceId !== w.id || main.role !== 'main')
      err('workspaces', i, 'mainAccountId', 'not the main account of this workspace');
  });
  const ggOwner = new Map<string, string>();
  for (const a of mergedAccounts.values()) {
    const k = `${a.workspaceId}\u0000${a.guangguangId}`;
    if (!ggOwner.has(k)) ggOwner.set(k, a.id);
  }
  b.accounts.forEach((a, i) => {
    if (!mergedWs.has(a.workspaceId)) err('accounts', i, 'workspaceId', `no workspace ${a.workspaceId}`);
    const fin = mergedAccounts.get(a.id);
    if (!fin) return;
    // One main account per workspace, and it is the one the workspace names (found by the fuzzer).
    const home = mergedWs.get(fin.workspaceId);
    if (home && (fin.role === 'main') !== (home.mainAccountId === fin.id))
      err(
        'accounts',
        i,
        'role',
        fin.role === 'main'
          ? 'a workspace has exactly one main account, and this is not it'
          : "the workspace's main account must keep the main role",
      );
    const owner = ggOwner.get(`${fin.workspaceId}\u0000${fin.guangguangId}`);
    if (owner && owner !== fin.id)
      err(
        'accounts',
        i,
        'guangguangId',
        `逛逛号 ${fin.guangguangId} already belongs to account ${owner} in this workspace`,
      );
  });
  const bindingOwner = new Map<string, string>();
  for (const x of mergedBindings.values()) {
    const k = `${x.workspaceId}\u0000${x.matrixAccountId}`;
    if (!bindingOwner.has(k)) bindingOwner.set(k, x.id);
  }
  b.bindings.forEach((x, i) => {
    if (!mergedWs.has(x.workspaceId)) err('bindings', i, 'workspaceId', `no workspace ${x.workspaceId}`);
    const main = mergedAccounts.get(x.mainAccountId);
    if (!main) err('bindings', i, 'mainAccountId', `no account ${x.mainAccountId}`);
    else if (mergedWs.get(x.workspaceId)?.mainAccountId !== x.mainAccountId)
      err('bindings', i, 'mainAccountId', 'not the main account of this workspace');
    const m = mergedAccounts.get(x.matrixAccountId);
    if (!m) err('bindings', i, 'matrixAccountId', `no account ${x.matrixAccountId}`);
    else if (m.workspaceId !== x.workspaceId)
      err('bindings', i, 'matrixAccountId', 'account is in another workspace');
    const fin = mergedBindings.get(x.id);
    const owner = fin && bindingOwner.get(`${fin.workspaceId}\u0000${fin.matrixAccountId}`);
    if (fin && owner && owner !== fin.id)
      err('bindings', i, 'matrixAccountId', `the account already has binding ${owner}`);
  });
  const permOwner = new Map<string, string>();
  for (const p of mergedPerms.values()) {
    const k = `${p.bindingId}\u0000${p.scope}`;
    if (!permOwner.has(k)) permOwner.set(k, p.id);
  }
  b.permissions.forEach((p, i) => {
    const x = mergedBindings.get(p.bindingId);
    if (!x) err('permissions', i, 'bindingId', `no binding ${p.bindingId}`);
    else if (x.workspaceId !== p.workspaceId)
      err('permissions', i, 'workspaceId', 'differs from its binding');
    const fin = mergedPerms.get(p.id);
    const owner = fin && permOwner.get(`${fin.bindingId}\u0000${fin.scope}`);
    if (fin && owner && owner !== fin.id)
      err('permissions', i, 'scope', `the binding already has permission ${owner} for ${fin.scope}`);
  });
  b.events.forEach((e, i) => {
    if (!mergedWs.has(e.workspaceId)) err('events', i, 'workspaceId', `no workspace ${e.workspaceId}`);
  });
  await checkRoster(db, b, finalRows.institutions, finalRows.members, err, empty);

  return { errors: capErrors(errors), warnings, tables, writes };
}

function preview(plan: Plan | null, errors: string[], exportedAt: string | null): ImportPreview {
  const tables =
    plan?.tables ?? (Object.fromEntries(ALL_BACKUP_TABLES.map((t) => [t, emptySummary()])) as Plan['tables']);
  const sum = (k: 'new' | 'updated' | 'conflicting' | 'unchanged') =>
    ALL_BACKUP_TABLES.reduce((n, t) => n + tables[t][k], 0);
  return {
    ok: errors.length === 0,
    new: sum('new'),
    updated: sum('updated'),
    conflicting: sum('conflicting'),
    unchanged: sum('unchanged'),
    errors,
    warnings: plan?.warnings ?? [],
    tables,
    exportedAt,
  };
}

/**
 * References and natural keys of the roster tables, against the merged result: a member's and an
 * event's institution exists, an event's member exists in the same institution, and a 逛逛号 names at
 * most one member per institution.
 */
async function checkRoster(
  db: LedgerDb,
  b: LedgerBackup,
  finalInstitutions: Map<string, InstitutionRow>,
  finalMembers: Map<string, MemberRow>,
  err: (table: AnyBackupTable, i: number, field: string, msg: string) => void,
  ledgerEmpty: boolean,
): Promise<void> {
  const read = <R>(none: R, fn: () => Promise<R>): Promise<R> => (ledgerEmpty ? Promise.resolve(none) : fn());
  if (!b.institutions.length && !b.members.length && !b.memberEvents.length) return;
  const instIds = [
    ...new Set([
      ...b.institutions.map((x) => x.id),
      ...b.members.map((m) => m.workspaceId),
      ...b.memberEvents.map((e) => e.workspaceId),
    ]),
  ];
  const [ourInst, ourMembers] = await Promise.all([
    read([], () => bulkGetChunked((k) => db.institutions.bulkGet(k), instIds)),
    read([], () => db.members.where('workspaceId').anyOf(instIds).toArray()),
  ]);
  const institutions = new Map<string, InstitutionRow>();
  for (const x of ourInst) if (x) institutions.set(x.id, x);
  for (const [id, x] of finalInstitutions) institutions.set(id, x);
  const members = new Map(ourMembers.map((m) => [m.id, m]));
  for (const [id, m] of finalMembers) members.set(id, m);
  const missingMemberIds = [...new Set(b.memberEvents.map((e) => e.memberId))].filter(
    (id) => !members.has(id),
  );
  for (const m of await read([], () => bulkGetChunked((k) => db.members.bulkGet(k), missingMemberIds)))
    if (m) members.set(m.id, m);

  const ggOwner = new Map<string, string>();
  for (const m of members.values()) {
    if (m.guangguangId === null) continue;
    const k = `${m.workspaceId}\u0000${m.guangguangId}`;
    if (!ggOwner.has(k)) ggOwner.set(k, m.id);
  }
  b.members.forEach((m, i) => {
    if (!institutions.has(m.workspaceId)) err('members', i, 'workspaceId', `no institution ${m.workspaceId}`);
    const fin = members.get(m.id);
    if (!fin || fin.guangguangId === null) return;
    const owner = ggOwner.get(`${fin.workspaceId}\u0000${fin.guangguangId}`);
    if (owner && owner !== fin.id)
      err(
        'members',
        i,
        'guangguangId',
        `逛逛号 ${fin.guangguangId} already belongs to member ${owner} in this institution`,
      );
  });
  b.memberEvents.forEach((e, i) => {
    if (!institutions.has(e.workspaceId))
      err('memberEvents', i, 'workspaceId', `no institution ${e.workspaceId}`);
    const m = members.get(e.memberId);
    if (!m) err('memberEvents', i, 'memberId', `no member ${e.memberId}`);
    else if (m.workspaceId !== e.workspaceId)
      err('memberEvents', i, 'workspaceId', 'differs from its member');
  });
}

/** The backup's tables that hold data (settings are preferences: a fresh install may have some). */
const DATA_TABLES = ALL_BACKUP_TABLES.filter(
  (t): t is Exclude<AnyBackupTable, 'settings'> => t !== 'settings',
);

const READ_TABLES = (db: LedgerDb) => [
  db.workspaces,
  db.accounts,
  db.bindings,
  db.permissions,
  db.events,
  db.settings,
  db.institutions,
  db.members,
  db.memberEvents,
];

/** What `applyImport` would do (counts and ids per table), or the errors that would stop it. Writes nothing. */
export async function previewImport(db: LedgerDb, text: string): Promise<ImportPreview> {
  const parsed = parseBackup(text);
  if (!parsed.backup) return preview(null, parsed.errors, null);
  const b = parsed.backup;
  const keyId = b.phonesIncluded ? await phoneKeyId(db) : null;
  const plan = await db.transaction('r', READ_TABLES(db), async () => await planImport(db, b, keyId));
  return preview(plan, plan.errors, b.exportedAt);
}

export interface ImportProgress {
  table: AnyBackupTable;
  /** Rows written so far (all tables). */
  done: number;
  /** Rows to write in total (new + updated). */
  total: number;
}

export interface ImportResult extends ImportPreview {
  /** Rows written (new + updated). */
  written: number;
}

/**
 * Imports a JSON backup atomically: checks the file (JSON, format, version, header) before the
 * transaction opens, then in ONE transaction validates every row, plans (merge by id, newer
 * `updatedAt` wins) and writes in chunks of `IMPORT_CHUNK` rows, all chunks issued at once, calling
 * `onProgress` as each completes (in order; the first calls wait until the total is known).
 * Into a ledger with no data (every table but settings empty, checked first in the transaction) every
 * valid row is new: each table's rows are written as soon as that table is validated, so IndexedDB
 * writes while the next tables are checked, and no row is read back. Any problem found afterwards
 * throws, which aborts the transaction: nothing of the file stays.
 * Any problem throws `LedgerImportError` (issues name row and field) and leaves the ledger unchanged;
 * a full disk throws `LedgerStorageFullError`, also with nothing written.
 */
export async function applyImport(
  db: LedgerDb,
  text: string,
  opts: { onProgress?: (p: ImportProgress) => void } = {},
): Promise<ImportResult> {
  const doc = readDocument(text);
  if ('fail' in doc) throw importError([doc.fail]);
  const errors = headerErrors(doc);
  const head = doc.head.success ? doc.head.output : null;
  const keyId = head?.phonesIncluded ? await phoneKeyId(db) : null;
  return writeTransaction(db, async () => {
    // The reads come first: IndexedDB runs a transaction's requests in order, so a read issued after
    // the writes below would wait for all of them.
    const [counts, ourSettings] = await Promise.all([
      Promise.all([...DATA_TABLES.map((t) => db[t].count()), db.pending.count()]),
      db.settings.toArray(),
    ]);
    const ledgerEmpty = counts.every((n) => n === 0);
    let done = 0;
    let total: number | null = null;
    const early: ImportProgress[] = [];
    const chunks: Promise<unknown>[] = [];
    // Every chunk is issued at once: IndexedDB never waits for us between chunks, and the chunks
    // complete (and report progress) in order.
    const write = (table: AnyBackupTable | 'pending', rows: readonly unknown[]) => {
      const t = db[table] as unknown as { bulkPut(rows: unknown[]): Promise<unknown> };
      for (let i = 0; i < rows.length; i += IMPORT_CHUNK) {
        const chunk = rows.slice(i, i + IMPORT_CHUNK);
        chunks.push(
          t.bulkPut(chunk).then(() => {
            if (table === 'pending') return;
            done += chunk.length;
            if (total === null) early.push({ table, done, total: 0 });
            else opts.onProgress?.({ table, done, total });
          }),
        );
      }
    };
    const adapters = head && ledgerEmpty ? adaptersOf(head, keyId) : null;
    const valid: Partial<Record<AnyBackupTable, unknown[]>> = {};
    const adapted: NonNullable<PlanOptions['adapted']> = {};
    for (const table of ALL_BACKUP_TABLES) {
      const rows = validateTable(doc, table, errors);
      valid[table] = rows;
      if (!adapters || errors.length || table === 'settings') continue;
      // An empty ledger: every row is new, so what is written is the file's row adapted to "we have none".
      const out =
        table === 'accounts'
          ? (rows as AccountRow[]).map((r) => adapters.accounts(r, undefined))
          : table === 'events'
            ? (rows as EventRow[]).map((r) => adapters.events(r, undefined))
            : rows;
      (adapted as Record<string, unknown[]>)[table] = out;
      write(table, out);
    }
    let plan: Plan;
    let b: LedgerBackup;
    try {
      if (errors.length) throw importError(capErrors(errors));
      b = backupOf(doc, valid);
      plan = await planImport(
        db,
        b,
        keyId,
        ledgerEmpty ? { ledgerEmpty: { settings: ourSettings }, adapted } : {},
      );
      if (plan.errors.length) throw importError(plan.errors);
    } catch (e) {
      // Thrown while the writes are pending: the transaction aborts and they fail with it.
      for (const c of chunks) c.catch(() => undefined);
      throw e;
    }
    const written = ALL_BACKUP_TABLES.reduce((n, t) => n + plan.writes[t].length, 0);
    total = written;
    for (const p of early) opts.onProgress?.({ ...p, total: written });
    for (const table of ALL_BACKUP_TABLES) if (!(table in adapted)) write(table, plan.writes[table]);
    // The pending table is derived, never in a file: it follows every workspace written to. Of a
    // workspace new to this ledger every row is in the file, so its pending rows are derived from the
    // file's rows in memory and written with them; the others are re-derived after the writes.
    const touched = new Set<string>();
    for (const table of ['accounts', 'bindings', 'permissions'] as const)
      for (const r of plan.writes[table]) touched.add(r.workspaceId);
    const touchedList = [...touched];
    const known = ledgerEmpty ? [] : await db.workspaces.bulkGet(touchedList);
    const fresh = new Set(touchedList.filter((_, i) => !known[i]));
    const freshPending = fresh.size
      ? pendingRowsOf(
          plan.writes.bindings.filter((x) => fresh.has(x.workspaceId)),
          plan.writes.permissions.filter((x) => fresh.has(x.workspaceId)),
          new Map(plan.writes.bindings.filter((x) => fresh.has(x.workspaceId)).map((x) => [x.id, x])),
          new Map(plan.writes.accounts.filter((x) => fresh.has(x.workspaceId)).map((x) => [x.id, x])),
        )
      : [];
    write('pending', freshPending);
    await Promise.all(chunks);
    // Events imported into a shared workspace go out like any other (the sent watermark).
    await recordOutgoing(db, plan.writes.events);
    // A row that moved from another workspace leaves that one touched too (an empty ledger had none).
    const stale = new Set(touchedList.filter((id) => !fresh.has(id)));
    if (!ledgerEmpty && (await db.pending.count())) {
      const bindingIds = [
        ...new Set([
          ...plan.writes.bindings.map((x) => x.id),
          ...plan.writes.permissions.map((x) => x.bindingId),
        ]),
      ];
      const accountIds = plan.writes.accounts.map((x) => x.id);
      for (const r of await db.pending.where('bindingId').anyOf(bindingIds).toArray())
        if (!fresh.has(r.workspaceId)) stale.add(r.workspaceId);
      for (const r of await db.pending.where('accountId').anyOf(accountIds).toArray())
        if (!fresh.has(r.workspaceId)) stale.add(r.workspaceId);
    }
    await rebuildPending(db, stale);
    // The account window of each workspace written to (of a new one, from the file's rows in memory).
    await syncAccountWindows(db, [], plan.writes.accounts, fresh);
    return { ...preview(plan, [], b.exportedAt), written };
  });
}
