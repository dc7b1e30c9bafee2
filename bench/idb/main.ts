/**
 * The in-browser half of the ledger and rule benchmarks, bundled by Vite into a plain page and
 * driven by bench/driver.pw.ts through `window.guangheBench`. Every figure alternates the
 * subject and its baseline in one loop, so both see the same machine noise.
 */
import Dexie from 'dexie';
import {
  applyImport,
  getPendingQueue,
  listAccounts,
  openLedger,
  rebuildPending,
  type LedgerDb,
} from '../../utils/ledger';
import {
  makeSeed,
  rowCount,
  seedEvents,
  seedRandom,
  serializeSeed,
  workspaceId,
  SEED_TABLES,
  type SeedBackup,
} from '../lib/seed';
import {
  createRawLedger,
  deleteRaw,
  openRaw,
  rawBulkInsert,
  rawAccountRowsRead,
  rawPendingQueue,
  rawPendingQueueV2,
  rawPutAll,
  rawRangeRead,
} from './raw';
import { recorded, type BenchCase } from './vitest-shim';
import '../check-submission.bench';

const now = () => performance.now();

async function freshLedger(name: string): Promise<LedgerDb> {
  await Dexie.delete(name);
  const db = openLedger(name);
  await db.open();
  return db;
}

/**
 * Writes a seed straight into the tables (no validation): only to prepare a query benchmark. The
 * derived pending table is then built as an import builds it (`rebuildPending`).
 */
async function fill(db: LedgerDb, b: SeedBackup): Promise<void> {
  await db.transaction(
    'rw',
    [db.workspaces, db.accounts, db.bindings, db.permissions, db.events, db.settings, db.pending],
    async () => {
      await db.workspaces.bulkAdd(b.workspaces);
      await db.accounts.bulkAdd(b.accounts);
      await db.bindings.bulkAdd(b.bindings);
      await db.permissions.bulkAdd(b.permissions);
      await db.events.bulkAdd(b.events);
      await db.settings.bulkAdd(b.settings);
      await rebuildPending(
        db,
        b.workspaces.map((w) => w.id),
      );
    },
  );
}

export interface PendingResult {
  events: number;
  accounts: number;
  items: number;
  /** ms per call, in run order. */
  dexie: number[];
  raw: number[];
  /** The floor: ONE raw range read of exactly the rows the answer shows (see rawRangeRead). */
  floor: number[];
  /** Not a baseline: the reads of the queue before schema v3, on raw IndexedDB (rawPendingQueueV2). */
  v2reads: number[];
  /** Not a baseline: the floor before v3, one getAll of as many account rows (rawAccountRowsRead). */
  accountRows: number[];
  /** Not a budget: `listAccounts` of the same workspace (what the rule context and the panel read). */
  listAccounts: number[];
  timerResolutionHint: string;
}

type PendingWay = 'dexie' | 'raw' | 'floor' | 'v2reads' | 'accountRows';

/**
 * `getPendingQueue` vs the raw-IndexedDB version (and the range-read variant), interleaved with a
 * rotating order, on a workspace with `events` events (plus two smaller workspaces).
 */
