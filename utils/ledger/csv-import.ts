/**
 * CSV import of a list of matrix accounts to invite, as a merchant keeps it in Excel: one row per
 * account with its 逛逛号 and, if known, nickname, phone and a note. Each row becomes a draft invite
 * (`draft`, 草稿) in the chosen workspace, to be sent on the platform and then followed in the ledger.
 *
 * Like the JSON import: previewed first (nothing written), validated afresh on apply, written in one
 * transaction (all accepted rows or none). Unlike it, a file with some bad rows is not refused whole:
 * every refused row is named with its line number and reason, and only the accepted rows can be
 * applied. A row whose account is already invited in the workspace changes nothing (importing the same
 * file twice adds nothing the second time). Phones are normalised, then masked and HMACed before the
 * transaction: the clear number is never stored. A cell that starts like a formula is kept as text.
 */
import type { LedgerDb } from './db';
import { LedgerNotFoundError } from './errors';
import { Writer, createAccount, createBinding, requireWorkspace, writeTransaction } from './engine';
import { protectPhone } from './phone';
import { LIMITS } from './schemas';
import { readCsvTable, type CsvTableProblem } from './csv-read';
import type { AccountRow, BindingRow, BindingState } from './types';
import { normalizeGuangguangId, shapeOfGuangguangId } from '../rules/guangguang-id';
import { normalizePhone } from '../rules/phone';

export const INVITE_CSV_COLUMNS = ['guangguangId', 'nickname', 'phone', 'note'] as const;
export type InviteCsvColumn = (typeof INVITE_CSV_COLUMNS)[number];

/**
 * Header names each column is known by (compared with `headerKey`: case, spaces, colons and `*`
 * ignored). Our own CSV export's headers are among them, in both languages, so an exported file
 * imports again; its masked-phone and hash columns are not a phone and are ignored.
 */
export const INVITE_CSV_HEADERS: Record<InviteCsvColumn, readonly string[]> = {
  guangguangId: ['逛逛号', '逛逛ID', 'Guangguang ID', 'GuangguangId', 'gg ID'],
  nickname: ['昵称', '账号昵称', '达人昵称', '创作者昵称', 'Nickname', 'Name'],
  phone: ['手机号', '手机号码', '手机', '电话', 'Phone', 'Mobile', 'Phone number'],
  note: ['备注', 'Note', 'Notes', 'Remark'],
};

/** Why a row is not imported. */
export type InviteCsvRefusal =
  'missing-id' | 'bad-id' | 'bad-phone' | 'too-long' | 'duplicate' | 'main-account';
/** Said of a row that is imported or left as it is. */
export type InviteCsvNote = 'already' | 'formula' | 'has-account' | 'unusual-id';

export interface InviteCsvIssue<C extends string> {
  line: number;
  code: C;
  field?: InviteCsvColumn;
  /** `duplicate`: the line that has the same 逛逛号 first. */
  firstLine?: number;
  /** `already`: the state the account's invite is in. */
  state?: BindingState;
}

export interface InviteCsvRow {
  line: number;
  guangguangId: string;
  nickname: string;
  /** Normalised 11-digit number, or null when the row has none. */
  phone: string | null;
  note: string;
}

export type InviteCsvProblem = CsvTableProblem;

export type InviteCsvPlan =
  | {
      ok: true;
      rows: InviteCsvRow[];
      refused: InviteCsvIssue<InviteCsvRefusal>[];
      notes: InviteCsvIssue<InviteCsvNote>[];
      columns: InviteCsvColumn[];
      /** Header cells that name no column we read (e.g. 工作区, 绑定状态). */
      ignored: string[];
    }
  | { ok: false; problem: InviteCsvProblem; line: number };

/** At most this many refused rows and notes are listed (the counts are always complete). */
export const MAX_LISTED_ROWS = 500;

/**
 * Reads the rows of an invite list, with the invite form's own checks (utils/rules): a 逛逛号 that is
 * obviously not one (spaces inside, Chinese mixed with letters or digits) is refused, an unusual one is
 * imported with a note; a phone must be a mainland mobile number (stored masked and HMACed).
 */
export function planInviteCsv(text: string): InviteCsvPlan {
  const table = readCsvTable(text, INVITE_CSV_COLUMNS, INVITE_CSV_HEADERS);
  if (!table.ok) return table;
  const rows: InviteCsvRow[] = [];
  const refused: InviteCsvIssue<InviteCsvRefusal>[] = [];
  const notes: InviteCsvIssue<InviteCsvNote>[] = [];
  const firstLineOf = new Map<string, number>();
  for (const rec of table.records) {
    const { cells } = rec;
    const refuse = (
      code: InviteCsvRefusal,
      extra: Omit<InviteCsvIssue<InviteCsvRefusal>, 'line' | 'code'> = {},
    ) => refused.push({ line: rec.line, code, ...extra });
    const id = normalizeGuangguangId(cells.guangguangId.text);
    const shape = shapeOfGuangguangId(id);
    if (shape === 'empty') {
      refuse('missing-id', { field: 'guangguangId' });
      continue;
    }
    if (shape === 'malformed' || id.length > LIMITS.guangguangId) {
      refuse('bad-id', { field: 'guangguangId' });
      continue;
    }
    let phone: string | null = null;
    if (cells.phone.text !== '') {
      phone = normalizePhone(cells.phone.text);
      if (phone === null) {
        refuse('bad-phone', { field: 'phone' });
        continue;
      }
    }
    if (cells.nickname.text.length > LIMITS.nickname) {
      refuse('too-long', { field: 'nickname' });
      continue;
    }
    if (cells.note.text.length > LIMITS.note) {
      refuse('too-long', { field: 'note' });
      continue;
    }
    const key = id.toLowerCase();
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      refuse('duplicate', { field: 'guangguangId', firstLine: first });
      continue;
    }
    firstLineOf.set(key, rec.line);
    if (shape !== 'ok') notes.push({ line: rec.line, code: 'unusual-id', field: 'guangguangId' });
    const formulaIn = (['nickname', 'note'] as const).find((c) => cells[c].formula);
    if (formulaIn) notes.push({ line: rec.line, code: 'formula', field: formulaIn });
    rows.push({
      line: rec.line,
      guangguangId: id,
      nickname: cells.nickname.text,
      phone,
      note: cells.note.text,
    });
  }
  if (rows.length === 0 && refused.length === 0)
    return { ok: false, problem: 'no-rows', line: table.headerLine };
  return { ok: true, rows, refused, notes, columns: table.columns, ignored: table.ignored };
}

