/** The institution roster: `recordRosterCapture`, the user's answers, and the panel's queries. */
import { describe, expect, it } from 'vitest';
import {
  LedgerConflictError,
  LedgerNotFoundError,
  LedgerStorageFullError,
  LedgerValidationError,
  confirmMemberGone,
  deleteInstitution,
  getMemberTimeline,
  getRoster,
  getSettings,
  updateSettings,
  listInstitutions,
  recordRosterCapture,
  restoreMember,
  type LedgerDb,
  type MemberRow,
  type RosterSnapshot,
} from '@/utils/ledger';
import { HOUR, T0, contentHash, freshDb, quotaSimulator } from './helpers';

type Row = RosterSnapshot['rows'][number];

const INST = { name: '星光机构', id: 'mcn-1' };

function row(i: number, patch: Partial<Row> = {}): Row {
  return { nickname: `达人${i}`, guangguangId: `gg${i}`, level: 'L1', ...patch };
}

function rows(n: number, from = 0): Row[] {
  return Array.from({ length: n }, (_, i) => row(from + i));
}

/** A complete, unfiltered 已绑定 list unless told otherwise. */
function snap(list: Row[], patch: Partial<RosterSnapshot> = {}): RosterSnapshot {
  return { institution: INST, tab: 'bound', rows: list, filtered: false, complete: true, ...patch };
}

async function members(db: LedgerDb): Promise<Map<string, MemberRow>> {
  const all = await db.members.toArray();
  return new Map(all.map((m) => [m.guangguangId ?? `nick:${m.nickname}`, m]));
}

async function actions(db: LedgerDb, memberId: string): Promise<string[]> {
  return (await getMemberTimeline(db, memberId)).map((e) => e.action).reverse();
}