async function benchPending(opts: {
  iterations: number;
  warmup: number;
  events: number;
  accounts: number;
}): Promise<PendingResult> {
  const NOW = Date.UTC(2025, 5, 1, 4, 0);
  const name = 'bench-pending';
  const seed = makeSeed({
    now: NOW,
    workspaces: [
      { accounts: opts.accounts, events: opts.events },
      { accounts: 500, events: 5000 },
      { accounts: 500, events: 5000 },
    ],
  });
  const db = await freshLedger(name);
  await fill(db, seed);
  const raw = await openRaw(name);
  const ws = workspaceId(0);
  const a = await getPendingQueue(db, ws, NOW);
  const b = await rawPendingQueue(raw, ws, NOW);
  const c = await rawPendingQueueV2(raw, ws, NOW);
  if (JSON.stringify(a) !== JSON.stringify(b))
    throw new Error(`raw pending query differs from getPendingQueue (${a.length} vs ${b.length} items)`);
  if (JSON.stringify(a) !== JSON.stringify(c))
    throw new Error(
      `the pre-v3 reads differ from getPendingQueue (${a.length} vs ${c.length} items): the pending table is not what the rows say`,
    );
  if (a.length === 0) throw new Error('the seeded workspace has nothing pending');
  if ((await rawRangeRead(raw, ws)) !== a.length)
    throw new Error(`the floor's range read did not return ${a.length} rows`);
  if ((await rawAccountRowsRead(raw, ws, a.length)) !== a.length)
    throw new Error(`the account-row read did not return ${a.length} rows`);
  const times: Record<PendingWay, number[]> = { dexie: [], raw: [], floor: [], v2reads: [], accountRows: [] };
  const ways: PendingWay[] = ['dexie', 'raw', 'floor', 'v2reads', 'accountRows'];
  for (let i = 0; i < opts.warmup + opts.iterations; i++) {
    for (let k = 0; k < ways.length; k++) {
      const way = ways[(i + k) % ways.length]!;
      const t0 = now();
      if (way === 'dexie') await getPendingQueue(db, ws, NOW);
      else if (way === 'raw') await rawPendingQueue(raw, ws, NOW);
      else if (way === 'floor') await rawRangeRead(raw, ws);
      else if (way === 'v2reads') await rawPendingQueueV2(raw, ws, NOW);
      else await rawAccountRowsRead(raw, ws, a.length);
      const dt = now() - t0;
      if (i >= opts.warmup) times[way].push(dt);
    }
  }
  const list: number[] = [];
  for (let i = 0; i < Math.max(20, Math.round(opts.iterations / 10)); i++) {
    const t0 = now();
    await listAccounts(db, ws);
    list.push(now() - t0);
  }
  raw.close();
  db.close();
  await Dexie.delete(name);
  return {
    listAccounts: list,
    events: seed.events.filter((e) => e.workspaceId === ws).length,
    accounts: seed.accounts.filter((x) => x.workspaceId === ws).length,
    items: a.length,
    ...times,
    timerResolutionHint: crossOriginIsolated ? '5 µs (cross-origin isolated)' : '100 µs',
  };
}

export interface GrowthSize {
  /** Events of the measured workspace. */
  events: number;
  /** Seconds to write its history (one transaction, raw puts, in this page). */
  seedSeconds: number;
  /** ms per getPendingQueue call, in run order. */
  ms: number[];
}

export interface GrowthResult {
  accounts: number;
  items: number;
  sizes: GrowthSize[];
}

/**
 * `getPendingQueue` on ledgers that differ only in the length of the measured workspace's event
 * history (same accounts, bindings and permissions, so the same answer), one database per size,
 * calls rotating over the databases.
 */
async function benchGrowth(opts: {
  sizes: readonly number[];
  iterations: number;
  warmup: number;
  accounts: number;
}): Promise<GrowthResult> {
  const NOW = Date.UTC(2025, 5, 1, 4, 0);
  const ws = workspaceId(0);
  const structure = makeSeed({
    now: NOW,
    workspaces: [
      { accounts: opts.accounts, events: 1 },
      { accounts: 500, events: 5000 },
      { accounts: 500, events: 5000 },
    ],
  });
  const bindings = structure.bindings.filter((b) => b.workspaceId === ws);
  const created = structure.workspaces[0]!.createdAt;
  const dbs: { db: LedgerDb; name: string; size: GrowthSize }[] = [];
  try {
    for (const events of opts.sizes) {
      const name = `bench-growth-${events}`;
      const db = await freshLedger(name);
      await fill(db, structure);
      const raw = await openRaw(name);
      const t0 = now();
      const n = await rawPutAll(
        raw,
        'events',
        seedEvents({ workspace: 0, bindings, created, count: events, rnd: seedRandom(20250601) }),
      );
      const seedSeconds = (now() - t0) / 1000;
      raw.close();
      if (n !== events - 1) throw new Error(`seeded ${n} events, expected ${events - 1}`);
      dbs.push({ db, name, size: { events, seedSeconds, ms: [] } });
    }
    const answers = await Promise.all(dbs.map((d) => getPendingQueue(d.db, ws, NOW)));
    const first = JSON.stringify(answers[0]);
    if (!answers[0]?.length) throw new Error('the seeded workspace has nothing pending');
    answers.forEach((x, i) => {
      if (JSON.stringify(x) !== first)
        throw new Error(`getPendingQueue differs at ${opts.sizes[i]} events: the seeds are not comparable`);
    });
    for (let i = 0; i < opts.warmup + opts.iterations; i++) {
      for (let k = 0; k < dbs.length; k++) {
        const d = dbs[(i + k) % dbs.length]!;
        const t0 = now();
        await getPendingQueue(d.db, ws, NOW);
        const dt = now() - t0;
        if (i >= opts.warmup) d.size.ms.push(dt);
      }
    }
    return {
      accounts: structure.accounts.filter((x) => x.workspaceId === ws).length,
      items: answers[0].length,
      sizes: dbs.map((d) => d.size),
    };
  } finally {
    for (const d of dbs) {
      d.db.close();
      await Dexie.delete(d.name);
    }
  }
}

