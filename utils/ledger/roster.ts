/**
 * The institution roster (机构 workspaces): what the content script read from 达人管理, applied to the
 * ledger, and the user's answers to a missing flag. Writes run in the background, like `capture.ts`.
 *
 * - `recordRosterCapture` applies a `RosterSnapshot` in ONE transaction, recorded in `captures` under
 *   `roster:<sha256 of now + snapshot>`: the same capture recorded again writes nothing
 *   (`duplicate: true`). Applying is also idempotent per row: a later visit showing the same roster only
 *   moves `lastSeenAt`, with no events.
 * - The institution workspace follows the institution the page shows: by its platform id when there is
 *   one (a workspace found by name without an id adopts it), else by name; created on first sight.
 * - Only what the page shows is captured. A paged or searched list (`complete: false` or `filtered`)
 *   and the other tab never mark an unseen creator; a complete, unfiltered 已绑定 list (`tab: 'bound'`)
 *   with at least one row flags a bound creator it does not show as `missing`, for the user to confirm
 *   (`confirmMemberGone`) or undo (`restoreMember`). Nothing is ever deleted. A creator seen again
 *   while missing or gone is `listed` again, with a `reappeared` event.
 * - Bad rows never throw: a row without a 逛逛号 is matched by nickname when that is unambiguous (one
 *   row of the snapshot, at most one member with it), else skipped and counted; a 逛逛号 repeated in
 *   one snapshot is applied once and the repeats counted; an empty nickname never erases a known one,
 *   a null level never erases a known level. A row whose nickname or 逛逛号 is longer than a list cell
 *   holds (`LIMITS`) is skipped and counted, and then that snapshot flags nobody missing; an over-long
 *   level reads as unknown.
 */
import type { LedgerDb } from './db';
import { sha256Hex, stableStringify } from './canonical';
import { LedgerConflictError, LedgerNotFoundError } from './errors';
import { newId, writeTransaction } from './engine';
import { CAPTURE_RETENTION_MS } from './capture';
import { IdSchema, LIMITS, RosterSnapshotSchema, TimeSchema, parseInput } from './schemas';
import * as v from 'valibot';
import type {
  EventSource,
  InstitutionRow,
  MemberEventAction,
  MemberEventRow,
  MemberRow,
  MemberStatus,
  RosterSnapshot,
} from './types';

export interface RosterCaptureResult {
  captureKey: string;
  /** The same capture was already recorded: nothing was written. */
  duplicate: boolean;
  /** The institution workspace the snapshot was applied to. */
  workspaceId: string;
  institutionCreated: boolean;
  /** Rows applied to a member (created or matched). */
  recorded: number;
  created: number;
  renamed: number;
  levelChanged: number;
  bindingChanged: number;
  /** Members recorded by nickname that this snapshot showed with a 逛逛号. */
  identified: number;
  /** Members seen again while missing or gone. */
  reappeared: number;
  /** Members flagged missing by this snapshot. */
  flaggedMissing: number;
  /** Rows repeating a creator already applied from this snapshot (same 逛逛号, or same member). */
  duplicates: number;
  /** Rows without a 逛逛号 whose nickname was empty or ambiguous: not recorded. */
  skipped: number;
  /** Whether this snapshot could flag missing creators (complete, unfiltered, bound tab, rows). */
  checkedForMissing: boolean;
  events: number;
}

/** The idempotency key of a roster capture (validated input). */
export async function rosterCaptureKey(snapshot: RosterSnapshot, now: number): Promise<string> {
  return `roster:${await sha256Hex(stableStringify({ now, snapshot }))}`;
}

/** Collects member events in write order (like `engine.Writer` for the binding ledger). */
export class MemberWriter {
  private seq = 0;
  readonly events: MemberEventRow[] = [];

  constructor(
    readonly db: LedgerDb,
    readonly now: number,
    readonly source: EventSource,
    readonly captureKey: string | null,
  ) {}

  event(
    m: MemberRow,
    action: MemberEventAction,
    from: string | null,
    to: string | null,
    reason: string | null = null,
  ): void {
    this.events.push({
      id: newId(),
      workspaceId: m.workspaceId,
      memberId: m.id,
      action,
      from,
      to,
      at: this.now,
      seq: this.seq++,
      source: this.source,
      reason,
      captureKey: this.captureKey,
    });
  }

