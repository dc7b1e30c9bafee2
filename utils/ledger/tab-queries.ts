/**
 * The 台账 tab's reads beyond its first screen (`queries.ts`): timelines, the pending queue, the
 * institution's roster. In the tab's chunk, not in the panel's startup JavaScript. Each uses only
 * Dexie calls (no other awaits), so each can be wrapped in Dexie `liveQuery`.
 */
import Dexie from 'dexie';
import type { LedgerDb } from './db';
import { comparePending, pendingRowsOf } from './pending';
import { computeReminders } from './reminders';
import { ACCOUNT_WINDOW, markHead, windowKey } from './account-window';
import { collator, compareAccounts, joinViews, type AccountView } from './queries';
import { readSettings } from './settings';
import {
  DAY_MS,
  type AccountRow,
  type BindingRow,
  type EventRow,
  type InstitutionRow,
  type MemberBinding,
  type MemberEventRow,
  type MemberRow,
  type MemberStatus,
  type PendingRow,
  type PermissionRow,
} from './types';

/** Events of a binding and of its permissions, newest first. */
export function getBindingTimeline(
  db: LedgerDb,
  bindingId: string,
  opts: { limit?: number } = {},
): Promise<EventRow[]> {
  const c = db.events
    .where('[bindingId+at+seq]')
    .between([bindingId, -Infinity, -Infinity], [bindingId, Infinity, Infinity])
    .reverse();
  return (opts.limit ? c.limit(opts.limit) : c).toArray();
}

/** Events of one entity (workspace, account, binding or permission), newest first. */
export function getEntityHistory(
  db: LedgerDb,
  entityId: string,
  opts: { limit?: number } = {},
): Promise<EventRow[]> {
  const c = db.events
    .where('[entityId+at+seq]')
    .between([entityId, -Infinity, -Infinity], [entityId, Infinity, Infinity])
    .reverse();
  return (opts.limit ? c.limit(opts.limit) : c).toArray();
}

/** A pending invite or requested permission (a row of the pending table) with its age. */
export interface PendingItem extends PendingRow {
  ageMs: number;
  /** Whole days waited. */
  ageDays: number;
}

/** A row of the pending table with its age at `now`. */
export function pendingItemOf(r: PendingRow, now: number): PendingItem {
  const ageMs = Math.max(0, now - r.since);
  return {
    kind: r.kind,
    id: r.id,
    workspaceId: r.workspaceId,
    bindingId: r.bindingId,
    accountId: r.accountId,
    nickname: r.nickname,
    guangguangId: r.guangguangId,
    scope: r.scope,
    since: r.since,
    ageMs,
    ageDays: Math.floor(ageMs / DAY_MS),
  };
}

/**
 * Pending invites and requested permissions, oldest first, with their age at `now`: ONE range read of
 * the pending table (schema v3, kept by the write path: `pending.ts`) on `[workspaceId+since+id]`,
 * which is already the queue's order. `workspaceId: null` covers every workspace (for the badge).
 */
export async function getPendingQueue(
  db: LedgerDb,
  workspaceId: string | null,
  now: number,
): Promise<PendingItem[]> {
  const rows =
    workspaceId === null
      ? (await db.pending.toArray()).sort(comparePending)
      : await db.pending
          .where('[workspaceId+since+id]')
          .between([workspaceId, -Infinity, ''], [workspaceId, Infinity, ''])
          .toArray();
  return rows.map((r) => pendingItemOf(r, now));
}

/**
 * The pending queue from rows already read (the reads of the queue before schema v3): pending
 * `bindings` as invites, `perms` (requested) joined to their binding, each with the account's nickname
 * and 逛逛号, oldest first. Pure; what `derivePendingRows` gives, with ages. Kept for the benchmark's
 * raw-IndexedDB comparison of the old reads.
 */
export function pendingItems(
  bindings: readonly BindingRow[],
  perms: readonly PermissionRow[],
  bindingById: ReadonlyMap<string, BindingRow>,
  accountById: ReadonlyMap<string, AccountRow>,
  now: number,
): PendingItem[] {
  return pendingRowsOf(bindings, perms, bindingById, accountById)
    .sort(comparePending)
    .map((r) => pendingItemOf(r, now));
}

/** Number of stale pending items across all workspaces, with the threshold from settings. */
export async function staleCount(db: LedgerDb, now: number): Promise<number> {
  const [settings, items] = await Promise.all([readSettings(db), getPendingQueue(db, null, now)]);
  return computeReminders(items, now, settings.staleThresholdDays).badgeCount;
}

// ---------------------------------------------------------------- institution roster

export interface RosterCounts {
  total: number;
  /** By status. */
  listed: number;
  missing: number;
  gone: number;
  /** By the tab last seen on (any status). */
  bound: number;
  other: number;
}

