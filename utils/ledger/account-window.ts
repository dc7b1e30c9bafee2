/**
 * The account window (issue 15): derived state that lets the 台账 tab's first screen read the first
 * matrix accounts of a workspace without reading all of them to sort them.
 *
 * One `meta` row per workspace, `accountWindow:<workspaceId>` (never in a backup, no schema change):
 * the first `WINDOW_KEEP` matrix accounts of the workspace in the list's order (`compareAccounts`),
 * each as `[id, nickname, 逛逛号]`, and whether that is all of them (`complete`). The list's prefix is
 * kept a little longer than the screen's `ACCOUNT_WINDOW`, so that an account leaving it (renamed
 * past its end, deleted, moved) seldom makes the writer read the whole workspace again.
 *
 * Kept by the single write path, inside each write transaction:
 * - `Writer.flush` (every command, page capture and CSV import) for the accounts its events name;
 * - `applyShared` for the accounts it put or deleted; `applyImport` for the accounts it wrote (a new
 *   workspace's from the file's rows in memory, no read back); `deleteWorkspace` deletes the row.
 * Correctness never depends on it: the reader (`listAccountWindow`) takes it only when it is of this
 * format, long enough, and the accounts it names are still matrix accounts of the workspace in
 * strictly increasing list order; otherwise it reads and sorts every account, as before the row
 * existed (a ledger from before it, until its first account write or `ensureAccountWindows`).
 */
import type { LedgerDb } from './db';
import { collator } from './queries';
import type { AccountRow } from './types';

/** The rows the 台账 tab's first screen shows (see `listAccountWindow`). */
export const ACCOUNT_WINDOW = 40;
/** How many accounts of the list's head the row holds. */
export const WINDOW_KEEP = 64;
/** The row's shape; a row of another format is ignored by the reader and rebuilt by the writer. */
export const WINDOW_FORMAT = 1;

const PREFIX = 'accountWindow:';
export const windowKey = (workspaceId: string): string => PREFIX + workspaceId;

/** An account of the window: id, nickname, 逛逛号 (what its place in the list depends on). */
export type WindowEntry = [id: string, nickname: string, guangguangId: string];

export interface WindowMark {
  format: typeof WINDOW_FORMAT;
  /** The first matrix accounts of the workspace in the list's order. */
  head: WindowEntry[];
  /** Whether `head` holds every matrix account of the workspace. */
  complete: boolean;
}

/** The ids of a stored row's head, or null when the value is not a row of this format. */
export function markHead(value: unknown): { ids: string[]; complete: boolean } | null {
  const m = value as Partial<WindowMark> | null | undefined;
  if (!m || m.format !== WINDOW_FORMAT || !Array.isArray(m.head) || typeof m.complete !== 'boolean')
    return null;
  return { ids: m.head.map((e) => e[0]), complete: m.complete };
}

const asMark = (value: unknown): WindowMark | null => (markHead(value) ? (value as WindowMark) : null);

/** `compareAccounts` of two matrix accounts. */
const compareEntries = (a: WindowEntry, b: WindowEntry) =>
  collator.compare(a[1], b[1]) || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);

const entryOf = (a: AccountRow): WindowEntry => [a.id, a.nickname, a.guangguangId];

/** The row of a workspace whose matrix accounts are exactly `matrix` (any order). */
export function windowMarkOf(matrix: readonly AccountRow[]): WindowMark {
  const head = matrix.map(entryOf).sort(compareEntries);
  return { format: WINDOW_FORMAT, head: head.slice(0, WINDOW_KEEP), complete: head.length <= WINDOW_KEEP };
}

/** Inside a write transaction: the row of `workspaceId` from every matrix account it has. */
async function rebuild(db: LedgerDb, workspaceId: string): Promise<void> {
  const matrix = await db.accounts.where('[workspaceId+role]').equals([workspaceId, 'matrix']).toArray();
  await db.meta.put({ key: windowKey(workspaceId), value: windowMarkOf(matrix) });
}