  /** Writes the events; `seq` continues after the last member event stored with the same `at`. */
  async flush(): Promise<void> {
    if (!this.events.length) return;
    const last = await this.db.memberEvents
      .where('[at+seq]')
      .between([this.now, -Infinity], [this.now, Infinity])
      .last();
    const base = last ? last.seq + 1 : 0;
    for (const e of this.events) e.seq += base;
    await this.db.memberEvents.bulkAdd(this.events);
  }
}

type ParsedSnapshot = v.InferOutput<typeof RosterSnapshotSchema>;

/** The institution workspace of `inst` (see the module comment), created or updated as needed. */
async function ensureInstitution(
  db: LedgerDb,
  inst: ParsedSnapshot['institution'],
  now: number,
): Promise<{ row: InstitutionRow; created: boolean }> {
  const platformId = inst.id ?? null;
  const oldest = (rows: InstitutionRow[]) =>
    rows.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))[0];
  let found = platformId
    ? oldest(await db.institutions.where('platformId').equals(platformId).toArray())
    : undefined;
  if (!found) {
    const byName = (await db.institutions.where('name').equals(inst.name).toArray()).filter(
      (r) => platformId === null || r.platformId === null,
    );
    found = oldest(byName);
  }
  if (!found) {
    const row: InstitutionRow = {
      id: newId(),
      kind: 'institution',
      name: inst.name,
      platformId,
      createdAt: now,
      updatedAt: now,
    };
    await db.institutions.add(row);
    return { row, created: true };
  }
  if (found.name !== inst.name || (platformId !== null && found.platformId !== platformId)) {
    const row = { ...found, name: inst.name, platformId: platformId ?? found.platformId, updatedAt: now };
    await db.institutions.put(row);
    return { row, created: false };
  }
  return { row: found, created: false };
}

/**
 * Applies a 达人管理 snapshot to its institution's workspace (see the module comment). `snapshot` is
 * validated here, so it may come straight from a message; throws `LedgerValidationError` when it is
 * malformed (never for odd rows). `now` is when the page was read and the write clock.
 */