function rosterCounts(members: readonly MemberRow[]): RosterCounts {
  const c: RosterCounts = { total: 0, listed: 0, missing: 0, gone: 0, bound: 0, other: 0 };
  for (const m of members) {
    c.total++;
    c[m.status]++;
    c[m.binding]++;
  }
  return c;
}

const MEMBER_STATUSES: readonly MemberStatus[] = ['listed', 'missing', 'gone'];
const MEMBER_BINDINGS: readonly MemberBinding[] = ['bound', 'other'];

/**
 * The counts of an institution's roster without reading a member: one index count per status
 * (`[workspaceId+status]`) and per tab (`[workspaceId+binding]`, schema v4).
 */
export async function getRosterCounts(db: LedgerDb, workspaceId: string): Promise<RosterCounts> {
  const [byStatus, byBinding] = await Promise.all([
    Promise.all(
      MEMBER_STATUSES.map((s) => db.members.where('[workspaceId+status]').equals([workspaceId, s]).count()),
    ),
    Promise.all(
      MEMBER_BINDINGS.map((b) => db.members.where('[workspaceId+binding]').equals([workspaceId, b]).count()),
    ),
  ]);
  const [listed = 0, missing = 0, gone = 0] = byStatus;
  const [bound = 0, other = 0] = byBinding;
  return { total: listed + missing + gone, listed, missing, gone, bound, other };
}

export interface InstitutionSummary {
  institution: InstitutionRow;
  counts: RosterCounts;
}

/** Institution workspaces (kind `institution`) by name, with their roster counts. */
export async function listInstitutions(db: LedgerDb): Promise<InstitutionSummary[]> {
  const institutions = await db.institutions.toArray();
  const out = await Promise.all(
    institutions.map(async (institution) => ({
      institution,
      counts: await getRosterCounts(db, institution.id),
    })),
  );
  return out.sort(
    (a, b) =>
      collator.compare(a.institution.name, b.institution.name) ||
      (a.institution.id < b.institution.id ? -1 : 1),
  );
}

export interface RosterFilter {
  /** Case-insensitive substring of the nickname or the 逛逛号. */
  search?: string;
  statuses?: readonly MemberStatus[];
  bindings?: readonly MemberBinding[];
  /**
   * Default `lastSeen-desc` (most recently seen first). By last seen (either direction), ties by
   * nickname in code-unit order, then id (the v4 index's order, so that `getRosterSlice` and a scan
   * agree); by `nickname`, in Chinese collation, then id.
   */
  sort?: 'lastSeen-desc' | 'lastSeen-asc' | 'nickname';
}

export interface RosterView {
  /** The members that match the filter, sorted. */
  members: MemberRow[];
  /** Counts over the whole roster of the workspace (not the filter), for the tabs/badges. */
  counts: RosterCounts;
}

/** The roster of an institution workspace: one indexed read, filtered and sorted in memory. */
export async function getRoster(
  db: LedgerDb,
  workspaceId: string,
  filter: RosterFilter = {},
): Promise<RosterView> {
  const all = await db.members.where('workspaceId').equals(workspaceId).toArray();
  const q = filter.search?.trim().toLowerCase() ?? '';
  const members = all.filter(
    (m) =>
      (!filter.statuses || filter.statuses.includes(m.status)) &&
      (!filter.bindings || filter.bindings.includes(m.binding)) &&
      (!q ||
        m.nickname.toLowerCase().includes(q) ||
        (m.guangguangId !== null && m.guangguangId.toLowerCase().includes(q))),
  );
  const sort = filter.sort ?? 'lastSeen-desc';
  if (sort === 'nickname')
    members.sort((a, b) => collator.compare(a.nickname, b.nickname) || codeUnits(a.id, b.id));
  else members.sort(bySeen(sort === 'lastSeen-desc' ? -1 : 1));
  return { members, counts: rosterCounts(all) };
}

const codeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Ties of last seen (either direction): by nickname in code-unit order (the v4 index's), then id. */
function byNameThenId(a: MemberRow, b: MemberRow): number {
  return codeUnits(a.nickname, b.nickname) || codeUnits(a.id, b.id);
}

/** `getRoster`'s last-seen order: by last seen in `dir` (1 oldest first, -1 newest first), then ties. */
function bySeen(dir: 1 | -1) {
  return (a: MemberRow, b: MemberRow) => dir * (a.lastSeenAt - b.lastSeenAt) || byNameThenId(a, b);
}

export interface RosterSliceQuery {
  sort: 'lastSeen-desc' | 'lastSeen-asc';
  /** Only members of this status (the view's status filter); all when absent. */
  status?: MemberStatus;
  /** How many rows from the top, in the sort order. */
  limit: number;
}

/**
 * The first `limit` members of an institution's roster in last-seen order (optionally of one status),
 * exactly as `getRoster` orders them, from limited range reads of
 * `[workspaceId(+status)+lastSeenAt+nickname+id]` (schema v4), never the whole roster:
 * - oldest first: the index's own order, ONE read of `limit` rows;
 * - newest first: ONE read of `limit` rows backwards. Every last-seen value in it but the last is
 *   there whole (its ties are put back in name order in memory); of the last one, whose ties run on
 *   past the slice, the slice must hold its first ones by name, not its last: a second read of that
 *   one value forwards, as many rows as the first read had of it.
 * The roster view reads its first screen with it, and a longer slice as the list is scrolled.
 */
export async function getRosterSlice(
  db: LedgerDb,
  workspaceId: string,
  q: RosterSliceQuery,
): Promise<MemberRow[]> {
  const limit = Math.max(0, Math.floor(q.limit));
  if (!limit) return [];
  const head: (string | number)[] = q.status ? [workspaceId, q.status] : [workspaceId];
  const index = db.members.where(
    q.status ? '[workspaceId+status+lastSeenAt+nickname+id]' : '[workspaceId+lastSeenAt+nickname+id]',
  );
  const between = (...prefix: (string | number)[]) =>
    index.between([...head, ...prefix, Dexie.minKey], [...head, ...prefix, Dexie.maxKey]);
  if (q.sort === 'lastSeen-asc') return between().limit(limit).toArray();
  const rows = await between().reverse().limit(limit).toArray();
  const last = rows[rows.length - 1];
  if (!last) return rows;
  const whole = rows.filter((m) => m.lastSeenAt !== last.lastSeenAt).sort(bySeen(-1));
  const tail = await between(last.lastSeenAt)
    .limit(rows.length - whole.length)
    .toArray();
  return [...whole, ...tail];
}

/** A member's timeline (appeared, renamed, level changed, flagged, confirmed, restored …), newest first. */
export function getMemberTimeline(
  db: LedgerDb,
  memberId: string,
  opts: { limit?: number } = {},
): Promise<MemberEventRow[]> {
  const c = db.memberEvents
    .where('[memberId+at+seq]')
    .between([memberId, -Infinity, -Infinity], [memberId, Infinity, Infinity])
    .reverse();
  return (opts.limit ? c.limit(opts.limit) : c).toArray();
}

/** The first rows of a workspace's matrix account list, in the list's order, and how many there are. */
export interface AccountWindow {
  views: AccountView[];
  /** Every matrix account of the workspace (the list's count). */
  total: number;
}

export { ACCOUNT_WINDOW };

/**
 * The first `limit` matrix accounts of `listAccounts(db, workspaceId, { role: 'matrix' })`, the same
 * views in the same order, and their total: the accounts from the workspace's account window
 * (`account-window.ts`: the ids of the list's head, kept by the write path) and a count of the
 * `[workspaceId+role]` index, not the whole list; when the window is missing, of another format, too
 * short, or names an account that is gone, moved or out of order, every account is read and sorted.
 * Then only the bindings and permissions of the rows shown (a range read per row on
 * `[workspaceId+matrixAccountId]`, then on `bindingId`), not the workspace's whole tables. The panel
 * shows it until the whole list (`listAccounts`, read after that first paint) is in.
 */
export async function listAccountWindow(
  db: LedgerDb,
  workspaceId: string,
  limit: number = ACCOUNT_WINDOW,
): Promise<AccountWindow> {
  // One read transaction: its requests run back to back (one snapshot), not one transaction each.
  return db.transaction('r', db.meta, db.accounts, db.bindings, db.permissions, async () => {
    const matrix = db.accounts.where('[workspaceId+role]').equals([workspaceId, 'matrix']);
    const counted = matrix.count();
    const mark = markHead((await db.meta.get(windowKey(workspaceId)))?.value);
    const got = mark && db.accounts.bulkGet(mark.ids.slice(0, limit));
    let total = await counted;
    const n = Math.min(limit, total);
    let rows: AccountRow[] = [];
    if (mark && (mark.complete ? mark.ids.length === total : mark.ids.length >= n))
      for (const a of (await got!).slice(0, n)) {
        if (a?.workspaceId !== workspaceId || a.role !== 'matrix') break;
        const prev = rows[rows.length - 1];
        if (prev && compareAccounts(prev, a) >= 0) break;
        rows.push(a);
      }
    if (rows.length < n) {
      const accounts = await matrix.toArray();
      rows = accounts.sort(compareAccounts).slice(0, limit);
      total = accounts.length;
    }
    // One small range read per row, all at once (requests in flight together, not a cursor's steps).
    const bindings = (
      await Promise.all(
        rows.map((a) =>
          db.bindings.where('[workspaceId+matrixAccountId]').equals([workspaceId, a.id]).toArray(),
        ),
      )
    ).flat();
    const permissions = (
      await Promise.all(bindings.map((b) => db.permissions.where('bindingId').equals(b.id).toArray()))
    ).flat();
    return { views: joinViews(rows, bindings, permissions, {}), total };
  });
}