/**
 * Inside a write transaction, after accounts were written: brings the row of every workspace they
 * may have entered, left or moved in up to date. `ids`: the accounts written (put, changed or
 * deleted); `rows`: of those, the ones whose row as now written is at hand (the others are read).
 * `fresh`: workspaces whose every account is in `rows` (new in this write), built without a read.
 *
 * A workspace with a row: the written accounts are taken out of its head, and those now matrix
 * accounts of it that sort before the head's old last entry (any, when the head was complete) are
 * put in. The head is then still the true first of the list (the other accounts did not change); it
 * is read whole again only when it would drop below `ACCOUNT_WINDOW` of an incomplete list.
 */
export async function syncAccountWindows(
  db: LedgerDb,
  ids: Iterable<string>,
  rows: readonly AccountRow[] = [],
  fresh: ReadonlySet<string> = new Set(),
): Promise<void> {
  const written = new Set(ids);
  const byId = new Map<string, AccountRow>();
  for (const r of rows) {
    written.add(r.id);
    byId.set(r.id, r);
  }
  if (!written.size) return;
  const unread = [...written].filter((id) => !byId.has(id));
  if (unread.length)
    (await db.accounts.bulkGet(unread)).forEach((r) => {
      if (r) byId.set(r.id, r);
    });
  const marks = new Map<string, WindowMark | null>();
  for (const m of await db.meta.where('key').startsWith(PREFIX).toArray())
    marks.set(m.key.slice(PREFIX.length), asMark(m.value));
  const spaces = new Set<string>();
  for (const r of byId.values()) spaces.add(r.workspaceId);
  for (const [ws, mark] of marks) if (!mark || mark.head.some((e) => written.has(e[0]))) spaces.add(ws);
  const now = [...byId.values()];
  for (const ws of spaces) {
    const mark = marks.get(ws);
    if (!mark) {
      if (fresh.has(ws)) {
        const matrix = now.filter((r) => r.workspaceId === ws && r.role === 'matrix');
        await db.meta.put({ key: windowKey(ws), value: windowMarkOf(matrix) });
      } else if (await db.workspaces.get(ws)) await rebuild(db, ws);
      else await db.meta.delete(windowKey(ws));
      continue;
    }
    const last = mark.head[mark.head.length - 1];
    if (!mark.complete && !last) {
      await rebuild(db, ws);
      continue;
    }
    const head = mark.head.filter((e) => !written.has(e[0]));
    for (const r of now) {
      if (r.workspaceId !== ws || r.role !== 'matrix') continue;
      const e = entryOf(r);
      if (mark.complete || compareEntries(e, last!) < 0) head.push(e);
    }
    if (!mark.complete && head.length < ACCOUNT_WINDOW) {
      await rebuild(db, ws);
      continue;
    }
    head.sort(compareEntries);
    const next: WindowMark = {
      format: WINDOW_FORMAT,
      head: head.slice(0, WINDOW_KEEP),
      complete: mark.complete && head.length <= WINDOW_KEEP,
    };
    await db.meta.put({ key: windowKey(ws), value: next });
  }
}

/** Inside a write transaction: the workspace is gone, and so is its row. */
export function dropAccountWindow(db: LedgerDb, workspaceId: string): Promise<void> {
  return db.meta.delete(windowKey(workspaceId));
}

/**
 * Builds the row of every workspace that has none, or one of another format: a ledger written
 * before the rows existed (or by another version) until then reads its whole list for the first
 * screen. Run by the background when the extension is installed or updated. One write transaction
 * per workspace, which looks again first (a write in between may have built it). Returns how many
 * were built.
 */
export async function ensureAccountWindows(db: LedgerDb): Promise<number> {
  let built = 0;
  for (const ws of await db.workspaces.toCollection().primaryKeys()) {
    if (asMark((await db.meta.get(windowKey(ws)))?.value)) continue;
    await db.transaction('rw', db.workspaces, db.accounts, db.meta, async () => {
      if (asMark((await db.meta.get(windowKey(ws)))?.value) || !(await db.workspaces.get(ws))) return;
      await rebuild(db, ws);
      built++;
    });
  }
  return built;
}
