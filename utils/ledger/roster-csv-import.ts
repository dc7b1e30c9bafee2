/**
 * An institution's roster from a CSV file (its export is roster-csv.ts).
 *
 * `previewRosterCsv` / `applyRosterCsv`: the list an agency keeps in Excel (nickname, 逛逛号, level,
 * state, note; Chinese or English headers; our own export's headers among them), decoded
 * by the panel like the invite CSV (csv-read.ts: UTF-8 ± BOM, UTF-16, GB18030/GBK). Previewed first
 * (nothing written), validated afresh on apply, written in one transaction (all accepted rows or none).
 *
 * - A creator is matched by 逛逛号 (case ignored). A row without one is refused with its line (a roster
 *   file has no page to tell two namesakes apart), so is a 逛逛号 repeated in the file (the line of its
 *   first use named) and an over-long or malformed cell. A creator recorded by nickname only (a page row
 *   without a 逛逛号) is identified by a row with the same nickname when that is unambiguous.
 * - A new creator is added as listed on 已绑定 (what the agency says it has): a later complete,
 *   unfiltered 已绑定 list that lacks it flags it for the user to confirm, as for any other.
 * - A known creator gets the row's nickname, level and note where the row has one (an empty cell erases
 *   nothing), with renamed / level-changed events whose `captureKey` starts with `csv:` (the panel says "from a CSV").
 * - The import never changes a creator's state: never missing, never gone, never restored. A state
 *   cell other than "listed" is said so, by line, and left alone.
 * - Importing the same file twice changes nothing the second time.
 */
import type { LedgerDb } from './db';
import { sha256Hex } from './canonical';
import { LedgerNotFoundError } from './errors';
import { newId, writeTransaction } from './engine';
import { headerKey, readCsvTable, type CsvTableProblem } from './csv-read';
import { MemberWriter } from './roster';
import { ROSTER_CSV_KEY_PREFIX } from './roster-csv';
import { LIMITS } from './schemas';
import type { MemberRow } from './types';
import { ROSTER } from '../platform/anchors';
import { normalizeGuangguangId, shapeOfGuangguangId } from '../rules/guangguang-id';

// ---------------------------------------------------------------- import

export const ROSTER_CSV_COLUMNS = ['guangguangId', 'nickname', 'level', 'status', 'note'] as const;
export type RosterCsvColumn = (typeof ROSTER_CSV_COLUMNS)[number];

/** Header names each column is known by (compared with `headerKey`), our export's in both languages. */
export const ROSTER_CSV_HEADERS_READ: Record<RosterCsvColumn, readonly string[]> = {
  guangguangId: ['逛逛号', '逛逛ID', '达人逛逛号', '创作者逛逛号', 'Guangguang ID', 'GuangguangId', 'gg ID'],
  nickname: [
    ...new Set([...ROSTER.columns.creator, '达人名称', '创作者昵称', 'Nickname', 'Name', 'Creator']),
  ],
  level: [...new Set([...ROSTER.columns.level, '层级', 'Level', 'LV'])],
  status: ['状态', '达人状态', 'State', 'Status'],
  note: ['备注', 'Note', 'Notes', 'Remark'],
};

/** State cells that say "listed" (our export's words, and 已绑定): anything else is noted and ignored. */
const LISTED_WORDS = new Set(['在名单中', ...ROSTER.boundTabs, 'listed', 'bound'].map(headerKey));

export type RosterCsvRefusal = 'missing-id' | 'bad-id' | 'too-long' | 'duplicate';
export type RosterCsvNote = 'formula' | 'state-ignored' | 'identified' | 'unchanged';

export interface RosterCsvIssue<C extends string> {
  line: number;
  code: C;
  field?: RosterCsvColumn;
  /** `duplicate`: the line that has the same 逛逛号 first. */
  firstLine?: number;
  /** `state-ignored`: the state cell as written (at most 40 characters). */
  value?: string;
}

export interface RosterCsvRow {
  line: number;
  guangguangId: string;
  nickname: string;
  level: string;
  note: string;
}

export type RosterCsvProblem = CsvTableProblem;

