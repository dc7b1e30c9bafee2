/**
 * The roster view's reads (issue 12): counts from index counts, the first screen from one limited
 * range read in the view's order (schema v4 indexes), never the whole roster.
 */
import type { DBCoreQueryRequest } from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  getRoster,
  getRosterCounts,
  getRosterSlice,
  listInstitutions,
  type LedgerDb,
  type MemberRow,
  type MemberStatus,
} from '@/utils/ledger';
import { freshDb } from './helpers';

const WS = 'inst-1';
const T = 1_700_000_000_000;

function member(i: number, patch: Partial<MemberRow> = {}): MemberRow {
  return {
    id: `m-${String(i).padStart(5, '0')}`,
    workspaceId: WS,
    nickname: `达人${i}`,
    guangguangId: `gg${i}`,
    level: null,
    binding: i % 5 === 0 ? 'other' : 'bound',
    status: i % 7 === 0 ? 'missing' : i % 11 === 0 ? 'gone' : 'listed',
    missingSince: null,
    firstSeenAt: T,
    lastSeenAt: T + (i % 13) * 1000, // many ties, as after captures
    createdAt: T,
    updatedAt: T,
    ...patch,
  };
}

async function seed(db: LedgerDb, n: number, extra: MemberRow[] = []): Promise<MemberRow[]> {
  const rows = [...Array.from({ length: n }, (_, i) => member(i)), ...extra];
  await db.institutions.add({
    id: WS,
    kind: 'institution',
    name: '星河',
    platformId: 'mcn-1',
    createdAt: T,
    updatedAt: T,
  });
  // Another institution's members never show up.
  await db.members.bulkAdd([...rows, member(99_999, { id: 'other-inst', workspaceId: 'inst-2' })]);
  return rows;
}

interface Read {
  table: string;
  index: string;
  limit: number | undefined;
  rows: number;
}

interface Log {
  reads: Read[];
  counts: number;
  /** Forget what was logged (after seeding). */
  reset: () => void;
}

/**
 * Every range read of values and every count that reaches IndexedDB (a DBCore middleware, so
 * installed before the database opens).
 */
function spy(db: LedgerDb): Log {
  const log: Log = {
    reads: [],
    counts: 0,
    reset: () => {
      log.reads = [];
      log.counts = 0;
    },
  };
  db.use({
    stack: 'dbcore',
    name: 'read-spy',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          query: async (req: DBCoreQueryRequest) => {
            const res = await t.query(req);
            if (req.values)
              log.reads.push({
                table: name,
                index: req.query.index.name ?? ':id',
                limit: req.limit,
                rows: res.result.length,
              });
            return res;
          },
          count: (req) => {
            log.counts++;
            return t.count(req);
          },
          openCursor: (req) => {
            if (req.values)
              log.reads.push({
                table: name,
                index: req.query.index.name ?? ':id',
                limit: undefined,
                rows: -1,
              });
            return t.openCursor(req);
          },
        };
      },
    }),
  });
  return log;
}

const ids = (ms: readonly MemberRow[]) => ms.map((m) => m.id);

describe('getRosterSlice', () => {
  it('is the head of getRoster in both last-seen orders, with and without a status, ties included', async () => {
    const db = freshDb();
    // Ties on lastSeenAt broken by nickname (code units: 'B' < 'a' < '达'), then id.
    await seed(db, 300, [
      member(1000, { id: 'z-1', nickname: 'a', lastSeenAt: T + 12_000 }),
      member(1001, { id: 'z-0', nickname: 'a', lastSeenAt: T + 12_000 }),
      member(1002, { id: 'z-2', nickname: 'B', lastSeenAt: T + 12_000 }),
      member(1003, { id: 'z-3', nickname: '', lastSeenAt: T + 12_000 }),
    ]);
    for (const sort of ['lastSeen-desc', 'lastSeen-asc'] as const) {
      for (const status of [undefined, 'listed', 'missing', 'gone'] as (MemberStatus | undefined)[]) {
        const full = (await getRoster(db, WS, { sort, ...(status ? { statuses: [status] } : {}) })).members;
        for (const limit of [0, 1, 17, 50, 10_000]) {
          const slice = await getRosterSlice(db, WS, { sort, limit, ...(status ? { status } : {}) });
          expect(ids(slice), `${sort} ${status ?? 'all'} ${limit}`).toEqual(ids(full.slice(0, limit)));
        }
      }
    }
    // Newest first, the ties of the newest value run on past 6 rows: their first by name, not their last.
    const top = await getRosterSlice(db, WS, { sort: 'lastSeen-desc', limit: 6 });
    expect(top.map((m) => m.id)).toEqual(['z-3', 'z-2', 'z-0', 'z-1', 'm-00103', 'm-00116']);
    expect(top.every((m) => m.lastSeenAt === T + 12_000)).toBe(true);
    const oldest = await getRosterSlice(db, WS, { sort: 'lastSeen-asc', limit: 3 });
    expect(oldest.map((m) => m.nickname)).toEqual(['达人0', '达人104', '达人117']);
  });

  it('reads one limited range, never the whole roster', async () => {
    const db = freshDb();
    const log = spy(db);
    await seed(db, 2000);
    log.reset();
    const first = await getRosterSlice(db, WS, { sort: 'lastSeen-desc', limit: 50 });
    const missing = await getRosterSlice(db, WS, { sort: 'lastSeen-asc', status: 'missing', limit: 50 });
    expect(first).toHaveLength(50);
    expect(missing).toHaveLength(50);
    expect(missing.every((m) => m.status === 'missing')).toBe(true);
    // Newest first: the slice, then the first rows by name of its last value (at most as many).
    expect(log.reads.map((r) => r.index)).toEqual([
      '[workspaceId+lastSeenAt+nickname+id]',
      '[workspaceId+lastSeenAt+nickname+id]',
      '[workspaceId+status+lastSeenAt+nickname+id]',
    ]);
    expect(log.reads.every((r) => r.table === 'members' && r.limit! <= 50 && r.rows <= 50)).toBe(true);
    expect(log.reads.reduce((n, r) => n + r.rows, 0)).toBeLessThanOrEqual(150);
  });
});

describe('getRosterCounts', () => {
  it('equals the counts of the whole roster, from index counts only (no member read)', async () => {
    const db = freshDb();
    const log = spy(db);
    const rows = await seed(db, 2000);
    const expected = {
      total: rows.length,
      listed: rows.filter((m) => m.status === 'listed').length,
      missing: rows.filter((m) => m.status === 'missing').length,
      gone: rows.filter((m) => m.status === 'gone').length,
      bound: rows.filter((m) => m.binding === 'bound').length,
      other: rows.filter((m) => m.binding === 'other').length,
    };
    expect((await getRoster(db, WS)).counts).toEqual(expected);
    log.reset();
    expect(await getRosterCounts(db, WS)).toEqual(expected);
    expect(await getRosterCounts(db, 'unknown')).toEqual({
      total: 0,
      listed: 0,
      missing: 0,
      gone: 0,
      bound: 0,
      other: 0,
    });
    expect(log.reads).toEqual([]);
    expect(log.counts).toBe(10);
  });

  it('listInstitutions gives the same counts without reading a member', async () => {
    const db = freshDb();
    const log = spy(db);
    const rows = await seed(db, 2000);
    log.reset();
    const [inst] = await listInstitutions(db);
    expect(inst?.counts.total).toBe(rows.length);
    expect(inst?.counts).toEqual(await getRosterCounts(db, WS));
    expect(log.reads.filter((r) => r.table === 'members')).toEqual([]);
  });
});