export async function recordRosterCapture(
  db: LedgerDb,
  snapshot: RosterSnapshot,
  now: number = Date.now(),
): Promise<RosterCaptureResult> {
  const s = parseInput(RosterSnapshotSchema, snapshot, 'snapshot');
  const at = parseInput(TimeSchema, now, 'now');
  const key = await rosterCaptureKey(s, at);
  const w = new MemberWriter(db, at, 'page', key);
  const r: RosterCaptureResult = {
    captureKey: key,
    duplicate: false,
    workspaceId: '',
    institutionCreated: false,
    recorded: 0,
    created: 0,
    renamed: 0,
    levelChanged: 0,
    bindingChanged: 0,
    identified: 0,
    reappeared: 0,
    flaggedMissing: 0,
    duplicates: 0,
    skipped: 0,
    checkedForMissing: false,
    events: 0,
  };

  return writeTransaction(db, async () => {
    const recorded = await db.captures.get(key);
    if (recorded) return { ...r, duplicate: true, workspaceId: recorded.workspaceId };
    await db.captures
      .where('recordedAt')
      .below(at - CAPTURE_RETENTION_MS)
      .delete();
    const { row: inst, created } = await ensureInstitution(db, s.institution, at);
    r.workspaceId = inst.id;
    r.institutionCreated = created;

    // Everything in memory: one indexed read, one bulk write (5,000 rows in one transaction).
    const members = await db.members.where('workspaceId').equals(inst.id).toArray();
    const byGg = new Map<string, MemberRow>();
    const byNick = new Map<string, MemberRow[]>();
    const index = (m: MemberRow) => {
      if (m.guangguangId !== null) byGg.set(m.guangguangId, m);
      if (m.nickname) byNick.set(m.nickname, [...(byNick.get(m.nickname) ?? []), m]);
    };
    members.forEach(index);
    const rowsPerNick = new Map<string, number>();
    for (const row of s.rows)
      if (row.nickname) rowsPerNick.set(row.nickname, (rowsPerNick.get(row.nickname) ?? 0) + 1);

    const seen = new Set<string>(); // member ids applied from this snapshot
    const changed = new Map<string, MemberRow>();
    const skippedNicks = new Set<string>();

    const apply = (m: MemberRow, row: ParsedSnapshot['rows'][number]): void => {
      const next = { ...m };
      if (row.nickname && row.nickname !== m.nickname) {
        w.event(m, 'renamed', m.nickname, row.nickname);
        r.renamed++;
        next.nickname = row.nickname;
      }
      if (row.level && row.level !== m.level) {
        w.event(m, 'level-changed', m.level, row.level);
        r.levelChanged++;
        next.level = row.level;
      }
      if (s.tab !== m.binding) {
        w.event(m, 'binding-changed', m.binding, s.tab);
        r.bindingChanged++;
        next.binding = s.tab;
      }
      if (m.status !== 'listed') {
        w.event(m, 'reappeared', m.status, 'listed');
        r.reappeared++;
        next.status = 'listed';
        next.missingSince = null;
      }
      next.firstSeenAt = Math.min(m.firstSeenAt, at);
      next.lastSeenAt = Math.max(m.lastSeenAt, at);
      if (
        next.nickname !== m.nickname ||
        next.level !== m.level ||
        next.binding !== m.binding ||
        next.status !== m.status ||
        next.firstSeenAt !== m.firstSeenAt ||
        next.lastSeenAt !== m.lastSeenAt
      ) {
        next.updatedAt = at;
        changed.set(next.id, next);
        if (next.nickname !== m.nickname && m.nickname) {
          const list = (byNick.get(m.nickname) ?? []).filter((x) => x.id !== m.id);
          if (list.length) byNick.set(m.nickname, list);
          else byNick.delete(m.nickname);
          byNick.set(next.nickname, [...(byNick.get(next.nickname) ?? []), next]);
        }
        if (next.guangguangId !== null) byGg.set(next.guangguangId, next);
      }
    };

    const create = (row: ParsedSnapshot['rows'][number], gg: string | null): MemberRow => {
      const m: MemberRow = {
        id: newId(),
        workspaceId: inst.id,
        nickname: row.nickname,
        guangguangId: gg,
        level: row.level || null,
        binding: s.tab,
        status: 'listed',
        missingSince: null,
        firstSeenAt: at,
        lastSeenAt: at,
        createdAt: at,
        updatedAt: at,
      };
      w.event(m, 'appeared', null, row.nickname);
      r.created++;
      changed.set(m.id, m);
      index(m);
      return m;
    };

    let oversized = false;
    for (const cell of s.rows) {
      const gg = cell.guangguangId || null;
      // A level no list cell holds is not a level: unknown.
      const row = (cell.level?.length ?? 0) > LIMITS.level ? { ...cell, level: null } : cell;
      if (row.nickname.length > LIMITS.nickname || (gg?.length ?? 0) > LIMITS.guangguangId) {
        // Not what a list cell holds: the read went wrong somewhere. Skip it, and flag nobody below.
        r.skipped++;
        oversized = true;
        continue;
      }
      let m: MemberRow | undefined;
      if (gg !== null) {
        m = byGg.get(gg);
        if (m && seen.has(m.id)) {
          r.duplicates++;
          continue;
        }
        if (!m && row.nickname) {
          // Recorded by nickname on an earlier visit: this row names its 逛逛号.
          const byName = (byNick.get(row.nickname) ?? []).filter(
            (x) => x.guangguangId === null && !seen.has(x.id),
          );
          if (byName.length === 1 && rowsPerNick.get(row.nickname) === 1) {
            const found = byName[0]!;
            w.event(found, 'identified', null, gg);
            r.identified++;
            m = { ...found, guangguangId: gg };
            byGg.set(gg, m);
            changed.set(m.id, { ...m, updatedAt: at });
          }
        }
      } else {
        const candidates = row.nickname ? (byNick.get(row.nickname) ?? []) : [];
        if (!row.nickname || rowsPerNick.get(row.nickname)! > 1 || candidates.length > 1) {
          r.skipped++;
          if (row.nickname) skippedNicks.add(row.nickname);
          continue;
        }
        m = candidates[0];
        if (m && seen.has(m.id)) {
          r.duplicates++;
          continue;
        }
      }
      if (m) apply(changed.get(m.id) ?? m, row);
      else m = create(row, gg);
      seen.add(m.id);
      r.recorded++;
    }

    r.checkedForMissing = s.tab === 'bound' && s.complete && !s.filtered && r.recorded > 0 && !oversized;
    if (r.checkedForMissing) {
      for (const m0 of members) {
        const m = changed.get(m0.id) ?? m0;
        if (seen.has(m.id) || m.binding !== 'bound' || m.status !== 'listed') continue;
        // Seen after this snapshot was taken, or possibly one of the rows we could not match.
        if (m.lastSeenAt >= at || skippedNicks.has(m.nickname)) continue;
        w.event(m, 'missing-flagged', 'listed', 'missing');
        r.flaggedMissing++;
        changed.set(m.id, { ...m, status: 'missing', missingSince: at, updatedAt: at });
      }
    }

    if (changed.size) await db.members.bulkPut([...changed.values()]);
    await w.flush();
    r.events = w.events.length;
    await db.captures.add({
      key,
      workspaceId: inst.id,
      kind: 'roster',
      capturedAt: at,
      recordedAt: at,
      rowCount: s.rows.length,
      eventCount: r.events,
    });
    return r;
  });
}