export type RosterCsvPlan =
  | {
      ok: true;
      rows: RosterCsvRow[];
      refused: RosterCsvIssue<RosterCsvRefusal>[];
      notes: RosterCsvIssue<RosterCsvNote>[];
      columns: RosterCsvColumn[];
      ignored: string[];
    }
  | { ok: false; problem: RosterCsvProblem; line: number };

/** At most this many refused rows and notes are listed (the counts are always complete). */
export const MAX_LISTED_ROSTER_ROWS = 500;

/** Reads the rows of a roster file; pure (no database). */
export function planRosterCsv(text: string): RosterCsvPlan {
  const table = readCsvTable(text, ROSTER_CSV_COLUMNS, ROSTER_CSV_HEADERS_READ);
  if (!table.ok) return table;
  const rows: RosterCsvRow[] = [];
  const refused: RosterCsvIssue<RosterCsvRefusal>[] = [];
  const notes: RosterCsvIssue<RosterCsvNote>[] = [];
  const firstLineOf = new Map<string, number>();
  for (const rec of table.records) {
    const { cells } = rec;
    const refuse = (code: RosterCsvRefusal, extra: Omit<RosterCsvIssue<RosterCsvRefusal>, 'line' | 'code'>) =>
      refused.push({ line: rec.line, code, ...extra });
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
    const long = (
      [
        ['nickname', LIMITS.nickname],
        ['level', LIMITS.level],
        ['note', LIMITS.note],
      ] as const
    ).find(([c, max]) => cells[c].text.length > max);
    if (long) {
      refuse('too-long', { field: long[0] });
      continue;
    }
    const key = id.toLowerCase();
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      refuse('duplicate', { field: 'guangguangId', firstLine: first });
      continue;
    }
    firstLineOf.set(key, rec.line);
    const formulaIn = (['nickname', 'level', 'note'] as const).find((c) => cells[c].formula);
    if (formulaIn) notes.push({ line: rec.line, code: 'formula', field: formulaIn });
    const state = cells.status.text;
    if (state && !LISTED_WORDS.has(headerKey(state)))
      notes.push({ line: rec.line, code: 'state-ignored', field: 'status', value: state.slice(0, 40) });
    rows.push({
      line: rec.line,
      guangguangId: id,
      nickname: cells.nickname.text,
      level: cells.level.text,
      note: cells.note.text,
    });
  }
  if (rows.length === 0 && refused.length === 0)
    return { ok: false, problem: 'no-rows', line: table.headerLine };
  return { ok: true, rows, refused, notes, columns: table.columns, ignored: table.ignored };
}

export type RosterCsvPreview =
  | {
      ok: true;
      /** Creators the file adds to the roster. */
      add: number;
      /** Known creators the file changes (nickname, level, note, or a 逛逛号 for one known by name). */
      update: number;
      /** Known creators the file shows as they are recorded: nothing changes. */
      unchanged: number;
      refusedCount: number;
      refused: RosterCsvIssue<RosterCsvRefusal>[];
      notes: RosterCsvIssue<RosterCsvNote>[];
      columns: RosterCsvColumn[];
      ignored: string[];
    }
  | { ok: false; problem: RosterCsvProblem; line: number };

interface Todo {
  row: RosterCsvRow;
  /** The member it changes, or undefined for a new one. */
  member: MemberRow | undefined;
  /** The member was known by nickname only: the row gives its 逛逛号. */
  identify: boolean;
}

function changes(m: MemberRow, row: RosterCsvRow, identify: boolean): boolean {
  return (
    identify ||
    (row.nickname !== '' && row.nickname !== m.nickname) ||
    (row.level !== '' && row.level !== m.level) ||
    (row.note !== '' && row.note !== (m.note ?? ''))
  );
}

