/**
 * Fuzzing the institution roster capture (`recordRosterCapture`) with sequences of odd snapshots:
 * repeated and missing 逛逛号, empty and shared nicknames, both tabs, paged, searched and complete lists.
 *
 * Properties, after every capture of every sequence: no member ever disappears; every row is counted
 * once (recorded, duplicate or skipped); only a complete, unfiltered 已绑定 list flags anyone, and only
 * bound members it does not show; a member whose 逛逛号 the snapshot shows is listed on that tab; one
 * member per 逛逛号 and institution; every member's timeline starts with `appeared`; the same capture
 * again is a duplicate that writes nothing. Runs: `FUZZ_RUNS / 100` sequences, at least 25.
 */
import * as fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stableStringify } from '@/utils/ledger/canonical';
import {
  getMemberTimeline,
  openLedger,
  recordRosterCapture,
  type LedgerDb,
  type MemberRow,
  type RosterSnapshot,
} from '@/utils/ledger';
import { FUZZ_RUNS, Tally, assertProperty, banner, runsFor } from './support/config';

const rowArb = fc.record({
  nickname: fc.constantFrom('甲', '乙', '丙', '丁', ''),
  guangguangId: fc.constantFrom<string | null>('g1', 'g2', 'g3', 'g4', 'g5', null, ''),
  level: fc.constantFrom<string | null>(null, 'L1', 'L2', ''),
});

const snapshotArb: fc.Arbitrary<RosterSnapshot> = fc.record({
  institution: fc.constantFrom({ name: '甲机构', id: 'mcn-1' }, { name: '乙机构' }),
  tab: fc.constantFrom<'bound' | 'other'>('bound', 'bound', 'other'),
  rows: fc.array(rowArb, { maxLength: 8 }),
  filtered: fc.boolean(),
  complete: fc.boolean(),
});

const tally = new Tally('roster sequences');

async function dump(db: LedgerDb): Promise<string> {
  const [i, m, e] = await Promise.all([
    db.institutions.toCollection().sortBy('id'),
    db.members.toCollection().sortBy('id'),
    db.memberEvents.toCollection().sortBy('id'),
  ]);
  return stableStringify({ i, m, e });
}

describe('fuzz: roster captures', () => {
  afterAll(() => {
    console.log(`${banner('roster capture')}\n  ${tally.toString()}`);
  });

  it('sequences of odd snapshots keep the roster invariants', async () => {
    await assertProperty(
      'roster/sequences',
      fc.asyncProperty(fc.array(snapshotArb, { minLength: 1, maxLength: 6 }), async (snapshots) => {
        const db = openLedger(`fuzz-roster-${crypto.randomUUID()}`);
        try {
          let now = 1_700_000_000_000;
          for (const s of snapshots) {
            now += 1000;
            const before = new Map((await db.members.toArray()).map((m) => [m.id, m]));
            const r = await recordRosterCapture(db, s, now);
            const after = new Map((await db.members.toArray()).map((m) => [m.id, m]));
            const mine = [...after.values()].filter((m) => m.workspaceId === r.workspaceId);
            tally.add(r.flaggedMissing ? 'flagging' : r.skipped ? 'with skips' : 'plain');

            for (const id of before.keys()) expect(after.has(id), 'a member disappeared').toBe(true);
            expect(r.recorded + r.duplicates + r.skipped).toBe(s.rows.length);
            const flags = s.tab === 'bound' && s.complete && !s.filtered;
            if (!flags) expect(r.flaggedMissing).toBe(0);
            const shownGg = new Set(s.rows.map((x) => x.guangguangId).filter((g): g is string => !!g));
            for (const m of mine) {
              const was: MemberRow | undefined = before.get(m.id);
              if (was?.status === 'listed' && m.status === 'missing') {
                expect(flags, 'flagged by a list that may not flag').toBe(true);
                expect(was.binding).toBe('bound');
                expect(m.guangguangId === null || !shownGg.has(m.guangguangId)).toBe(true);
              }
              if (m.guangguangId !== null && shownGg.has(m.guangguangId)) {
                expect(m).toMatchObject({ status: 'listed', binding: s.tab, lastSeenAt: now });
              }
            }
            const ggs = mine.filter((m) => m.guangguangId !== null).map((m) => m.guangguangId);
            expect(new Set(ggs).size, 'one member per 逛逛号').toBe(ggs.length);

            const text = await dump(db);
            const again = await recordRosterCapture(db, s, now);
            expect(again.duplicate).toBe(true);
            expect(await dump(db)).toBe(text);
          }
          for (const m of await db.members.toArray()) {
            const timeline = await getMemberTimeline(db, m.id);
            expect(timeline.at(-1)?.action).toBe('appeared');
          }
        } finally {
          await db.delete();
        }
      }),
      runsFor(1 / 100, 25),
    );
    expect(tally.total).toBeGreaterThan(0);
    expect(FUZZ_RUNS).toBeGreaterThan(0);
  }, 120_000);
});