describe('recordRosterCapture: first sight', () => {
  it('creates the institution workspace and one member per row, each with an appeared event', async () => {
    const db = freshDb();
    const r = await recordRosterCapture(db, snap(rows(3)), T0);
    expect(r).toMatchObject({
      duplicate: false,
      institutionCreated: true,
      recorded: 3,
      created: 3,
      flaggedMissing: 0,
      duplicates: 0,
      skipped: 0,
      events: 3,
    });
    const inst = await db.institutions.get(r.workspaceId);
    expect(inst).toMatchObject({ kind: 'institution', name: '星光机构', platformId: 'mcn-1' });
    const m = (await members(db)).get('gg1')!;
    expect(m).toMatchObject({
      workspaceId: r.workspaceId,
      nickname: '达人1',
      level: 'L1',
      binding: 'bound',
      status: 'listed',
      missingSince: null,
      firstSeenAt: T0,
      lastSeenAt: T0,
    });
    const [ev] = await getMemberTimeline(db, m.id);
    expect(ev).toMatchObject({ action: 'appeared', from: null, to: '达人1', source: 'page', at: T0 });
    expect(ev!.captureKey).toBe(r.captureKey);
    // The shop ledger is untouched.
    expect(await db.workspaces.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
  });

  it('validates the snapshot and writes nothing for a malformed one', async () => {
    const db = freshDb();
    await recordRosterCapture(db, snap(rows(2)), T0);
    const before = await contentHash(db);
    for (const bad of [
      { ...snap(rows(1)), tab: 'all' },
      { ...snap(rows(1)), institution: { name: '' } },
      { ...snap(rows(1)), rows: [{ nickname: 1, guangguangId: 'x', level: null }] },
      { ...snap(rows(1)), complete: 'yes' },
      null,
    ]) {
      await expect(recordRosterCapture(db, bad as RosterSnapshot, T0 + 1)).rejects.toBeInstanceOf(
        LedgerValidationError,
      );
    }
    expect(await contentHash(db)).toBe(before);
  });
});

describe('recordRosterCapture: idempotent', () => {
  it('the same capture twice writes nothing the second time', async () => {
    const db = freshDb();
    const first = await recordRosterCapture(db, snap(rows(4)), T0);
    const before = await contentHash(db);
    const again = await recordRosterCapture(db, snap(rows(4)), T0);
    expect(again).toMatchObject({ duplicate: true, workspaceId: first.workspaceId, events: 0 });
    expect(again.captureKey).toBe(first.captureKey);
    expect(await contentHash(db)).toBe(before);
  });

  it('a later visit showing the same roster only moves lastSeenAt', async () => {
    const db = freshDb();
    await recordRosterCapture(db, snap(rows(4)), T0);
    const r = await recordRosterCapture(db, snap(rows(4)), T0 + HOUR);
    expect(r).toMatchObject({
      duplicate: false,
      institutionCreated: false,
      recorded: 4,
      created: 0,
      events: 0,
    });
    for (const m of (await members(db)).values()) {
      expect(m.firstSeenAt).toBe(T0);
      expect(m.lastSeenAt).toBe(T0 + HOUR);
    }
    expect(await db.memberEvents.count()).toBe(4);
  });
});

describe('recordRosterCapture: changes between visits', () => {
  it('a creator renamed between two visits (same 逛逛号) is one member with a renamed event', async () => {
    const db = freshDb();
    await recordRosterCapture(db, snap(rows(3)), T0);
    const r = await recordRosterCapture(
      db,
      snap([row(0), row(1, { nickname: '新名字' }), row(2)]),
      T0 + HOUR,
    );
    expect(r).toMatchObject({ renamed: 1, created: 0, events: 1 });
    const all = await members(db);
    expect(all.size).toBe(3);
    const m = all.get('gg1')!;
    expect(m.nickname).toBe('新名字');
    const [ev] = await getMemberTimeline(db, m.id);
    expect(ev).toMatchObject({ action: 'renamed', from: '达人1', to: '新名字', at: T0 + HOUR });
  });

  it('a level change is an event; a row without a level (or a nickname) erases nothing', async () => {
    const db = freshDb();
    await recordRosterCapture(db, snap(rows(2)), T0);
    const r = await recordRosterCapture(
      db,
      snap([row(0, { level: 'L3' }), row(1, { level: null, nickname: '' })]),
      T0 + HOUR,
    );
    expect(r).toMatchObject({ levelChanged: 1, renamed: 0, events: 1 });
    const all = await members(db);
    expect(all.get('gg0')!.level).toBe('L3');
    expect(all.get('gg1')).toMatchObject({ level: 'L1', nickname: '达人1', lastSeenAt: T0 + HOUR });
    const [ev] = await getMemberTimeline(db, all.get('gg0')!.id);
    expect(ev).toMatchObject({ action: 'level-changed', from: 'L1', to: 'L3' });
  });

  it('seen on the other tab: binding changes, and a complete 已绑定 list does not flag it', async () => {
    const db = freshDb();
    await recordRosterCapture(db, snap(rows(3)), T0);
    const r = await recordRosterCapture(db, snap([row(2)], { tab: 'other' }), T0 + HOUR);
    expect(r).toMatchObject({ bindingChanged: 1, flaggedMissing: 0, checkedForMissing: false });
    const r2 = await recordRosterCapture(db, snap([row(0), row(1)]), T0 + 2 * HOUR);
    expect(r2).toMatchObject({ flaggedMissing: 0, checkedForMissing: true });
    const m = (await members(db)).get('gg2')!;
    expect(m).toMatchObject({ binding: 'other', status: 'listed' });
    expect(await actions(db, m.id)).toEqual(['appeared', 'binding-changed']);
  });
});

describe('recordRosterCapture: missing creators', () => {
  it('a paged, a searched, an other-tab or an empty list never flags anyone', async () => {
    const db = freshDb();
    await recordRosterCapture(db, snap(rows(10)), T0);
    const cases: Partial<RosterSnapshot>[] = [
      { complete: false },
      { filtered: true },
      { filtered: true, complete: false },
      { tab: 'other' },
    ];
    let t = T0;
    for (const c of cases) {
      const r = await recordRosterCapture(db, snap(rows(3), c), (t += HOUR));
      expect(r, JSON.stringify(c)).toMatchObject({ flaggedMissing: 0, checkedForMissing: false });
    }
    const r = await recordRosterCapture(db, snap([]), t + HOUR);
    expect(r).toMatchObject({ flaggedMissing: 0, checkedForMissing: false });
    const all = [...(await members(db)).values()];
    expect(all.filter((m) => m.status !== 'listed')).toEqual([]);
  });

  it('a complete, unfiltered 已绑定 list flags the bound creators it lacks as missing, never deleting', async () => {
    const db = freshDb();
    await recordRosterCapture(db, snap(rows(5)), T0);
    const r = await recordRosterCapture(db, snap([row(0), row(2), row(4)]), T0 + HOUR);
    expect(r).toMatchObject({ flaggedMissing: 2, checkedForMissing: true, events: 2 });
    const all = await members(db);
    expect(all.size).toBe(5);
    for (const gg of ['gg1', 'gg3']) {
      const m = all.get(gg)!;
      expect(m).toMatchObject({ status: 'missing', missingSince: T0 + HOUR, lastSeenAt: T0 });
      const [ev] = await getMemberTimeline(db, m.id);
      expect(ev).toMatchObject({ action: 'missing-flagged', from: 'listed', to: 'missing', source: 'page' });
    }
    expect(all.get('gg0')!.status).toBe('listed');
    // Flagged once: a second complete list without them adds no event.
    const again = await recordRosterCapture(db, snap([row(0), row(2), row(4)]), T0 + 2 * HOUR);
    expect(again).toMatchObject({ flaggedMissing: 0, events: 0 });
    expect((await members(db)).get('gg1')!.missingSince).toBe(T0 + HOUR);
  });

  it('re-appearing clears the flag with a reappeared event', async () => {
    const db = freshDb();
    await recordRosterCapture(db, snap(rows(3)), T0);
    await recordRosterCapture(db, snap([row(0), row(1)]), T0 + HOUR);
    // Seen on a paged list: that is enough to be listed again.
    const r = await recordRosterCapture(db, snap([row(2)], { complete: false }), T0 + 2 * HOUR);
    expect(r).toMatchObject({ reappeared: 1, events: 1 });
    const m = (await members(db)).get('gg2')!;
    expect(m).toMatchObject({ status: 'listed', missingSince: null, lastSeenAt: T0 + 2 * HOUR });
    const [ev] = await getMemberTimeline(db, m.id);
    expect(ev).toMatchObject({ action: 'reappeared', from: 'missing', to: 'listed' });
    expect(await actions(db, m.id)).toEqual(['appeared', 'missing-flagged', 'reappeared']);
  });

  it('an older capture recorded late does not flag a creator seen after it', async () => {
    const db = freshDb();
    await recordRosterCapture(db, snap(rows(2)), T0 + HOUR);
    const r = await recordRosterCapture(db, snap([row(0)]), T0);
    expect(r).toMatchObject({ flaggedMissing: 0 });
    expect((await members(db)).get('gg1')).toMatchObject({ status: 'listed', firstSeenAt: T0 + HOUR });
    expect((await members(db)).get('gg0')).toMatchObject({ firstSeenAt: T0, lastSeenAt: T0 + HOUR });
  });
});

describe('the user confirms gone or restores', () => {
  async function flagged(db: LedgerDb) {
    await recordRosterCapture(db, snap(rows(3)), T0);
    await recordRosterCapture(db, snap([row(0), row(1)]), T0 + HOUR);
    return (await members(db)).get('gg2')!;
  }

  it('missing → gone (manual event with the reason), then restore → listed', async () => {
    const db = freshDb();
    const m = await flagged(db);
    const gone = await confirmMemberGone(db, m.id, { now: T0 + 2 * HOUR, reason: '已解约' });
    expect(gone).toMatchObject({ status: 'gone', missingSince: T0 + HOUR, updatedAt: T0 + 2 * HOUR });
    const [ev] = await getMemberTimeline(db, m.id);
    expect(ev).toMatchObject({
      action: 'confirmed-gone',
      from: 'missing',
      to: 'gone',
      source: 'manual',
      reason: '已解约',
      captureKey: null,
    });
    // Confirming again is not an error and writes nothing.
    const before = await contentHash(db);
    expect((await confirmMemberGone(db, m.id, { now: T0 + 3 * HOUR })).status).toBe('gone');
    expect(await contentHash(db)).toBe(before);
    const back = await restoreMember(db, m.id, { now: T0 + 4 * HOUR });
    expect(back).toMatchObject({ status: 'listed', missingSince: null });
    expect(await actions(db, m.id)).toEqual(['appeared', 'missing-flagged', 'confirmed-gone', 'restored']);
  });

  it('restore straight from missing; a gone creator seen again on the page is listed again', async () => {
    const db = freshDb();
    const m = await flagged(db);
    expect((await restoreMember(db, m.id, { now: T0 + 2 * HOUR })).status).toBe('listed');
    await recordRosterCapture(db, snap([row(0), row(1)]), T0 + 3 * HOUR);
    await confirmMemberGone(db, m.id, { now: T0 + 4 * HOUR });
    await recordRosterCapture(db, snap(rows(3)), T0 + 5 * HOUR);
    expect((await db.members.get(m.id))!.status).toBe('listed');
    expect(await actions(db, m.id)).toEqual([
      'appeared',
      'missing-flagged',
      'restored',
      'missing-flagged',
      'confirmed-gone',
      'reappeared',
    ]);
  });

  it('a listed creator cannot be confirmed gone; unknown or malformed ids are refused', async () => {
    const db = freshDb();
    await recordRosterCapture(db, snap(rows(1)), T0);
    const m = (await members(db)).get('gg0')!;
    const before = await contentHash(db);
    await expect(confirmMemberGone(db, m.id)).rejects.toBeInstanceOf(LedgerConflictError);
    expect((await restoreMember(db, m.id)).status).toBe('listed'); // already so
    await expect(confirmMemberGone(db, 'nope')).rejects.toBeInstanceOf(LedgerNotFoundError);
    await expect(restoreMember(db, 'not an id!')).rejects.toBeInstanceOf(LedgerValidationError);
    expect(await contentHash(db)).toBe(before);
  });
});

describe('bad rows', () => {
  it('two rows with the same 逛逛号: one member, the duplicate counted', async () => {
    const db = freshDb();
    const r = await recordRosterCapture(db, snap([row(1), row(2), row(1, { nickname: '重复' }), row(1)]), T0);
    expect(r).toMatchObject({ recorded: 2, created: 2, duplicates: 2, renamed: 0 });
    expect(await db.members.count()).toBe(2);
    expect((await members(db)).get('gg1')!.nickname).toBe('达人1');
  });

  it('a row without a 逛逛号 is recorded by nickname when unambiguous, and identified later', async () => {
    const db = freshDb();
    const r = await recordRosterCapture(
      db,
      snap([row(0), { nickname: '无号达人', guangguangId: null, level: 'L2' }, row(1, { guangguangId: '' })]),
      T0,
    );
    // An empty 逛逛号 counts as none.
    expect(r).toMatchObject({ recorded: 3, created: 3, skipped: 0 });
    const byNick = (await members(db)).get('nick:无号达人')!;
    expect(byNick).toMatchObject({ guangguangId: null, level: 'L2' });
    // Next visit: the same nickname, still without a number → the same member.
    const r2 = await recordRosterCapture(
      db,
      snap([row(0), { nickname: '无号达人', guangguangId: null, level: null }, row(1)]),
      T0 + HOUR,
    );
    // 达人1, recorded without a number (empty), now shows gg1: identified.
    expect(r2).toMatchObject({ created: 0, identified: 1 });
    expect((await members(db)).get('gg1')!.nickname).toBe('达人1');
    expect((await db.members.get(byNick.id))!).toMatchObject({ guangguangId: null, lastSeenAt: T0 + HOUR });
    // Then with its 逛逛号: identified, not a second member.
    const r3 = await recordRosterCapture(
      db,
      snap([row(0), { nickname: '无号达人', guangguangId: 'gg-new', level: null }, row(1)]),
      T0 + 2 * HOUR,
    );
    expect(r3).toMatchObject({ created: 0, identified: 1 });
    expect(await db.members.count()).toBe(3);
    expect((await db.members.get(byNick.id))!.guangguangId).toBe('gg-new');
    expect(await actions(db, byNick.id)).toEqual(['appeared', 'identified']);
  });

  it('ambiguous or empty rows without a 逛逛号 are skipped and counted, never a crash', async () => {
    const db = freshDb();
    await recordRosterCapture(
      db,
      snap([row(0), row(1, { nickname: '同名' }), row(2, { nickname: '同名' })]),
      T0,
    );
    const r = await recordRosterCapture(
      db,
      snap([
        row(0),
        // Two members already have this nickname.
        { nickname: '同名', guangguangId: null, level: null },
        // Twice in the same snapshot.
        { nickname: '双胞胎', guangguangId: null, level: null },
        { nickname: '双胞胎', guangguangId: null, level: null },
        // Nothing to go by.
        { nickname: '', guangguangId: null, level: 'L9' },
      ]),
      T0 + HOUR,
    );
    expect(r).toMatchObject({ recorded: 1, created: 0, skipped: 4 });
    expect(await db.members.count()).toBe(3);
    // The members a skipped row may stand for are not flagged missing by this complete list.
    expect(r.flaggedMissing).toBe(0);
  });

  it('a row with an over-long field is skipped and counted; that snapshot flags nobody', async () => {
    const db = freshDb();
    await recordRosterCapture(db, snap(rows(3)), T0);
    const r = await recordRosterCapture(
      db,
      snap([
        row(0, { level: 'L'.repeat(51) }),
        row(1, { nickname: '长'.repeat(500) }),
        row(5, { guangguangId: 'g'.repeat(65) }),
      ]),
      T0 + HOUR,
    );
    expect(r).toMatchObject({
      recorded: 1,
      skipped: 2,
      created: 0,
      flaggedMissing: 0,
      checkedForMissing: false,
    });
    expect((await members(db)).get('gg1')!.nickname).toBe('达人1');
    expect((await members(db)).get('gg0')).toMatchObject({ level: 'L1', lastSeenAt: T0 + HOUR });
    // Too long for the cell cap itself: the snapshot is malformed.
    await expect(
      recordRosterCapture(db, snap([row(0, { level: 'x'.repeat(2001) })]), T0 + 2 * HOUR),
    ).rejects.toBeInstanceOf(LedgerValidationError);
  });

  it('5,000 creators in one capture, then a complete list without one of them', async () => {
    const db = freshDb();
    const r = await recordRosterCapture(db, snap(rows(5000)), T0);
    expect(r).toMatchObject({ recorded: 5000, created: 5000, events: 5000, duplicates: 0 });
    expect(await db.members.count()).toBe(5000);
    const seqs = (await db.memberEvents.toArray()).map((e) => e.seq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(5000);
    const next = rows(5000).filter((_, i) => i !== 1234);
    next[10] = row(10, { nickname: '改名了' });
    const r2 = await recordRosterCapture(db, snap(next), T0 + HOUR);
    expect(r2).toMatchObject({ recorded: 4999, created: 0, renamed: 1, flaggedMissing: 1, events: 2 });
    const view = await getRoster(db, r.workspaceId);
    expect(view.counts).toEqual({ total: 5000, listed: 4999, missing: 1, gone: 0, bound: 5000, other: 0 });
    expect(view.members.at(-1)!.guangguangId).toBe('gg1234');
  });

  it('one transaction: a write failing half-way leaves nothing behind', async () => {
    const db = freshDb();
    const quota = quotaSimulator(db);
    await recordRosterCapture(db, snap(rows(3)), T0);
    const before = await contentHash(db);
    quota.arm((table) => table === 'memberEvents');
    const err = await recordRosterCapture(db, snap(rows(6)), T0 + HOUR).catch((e: unknown) => e);
    quota.disarm();
    expect(err).toBeInstanceOf(LedgerStorageFullError);
    expect(await contentHash(db)).toBe(before);
    // And the capture was not recorded as done: it applies now.
    expect((await recordRosterCapture(db, snap(rows(6)), T0 + HOUR)).created).toBe(3);
  });
});

describe('the institution workspace follows the page', () => {
  it('by platform id (a rename keeps the workspace), else by name; separate institutions stay apart', async () => {
    const db = freshDb();
    const a = await recordRosterCapture(db, snap(rows(1)), T0);
    const renamed = await recordRosterCapture(
      db,
      snap(rows(1), { institution: { name: '星光机构（新）', id: 'mcn-1' } }),
      T0 + 1,
    );
    expect(renamed.workspaceId).toBe(a.workspaceId);
    expect((await db.institutions.get(a.workspaceId))!.name).toBe('星光机构（新）');
    const other = await recordRosterCapture(
      db,
      snap(rows(1), { institution: { name: '另一家', id: 'mcn-2' } }),
      T0 + 2,
    );
    expect(other.workspaceId).not.toBe(a.workspaceId);
    // Without an id: by name.
    const noId = await recordRosterCapture(db, snap(rows(1), { institution: { name: '另一家' } }), T0 + 3);
    expect(noId.workspaceId).toBe(other.workspaceId);
    // A workspace first seen without an id adopts the id later.
    const c = await recordRosterCapture(db, snap(rows(1), { institution: { name: '第三家' } }), T0 + 4);
    const c2 = await recordRosterCapture(
      db,
      snap(rows(1), { institution: { name: '第三家', id: 'mcn-3' } }),
      T0 + 5,
    );
    expect(c2.workspaceId).toBe(c.workspaceId);
    expect((await db.institutions.get(c.workspaceId))!.platformId).toBe('mcn-3');
    expect((await listInstitutions(db)).map((s) => [s.institution.name, s.counts.total])).toEqual(
      [
        ['第三家', 1],
        ['另一家', 1],
        ['星光机构（新）', 1],
      ].sort((x, y) => new Intl.Collator('zh-CN').compare(x[0] as string, y[0] as string)),
    );
  });

  it('members of two institutions with the same 逛逛号 are separate', async () => {
    const db = freshDb();
    await recordRosterCapture(db, snap(rows(2)), T0);
    await recordRosterCapture(db, snap(rows(2), { institution: { name: '乙', id: 'mcn-9' } }), T0);
    expect(await db.members.count()).toBe(4);
  });

  it('deleteInstitution removes the workspace, its members and their events only', async () => {
    const db = freshDb();
    const a = await recordRosterCapture(db, snap(rows(3)), T0);
    const b = await recordRosterCapture(db, snap(rows(2), { institution: { name: '乙', id: 'mcn-9' } }), T0);
    expect(await deleteInstitution(db, a.workspaceId)).toEqual({ members: 3, events: 3 });
    expect(await db.institutions.count()).toBe(1);
    expect((await db.members.toArray()).every((m) => m.workspaceId === b.workspaceId)).toBe(true);
    expect(await db.memberEvents.count()).toBe(2);
    expect(await db.captures.where('workspaceId').equals(a.workspaceId).count()).toBe(0);
    await expect(deleteInstitution(db, a.workspaceId)).rejects.toBeInstanceOf(LedgerNotFoundError);
  });

  it('deleteInstitution clears the selection when it was the selected workspace, else leaves it', async () => {
    const db = freshDb();
    const a = await recordRosterCapture(db, snap(rows(1)), T0);
    const b = await recordRosterCapture(db, snap(rows(1), { institution: { name: '乙', id: 'mcn-9' } }), T0);
    await updateSettings(db, { selectedWorkspaceId: a.workspaceId });
    await deleteInstitution(db, b.workspaceId);
    expect((await getSettings(db)).selectedWorkspaceId).toBe(a.workspaceId);
    await deleteInstitution(db, a.workspaceId);
    expect((await getSettings(db)).selectedWorkspaceId).toBeNull();
  });
});

describe('queries for the panel', () => {
  it('roster with counts by state, search by nickname or 逛逛号, sort by last seen', async () => {
    const db = freshDb();
    const { workspaceId } = await recordRosterCapture(db, snap(rows(4)), T0);
    await recordRosterCapture(db, snap([row(0), row(1), row(2)]), T0 + HOUR); // gg3 missing
    await recordRosterCapture(db, snap([row(1)], { complete: false }), T0 + 2 * HOUR);
    await recordRosterCapture(db, snap([row(9, { nickname: 'Alice' })], { tab: 'other' }), T0 + 3 * HOUR);
    const m3 = (await members(db)).get('gg3')!;
    await confirmMemberGone(db, m3.id, { now: T0 + 4 * HOUR });

    const all = await getRoster(db, workspaceId);
    expect(all.counts).toEqual({ total: 5, listed: 4, missing: 0, gone: 1, bound: 4, other: 1 });
    expect(all.members.map((m) => m.guangguangId)).toEqual(['gg9', 'gg1', 'gg0', 'gg2', 'gg3']);
    const asc = await getRoster(db, workspaceId, { sort: 'lastSeen-asc' });
    expect(asc.members.map((m) => m.guangguangId)).toEqual(['gg3', 'gg0', 'gg2', 'gg1', 'gg9']);
    expect(
      (await getRoster(db, workspaceId, { search: 'alice' })).members.map((m) => m.guangguangId),
    ).toEqual(['gg9']);
    expect((await getRoster(db, workspaceId, { search: ' GG2 ' })).members.map((m) => m.nickname)).toEqual([
      '达人2',
    ]);
    const gone = await getRoster(db, workspaceId, { statuses: ['gone', 'missing'] });
    expect(gone.members.map((m) => m.guangguangId)).toEqual(['gg3']);
    expect(gone.counts.total).toBe(5); // counts are of the whole roster
    expect(
      (await getRoster(db, workspaceId, { bindings: ['other'] })).members.map((m) => m.guangguangId),
    ).toEqual(['gg9']);
    expect((await getRoster(db, 'unknown')).counts.total).toBe(0);
  });

  it('a member timeline is newest first, and can be limited', async () => {
    const db = freshDb();
    await recordRosterCapture(db, snap([row(1)]), T0);
    await recordRosterCapture(db, snap([row(1, { nickname: 'B', level: 'L2' })]), T0 + HOUR);
    const m = (await members(db)).get('gg1')!;
    const t = await getMemberTimeline(db, m.id);
    expect(t.map((e) => e.action)).toEqual(['level-changed', 'renamed', 'appeared']);
    expect((await getMemberTimeline(db, m.id, { limit: 1 })).map((e) => e.action)).toEqual(['level-changed']);
  });
});