async function judge(
  db: LedgerDb,
  workspaceId: string,
  plan: Extract<RosterCsvPlan, { ok: true }>,
): Promise<{ preview: RosterCsvPreview; todo: Todo[] }> {
  if (!(await db.institutions.get(workspaceId))) throw new LedgerNotFoundError('workspace', workspaceId);
  // One read of the roster, not one per row.
  const members = await db.members.where('workspaceId').equals(workspaceId).toArray();
  const byGg = new Map<string, MemberRow>();
  const nameOnly = new Map<string, MemberRow[]>();
  for (const m of members) {
    if (m.guangguangId !== null) byGg.set(m.guangguangId.toLowerCase(), m);
    else if (m.nickname) nameOnly.set(m.nickname, [...(nameOnly.get(m.nickname) ?? []), m]);
  }
  const rowsPerNick = new Map<string, number>();
  for (const r of plan.rows)
    if (r.nickname) rowsPerNick.set(r.nickname, (rowsPerNick.get(r.nickname) ?? 0) + 1);
  const notes = [...plan.notes];
  const todo: Todo[] = [];
  let add = 0;
  let update = 0;
  let unchanged = 0;
  for (const row of plan.rows) {
    let member = byGg.get(row.guangguangId.toLowerCase());
    let identify = false;
    if (!member && row.nickname && rowsPerNick.get(row.nickname) === 1) {
      const named = nameOnly.get(row.nickname) ?? [];
      if (named.length === 1) {
        member = named[0];
        identify = true;
        notes.push({ line: row.line, code: 'identified' });
      }
    }
    if (!member) {
      add++;
      todo.push({ row, member, identify });
    } else if (changes(member, row, identify)) {
      update++;
      todo.push({ row, member, identify });
    } else {
      unchanged++;
      notes.push({ line: row.line, code: 'unchanged' });
    }
  }
  notes.sort((a, b) => a.line - b.line);
  return {
    todo,
    preview: {
      ok: true,
      add,
      update,
      unchanged,
      refusedCount: plan.refused.length,
      refused: plan.refused.slice(0, MAX_LISTED_ROSTER_ROWS),
      notes: notes.slice(0, MAX_LISTED_ROSTER_ROWS),
      columns: plan.columns,
      ignored: plan.ignored,
    },
  };
}

/** What importing `text` into the institution's roster would do. Writes nothing. */
export async function previewRosterCsv(
  db: LedgerDb,
  workspaceId: string,
  text: string,
): Promise<RosterCsvPreview> {
  const plan = planRosterCsv(text);
  if (!plan.ok) return plan;
  return (await judge(db, workspaceId, plan)).preview;
}

/**
 * Imports the accepted rows of `text` into the institution's roster, in one transaction: all of them
 * or, on any failure, none. Validated afresh: what the panel previewed is not trusted.
 */
export async function applyRosterCsv(
  db: LedgerDb,
  workspaceId: string,
  text: string,
  opts: { now?: number } = {},
): Promise<RosterCsvPreview & { written: number }> {
  const plan = planRosterCsv(text);
  if (!plan.ok) return { ...plan, written: 0 };
  const now = opts.now ?? Date.now();
  // Hashed before the transaction (Web Crypto is not Dexie: awaiting it would end the transaction).
  const key = `${ROSTER_CSV_KEY_PREFIX}${(await sha256Hex(`${now}\n${text}`)).slice(0, 32)}`;
  return writeTransaction(db, async () => {
    const { preview, todo } = await judge(db, workspaceId, plan);
    const w = new MemberWriter(db, now, 'manual', key);
    const put: MemberRow[] = [];
    for (const { row, member: m, identify } of todo) {
      if (!m) {
        const created: MemberRow = {
          id: newId(),
          workspaceId,
          nickname: row.nickname,
          guangguangId: row.guangguangId,
          level: row.level || null,
          binding: 'bound',
          status: 'listed',
          missingSince: null,
          firstSeenAt: now,
          lastSeenAt: now,
          createdAt: now,
          updatedAt: now,
          ...(row.note ? { note: row.note } : {}),
        };
        w.event(created, 'appeared', null, row.nickname);
        put.push(created);
        continue;
      }
      const next: MemberRow = { ...m, updatedAt: now };
      if (identify) {
        w.event(m, 'identified', null, row.guangguangId);
        next.guangguangId = row.guangguangId;
      }
      if (row.nickname && row.nickname !== m.nickname) {
        w.event(m, 'renamed', m.nickname, row.nickname);
        next.nickname = row.nickname;
      }
      if (row.level && row.level !== m.level) {
        w.event(m, 'level-changed', m.level, row.level);
        next.level = row.level;
      }
      if (row.note) next.note = row.note;
      put.push(next);
    }
    if (put.length) await db.members.bulkPut(put);
    await w.flush();
    return { ...preview, written: put.length };
  });
}