// ---------------------------------------------------------------- the user's answers

export interface MemberCommandOptions {
  /** Write clock; default `Date.now()`. */
  now?: number;
  /** Free text the user gave, kept in the event. */
  reason?: string | null;
}

const MemberCommandOptionsSchema = v.object({
  now: v.optional(TimeSchema),
  reason: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(500)))),
});

async function answer(
  db: LedgerDb,
  memberId: string,
  to: MemberStatus,
  from: readonly MemberStatus[],
  opts: MemberCommandOptions | undefined,
): Promise<MemberRow> {
  const id = parseInput(IdSchema, memberId, 'memberId');
  const o = parseInput(MemberCommandOptionsSchema, opts ?? {}, 'options');
  const now = o.now ?? Date.now();
  const w = new MemberWriter(db, now, 'manual', null);
  return writeTransaction(db, async () => {
    const m = await db.members.get(id);
    if (!m) throw new LedgerNotFoundError('member', id);
    if (m.status === to) return m; // already so (a retry, or two panels): not an error
    if (!from.includes(m.status)) {
      throw new LedgerConflictError(
        '该成员仍在名单中，无需确认',
        `The creator is listed (status "${m.status}"); there is nothing to confirm`,
      );
    }
    const next: MemberRow = {
      ...m,
      status: to,
      missingSince: to === 'listed' ? null : m.missingSince,
      updatedAt: now,
    };
    await db.members.put(next);
    w.event(m, to === 'gone' ? 'confirmed-gone' : 'restored', m.status, to, o.reason ?? null);
    await w.flush();
    return next;
  });
}

/** The user confirms that a creator flagged `missing` is no longer bound (`missing → gone`). */
export function confirmMemberGone(
  db: LedgerDb,
  memberId: string,
  opts?: MemberCommandOptions,
): Promise<MemberRow> {
  return answer(db, memberId, 'gone', ['missing'], opts);
}

/** The user says a `missing` or `gone` creator is still bound (`→ listed`). */
export function restoreMember(
  db: LedgerDb,
  memberId: string,
  opts?: MemberCommandOptions,
): Promise<MemberRow> {
  return answer(db, memberId, 'listed', ['missing', 'gone'], opts);
}

/**
 * Deletes an institution workspace and its roster (members, their events, capture records). When the
 * panel had it selected, the selection is cleared in the same transaction (as `deleteWorkspace` does).
 */
export async function deleteInstitution(
  db: LedgerDb,
  workspaceId: string,
): Promise<{ members: number; events: number }> {
  const id = parseInput(IdSchema, workspaceId, 'workspaceId');
  return writeTransaction(db, async () => {
    if (!(await db.institutions.get(id))) throw new LedgerNotFoundError('workspace', id);
    const members = await db.members.where('workspaceId').equals(id).delete();
    const events = await db.memberEvents.where('workspaceId').equals(id).delete();
    await db.captures.where('workspaceId').equals(id).delete();
    await db.institutions.delete(id);
    const selected = await db.settings.get('selectedWorkspaceId');
    if (selected?.value === id) {
      await db.settings.put({ key: 'selectedWorkspaceId', value: null, updatedAt: Date.now() });
    }
    return { members, events };
  });
}