export type InviteCsvPreview =
  | {
      ok: true;
      /** Rows that will become a draft invite: with a new account / for an account already recorded. */
      newAccounts: number;
      newDrafts: number;
      /** Rows whose account is already invited in this workspace: nothing changes. */
      already: number;
      refusedCount: number;
      refused: InviteCsvIssue<InviteCsvRefusal>[];
      notes: InviteCsvIssue<InviteCsvNote>[];
      columns: InviteCsvColumn[];
      ignored: string[];
    }
  | { ok: false; problem: InviteCsvProblem; line: number };

interface Outcome {
  preview: InviteCsvPreview;
  /** The rows to write, each with the account it goes to if that exists already. */
  todo: { row: InviteCsvRow; account: AccountRow | undefined }[];
}

async function judge(
  db: LedgerDb,
  workspaceId: string,
  plan: Extract<InviteCsvPlan, { ok: true }>,
): Promise<Outcome> {
  if (!(await db.workspaces.get(workspaceId))) throw new LedgerNotFoundError('workspace', workspaceId);
  // One read of the workspace's accounts and bindings, not one per row.
  const [accounts, bindings] = await Promise.all([
    db.accounts.where('workspaceId').equals(workspaceId).toArray(),
    db.bindings.where('workspaceId').equals(workspaceId).toArray(),
  ]);
  const byGg = new Map(accounts.map((a) => [a.guangguangId.toLowerCase(), a]));
  const bindingOf = new Map<string, BindingRow>(bindings.map((b) => [b.matrixAccountId, b]));
  const refused = [...plan.refused];
  const notes = [...plan.notes];
  const todo: Outcome['todo'] = [];
  let already = 0;
  for (const row of plan.rows) {
    const account = byGg.get(row.guangguangId.toLowerCase());
    if (account?.role === 'main') {
      refused.push({ line: row.line, code: 'main-account', field: 'guangguangId' });
      continue;
    }
    const binding = account ? bindingOf.get(account.id) : undefined;
    if (binding) {
      already++;
      notes.push({ line: row.line, code: 'already', state: binding.state });
      continue;
    }
    if (account) notes.push({ line: row.line, code: 'has-account' });
    todo.push({ row, account });
  }
  refused.sort((a, b) => a.line - b.line);
  notes.sort((a, b) => a.line - b.line);
  return {
    todo,
    preview: {
      ok: true,
      newAccounts: todo.filter((t) => !t.account).length,
      newDrafts: todo.length,
      already,
      refusedCount: refused.length,
      refused: refused.slice(0, MAX_LISTED_ROWS),
      notes: notes.slice(0, MAX_LISTED_ROWS),
      columns: plan.columns,
      ignored: plan.ignored,
    },
  };
}

/** What importing `text` into the workspace would do. Writes nothing. */
export async function previewInviteCsv(
  db: LedgerDb,
  workspaceId: string,
  text: string,
): Promise<InviteCsvPreview> {
  const plan = planInviteCsv(text);
  if (!plan.ok) return plan;
  return (await judge(db, workspaceId, plan)).preview;
}

/**
 * Imports the accepted rows of `text` as draft invites, in one transaction: all of them or, on any
 * failure (a full disk, say), none. Validated afresh: what the panel previewed is not trusted.
 */
export async function applyInviteCsv(
  db: LedgerDb,
  workspaceId: string,
  text: string,
  opts: { now?: number } = {},
): Promise<InviteCsvPreview & { written: number }> {
  const plan = planInviteCsv(text);
  if (!plan.ok) return { ...plan, written: 0 };
  const now = opts.now ?? Date.now();
  // Phones masked and HMACed before the transaction (Web Crypto is not Dexie: it would end it).
  const phones = new Map<number, { phoneMask: string; phoneHash: string }>();
  for (const r of plan.rows) if (r.phone) phones.set(r.line, await protectPhone(db, r.phone));
  return writeTransaction(db, async () => {
    const { preview, todo } = await judge(db, workspaceId, plan);
    const ws = await requireWorkspace(db, workspaceId);
    const w = new Writer(db, now, now, 'manual');
    for (const { row, account } of todo) {
      const target =
        account ??
        (await createAccount(w, workspaceId, 'matrix', {
          guangguangId: row.guangguangId,
          ...(row.nickname ? { nickname: row.nickname } : {}),
          ...(row.note ? { note: row.note } : {}),
          ...(phones.has(row.line) ? { phone: phones.get(row.line)! } : {}),
        }));
      await createBinding(w, ws, target.id, 'draft');
    }
    await w.flush();
    return { ...preview, written: todo.length };
  });
}