export interface ImportRun {
  ms: number;
  rows: number;
}

export interface ImportResult {
  accounts: number;
  events: number;
  rows: number;
  textChars: number;
  applyImport: ImportRun[];
  raw: ImportRun[];
}

/** `applyImport` into a fresh ledger vs a raw bulk put into a fresh database with the same stores. */
async function benchImport(opts: {
  reps: number;
  workspaces: number;
  accountsPer: number;
  eventsPer: number;
}): Promise<ImportResult> {
  const NOW = Date.UTC(2025, 5, 1, 4, 0);
  const seed = makeSeed({
    now: NOW,
    workspaces: Array.from({ length: opts.workspaces }, () => ({
      accounts: opts.accountsPer - 1,
      events: opts.eventsPer,
    })),
    selected: 0,
  });
  const text = serializeSeed(seed);
  const rows = rowCount(seed);
  const out: ImportResult = {
    accounts: seed.accounts.length,
    events: seed.events.length,
    rows,
    textChars: text.length,
    applyImport: [],
    raw: [],
  };
  const runApply = async (i: number) => {
    const name = `bench-import-${i}`;
    const db = await freshLedger(name);
    const t0 = now();
    const r = await applyImport(db, text);
    const ms = now() - t0;
    db.close();
    await Dexie.delete(name);
    // applyImport validates every row and throws on any problem; all rows must have been written.
    if (r.written !== rows) throw new Error(`applyImport wrote ${r.written} rows, expected ${rows}`);
    out.applyImport.push({ ms, rows: r.written });
  };
  const runRaw = async (i: number) => {
    const name = `bench-import-raw-${i}`;
    const db = await createRawLedger(name);
    const t0 = now();
    const n = await rawBulkInsert(db, text, SEED_TABLES);
    const ms = now() - t0;
    db.close();
    await deleteRaw(name);
    out.raw.push({ ms, rows: n });
  };
  for (let i = 0; i < opts.reps; i++) {
    if (i % 2) {
      await runRaw(i);
      await runApply(i);
    } else {
      await runApply(i);
      await runRaw(i);
    }
  }
  return out;
}

export interface CheckResult {
  accounts: number;
  batch: number;
  /** kind → ms per call, one value per batch. */
  perKind: Record<string, number[]>;
}

/**
 * Runs the fixture of bench/check-submission.bench.ts (imported unchanged; `vitest` is shimmed):
 * per kind, batches of `batch` calls, the kinds interleaved round-robin with a rotating start.
 */
async function benchCheck(opts: {
  rounds: number;
  warmupRounds: number;
  batch: number;
}): Promise<CheckResult> {
  const entry = recorded[0];
  if (!entry) throw new Error('bench/check-submission.bench.ts registered no test');
  const perKind: Record<string, number[]> = {};
  let ran = false;
  const compare = async (...args: (BenchCase | { time?: number })[]) => {
    const cases = args.filter((x): x is BenchCase => 'fn' in x && typeof x.fn === 'function');
    for (const c of cases) perKind[c.name] = [];
    for (let r = 0; r < opts.warmupRounds + opts.rounds; r++) {
      for (let k = 0; k < cases.length; k++) {
        const c = cases[(k + r) % cases.length]!;
        const t0 = now();
        for (let j = 0; j < opts.batch; j++) c.fn();
        const dt = (now() - t0) / opts.batch;
        if (r >= opts.warmupRounds) perKind[c.name]!.push(dt);
      }
      // Let the event loop breathe between rounds (GC, timers), as a real page would.
      if (r % 10 === 9) await new Promise((res) => setTimeout(res, 0));
    }
    ran = true;
  };
  const bench = Object.assign((name: string, fn: () => void): BenchCase => ({ name, fn }), { compare });
  await entry.fn({ bench });
  if (!ran) throw new Error('the check-submission fixture did not call bench.compare');
  return { accounts: 1000, batch: opts.batch, perKind };
}

declare global {
  interface Window {
    guangheBench: {
      benchPending: typeof benchPending;
      benchGrowth: typeof benchGrowth;
      benchImport: typeof benchImport;
      benchCheck: typeof benchCheck;
      ready: true;
    };
  }
}

window.guangheBench = { benchPending, benchGrowth, benchImport, benchCheck, ready: true };
document.body.dataset.ready = '1';
