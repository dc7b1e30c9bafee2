/**
 * Database helpers for the fuzzers: a realistic seed ledger, a content hash of every table (and of the
 * extension's storage areas), snapshot/restore so one database serves a whole property, and the
 * invariants a ledger must satisfy after any successful write.
 */
import { createHash } from 'node:crypto';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stableStringify } from '@/utils/ledger/canonical';
import {
  confirmMemberGone,
  createWorkspace,
  openLedger,
  recordInvite,
  recordPageCapture,
  recordRosterCapture,
  requestPermission,
  transitionBinding,
  transitionPermission,
  unbind,
  updateSettings,
  upsertAccount,
  type LedgerDb,
} from '@/utils/ledger';

/**
 * Every table of the schema, `meta` (HMAC key), `captures` (idempotency records) and the roster
 * tables (schema v2) and the derived pending table (schema v3) included.
 */
export const ALL_TABLES = [
  'workspaces',
  'accounts',
  'bindings',
  'permissions',
  'events',
  'settings',
  'meta',
  'captures',
  'institutions',
  'members',
  'memberEvents',
  'pending',
] as const;

export type Dump = Record<(typeof ALL_TABLES)[number], unknown[]>;

/**
 * Every row of every table in one read transaction (`toArray` is in primary-key order). Sequential
 * reads: with fake-indexeddb they are about twice as fast as eight parallel requests.
 */
export async function dumpAll(db: LedgerDb): Promise<Dump> {
  const tables = ALL_TABLES.map((t) => db.table(t));
  const rows = await db.transaction('r', tables, async () => {
    const out: unknown[][] = [];
    for (const t of tables) out.push(await t.toArray());
    return out;
  });
  return Object.fromEntries(ALL_TABLES.map((t, i) => [t, rows[i]!])) as Dump;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const KEY_PROBE = new TextEncoder().encode('fuzz/key-probe');

/**
 * A CryptoKey serialises as `{}`; replace it by a fingerprint (an HMAC of a fixed text, its algorithm
 * and flags) so a swapped or re-created key changes the hash. Reads only: never creates a key.
 */
async function fingerprintKeys(meta: unknown[]): Promise<unknown[]> {
  return Promise.all(
    meta.map(async (row) => {
      const r = row as { key: string; value: unknown };
      if (!(r.value instanceof CryptoKey)) return r;
      const sig = await crypto.subtle.sign('HMAC', r.value, KEY_PROBE);
      return {
        key: r.key,
        value: {
          cryptoKey: Buffer.from(sig).toString('hex'),
          extractable: r.value.extractable,
          usages: r.value.usages,
          algorithm: r.value.algorithm,
        },
      };
    }),
  );
}

/**
 * SHA-256 of the stable JSON (`utils/ledger/canonical.ts`) of every table, the HMAC key by
 * fingerprint. (node:crypto's SHA-256, synchronous: the same digest as `sha256Hex`, 3× faster.)
 */
export async function ledgerHash(db: LedgerDb): Promise<string> {
  const dump = await dumpAll(db);
  return sha256(stableStringify({ ...dump, meta: await fingerprintKeys(dump.meta) }));
}

/** SHA-256 of `storage.session` and `storage.local` (the fake browser's). */
export async function storageHash(): Promise<string> {
  const [session, local] = await Promise.all([
    fakeBrowser.storage.session.get(null),
    fakeBrowser.storage.local.get(null),
  ]);
  return sha256(stableStringify({ session, local }));
}

/**
 * Counts every write that reaches the database: a DBCore middleware sees each `mutate` (add, put,
 * delete, clear) of every table before IndexedDB does, including writes later rolled back. While the
 * count stays the same, the content cannot have changed; the fuzzers compare the content hash as
 * well (after any write, on every near-valid input, every `FUZZ_HASH_EVERY` runs and at the end).
 * Must be installed before the database is first used.
 */
export function writeProbe(db: LedgerDb): { readonly count: number } {
  const probe = { count: 0 };
  db.use({
    stack: 'dbcore',
    name: 'fuzz-write-probe',
    create(down) {
      return {
        ...down,
        table(name) {
          const t = down.table(name);
          return {
            ...t,
            mutate(req) {
              probe.count++;
              return t.mutate(req);
            },
          };
        },
      };
    },
  });
  return probe;
}

/** Puts a database back to a dump (one transaction over every table). */
export async function restore(db: LedgerDb, dump: Dump): Promise<void> {
  const tables = ALL_TABLES.map((t) => db.table(t));
  await db.transaction('rw', tables, async () => {
    for (const [i, t] of tables.entries()) {
      await t.clear();
      await t.bulkAdd(dump[ALL_TABLES[i]!]);
    }
  });
}

export const T0 = Date.UTC(2025, 2, 3, 2, 0, 0); // 2025-03-03 10:00 in Shanghai
export const HOUR = 3_600_000;

/** Phones of the seed ledger (clear numbers: they must never appear in any table). */
export const SEED_PHONES = ['13800138000', '13912345678', '15011112222', '18699990000'] as const;

/**
 * A small but realistic ledger: two workspaces with main accounts, bindings in most states
 * (accepted with granted/requested permissions, pending, draft, cancelled, unbound), phones as mask +
 * HMAC, notes with quotes and formula-looking text, a page capture (with its capture record), settings.
 */
export async function seedLedger(db: LedgerDb, now = T0) {
  const a = await createWorkspace(
    db,
    {
      name: '小林的杂货铺',
      mainAccount: {
        nickname: '小林的杂货铺',
        guangguangId: '2210000002',
        identity: 'tmall-merchant',
        storeName: '小林旗舰店',
        storeType: '旗舰店',
        phone: SEED_PHONES[0],
      },
    },
    { now },
  );
  const b = await createWorkspace(
    db,
    {
      name: '乙店',
      mainAccount: { nickname: '乙店主号', guangguangId: '2210000003', identity: 'taobao-merchant' },
    },
    { now: now + 1 },
  );
  const wa = a.workspace.id;
  const wb = b.workspace.id;
  const acc = await recordInvite(
    db,
    wa,
    {
      account: { nickname: '小林的穿搭日记', guangguangId: '3310000001', phone: SEED_PHONES[1] },
      state: 'pending',
    },
    { now: now + 2 },
  );
  await transitionBinding(db, acc.binding.id, 'accepted', { now: now + 3 });
  const perms = await requestPermission(db, acc.binding.id, ['proxy-publish', 'shop-card', 'product-pool'], {
    now: now + 4,
  });
  await transitionPermission(db, perms[0]!.id, 'granted', { now: now + 5 });
  await transitionPermission(db, perms[1]!.id, 'granted', { now: now + 5 });
  await recordInvite(
    db,
    wa,
    {
      account: {
        nickname: '=HYPERLINK("http://x","y")',
        guangguangId: '3310000002',
        phone: SEED_PHONES[2],
        note: '备注, "带引号"\n第二行',
      },
      state: 'pending',
    },
    { now: now + 6 },
  );
  await recordInvite(
    db,
    wa,
    { account: { guangguangId: '3310000003', nickname: '草稿号' }, state: 'draft' },
    { now: now + 7 },
  );
  const c = await recordInvite(
    db,
    wa,
    { account: { guangguangId: '3310000004' }, state: 'pending' },
    { now: now + 8 },
  );
  await transitionBinding(db, c.binding.id, 'cancelled', { now: now + 9, reason: '发错了' });
  await upsertAccount(
    db,
    wa,
    { guangguangId: '3310000004', note: '+1 重新邀请', phone: SEED_PHONES[3] },
    { now: now + 10 },
  );
  await recordPageCapture(
    db,
    wb,
    {
      kind: 'matrix-list',
      capturedAt: now + 11,
      rows: [
        {
          guangguangId: '4410000001',
          nickname: '乙的矩阵一',
          state: 'accepted',
          permissions: { 'proxy-interaction': 'granted' },
        },
        { guangguangId: '4410000002', nickname: '@乙的矩阵二', state: 'pending' },
      ],
    },
    { now: now + 11 },
  );
  const views = await db.bindings.where('workspaceId').equals(wb).toArray();
  const accepted = views.find((x) => x.state === 'accepted');
  if (accepted) await unbind(db, accepted.id, { now: now + 12, reason: '合作结束' });
  await updateSettings(db, { staleThresholdDays: 5, selectedWorkspaceId: wa }, { now: now + 13 });
  // An institution roster (schema v2): a rename, a level change, a creator without a 逛逛号, one
  // flagged missing and confirmed gone; and a second institution sharing a 逛逛号 with the first.
  const creators = [
    { nickname: '达人甲', guangguangId: '5510000001', level: 'L1' },
    { nickname: '达人乙', guangguangId: '5510000002', level: null },
    { nickname: '没有号的达人', guangguangId: null, level: 'L2' },
  ];
  const institution = { name: '星光机构', id: 'mcn-0001' };
  const roster = { institution, tab: 'bound' as const, filtered: false, complete: true };
  const ra = await recordRosterCapture(db, { ...roster, rows: creators }, now + 14);
  await recordRosterCapture(
    db,
    { ...roster, rows: [{ ...creators[0]!, nickname: '达人甲改名', level: 'L3' }, creators[2]!] },
    now + 15,
  );
  const missing = await db.members
    .where('[workspaceId+guangguangId]')
    .equals([ra.workspaceId, '5510000002'])
    .first();
  if (missing) await confirmMemberGone(db, missing.id, { now: now + 16, reason: '解约' });
  await recordRosterCapture(
    db,
    { ...roster, institution: { name: '另一家机构' }, rows: [creators[0]!] },
    now + 17,
  );
  return { wa, wb, mainA: a.mainAccount, mainB: b.mainAccount, institution: ra.workspaceId };
}

let namespaces = 0;

/**
 * Runs `fn` with `crypto.randomUUID` returning `0000000n-0000-4000-8000-00000000000m` (n: a fresh
 * namespace per call, m: a counter), so that a seed ledger has the same ids, hence the same row
 * order, on every run: with the same `FUZZ_SEED`, generators that pick "the i-th row" pick the same.
 */
export async function withDeterministicIds<T>(fn: () => Promise<T>): Promise<T> {
  const ns = (++namespaces).toString(16).padStart(8, '0');
  let n = 0;
  const spy = vi
    .spyOn(crypto, 'randomUUID')
    .mockImplementation(() => `${ns}-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}` as const);
  try {
    return await fn();
  } finally {
    spy.mockRestore();
  }
}

/**
 * A fresh, seeded database with a unique name, deterministic ids and a write probe (call
 * `db.delete()` when done).
 */
export async function seededDb(prefix: string): Promise<{
  db: LedgerDb;
  writes: { readonly count: number };
  seed: Awaited<ReturnType<typeof seedLedger>>;
}> {
  const db = openLedger(`${prefix}-${crypto.randomUUID()}`);
  const writes = writeProbe(db);
  const seed = await withDeterministicIds(() => seedLedger(db));
  return { db, writes, seed };
}

/**
 * What must hold in any ledger after a successful write, as documented for import (`backup.ts`: no
 * dangling reference, no 逛逛号 clash, one binding per matrix account, one permission per scope).
 * Returns the violations (empty = fine).
 */
export async function documentedInvariants(db: LedgerDb): Promise<string[]> {
  const d = await dumpAll(db);
  const out: string[] = [];
  const ws = new Map((d.workspaces as { id: string; mainAccountId: string }[]).map((w) => [w.id, w]));
  const accounts = d.accounts as { id: string; workspaceId: string; role: string; guangguangId: string }[];
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const gg = new Set<string>();
  for (const a of accounts) {
    if (!ws.has(a.workspaceId)) out.push(`account ${a.id}: no workspace ${a.workspaceId}`);
    const k = `${a.workspaceId}/${a.guangguangId}`;
    if (gg.has(k)) out.push(`account ${a.id}: 逛逛号 ${a.guangguangId} twice in ${a.workspaceId}`);
    gg.add(k);
  }
  for (const w of ws.values()) {
    const m = byId.get(w.mainAccountId);
    if (!m || m.workspaceId !== w.id || m.role !== 'main')
      out.push(`workspace ${w.id}: main account ${w.mainAccountId} is not its main`);
  }
  const bindings = d.bindings as {
    id: string;
    workspaceId: string;
    mainAccountId: string;
    matrixAccountId: string;
  }[];
  const bindingIds = new Map(bindings.map((x) => [x.id, x]));
  const perAccount = new Set<string>();
  for (const x of bindings) {
    if (!ws.has(x.workspaceId)) out.push(`binding ${x.id}: no workspace`);
    if (!byId.has(x.mainAccountId)) out.push(`binding ${x.id}: no main account ${x.mainAccountId}`);
    const m = byId.get(x.matrixAccountId);
    if (!m) out.push(`binding ${x.id}: no matrix account ${x.matrixAccountId}`);
    else if (m.workspaceId !== x.workspaceId)
      out.push(`binding ${x.id}: matrix account in another workspace`);
    const k = `${x.workspaceId}/${x.matrixAccountId}`;
    if (perAccount.has(k)) out.push(`binding ${x.id}: second binding of ${x.matrixAccountId}`);
    perAccount.add(k);
  }
  const perScope = new Set<string>();
  for (const p of d.permissions as { id: string; workspaceId: string; bindingId: string; scope: string }[]) {
    const x = bindingIds.get(p.bindingId);
    if (!x) out.push(`permission ${p.id}: no binding ${p.bindingId}`);
    else if (x.workspaceId !== p.workspaceId)
      out.push(`permission ${p.id}: workspace differs from its binding`);
    const k = `${p.bindingId}/${p.scope}`;
    if (perScope.has(k)) out.push(`permission ${p.id}: second ${p.scope} on ${p.bindingId}`);
    perScope.add(k);
  }
  for (const e of d.events as { id: string; workspaceId: string }[])
    if (!ws.has(e.workspaceId)) out.push(`event ${e.id}: no workspace ${e.workspaceId}`);
  // The roster: a member's institution exists, one member per 逛逛号 and institution, an event's
  // member exists in the same institution.
  const institutions = new Set((d.institutions as { id: string }[]).map((x) => x.id));
  const members = new Map(
    (d.members as { id: string; workspaceId: string; guangguangId: string | null }[]).map((m) => [m.id, m]),
  );
  const memberGg = new Set<string>();
  for (const m of members.values()) {
    if (!institutions.has(m.workspaceId)) out.push(`member ${m.id}: no institution ${m.workspaceId}`);
    if (m.guangguangId === null) continue;
    const k = `${m.workspaceId}/${m.guangguangId}`;
    if (memberGg.has(k)) out.push(`member ${m.id}: 逛逛号 ${m.guangguangId} twice in ${m.workspaceId}`);
    memberGg.add(k);
  }
  for (const e of d.memberEvents as { id: string; workspaceId: string; memberId: string }[]) {
    const m = members.get(e.memberId);
    if (!m) out.push(`member event ${e.id}: no member ${e.memberId}`);
    else if (m.workspaceId !== e.workspaceId)
      out.push(`member event ${e.id}: institution differs from its member`);
  }
  return out;
}

/**
 * Invariants the commands keep and the import checks too (regressions found by the fuzzer): a binding
 * links its workspace's main account to a matrix account of the same workspace, and each workspace
 * has exactly one main account.
 */
export async function roleInvariants(db: LedgerDb): Promise<string[]> {
  const d = await dumpAll(db);
  const out: string[] = [];
  const ws = new Map((d.workspaces as { id: string; mainAccountId: string }[]).map((w) => [w.id, w]));
  const accounts = d.accounts as { id: string; workspaceId: string; role: string }[];
  const byId = new Map(accounts.map((a) => [a.id, a]));
  for (const x of d.bindings as {
    id: string;
    workspaceId: string;
    mainAccountId: string;
    matrixAccountId: string;
  }[]) {
    const w = ws.get(x.workspaceId);
    if (w && x.mainAccountId !== w.mainAccountId)
      out.push(
        `binding ${x.id}: mainAccountId ${x.mainAccountId} is not the workspace's main ${w.mainAccountId}`,
      );
    const m = byId.get(x.matrixAccountId);
    if (m && m.role !== 'matrix') out.push(`binding ${x.id}: bound account ${m.id} has role ${m.role}`);
  }
  for (const w of ws.values()) {
    const mains = accounts.filter((a) => a.workspaceId === w.id && a.role === 'main');
    if (mains.length !== 1) out.push(`workspace ${w.id}: ${mains.length} main accounts`);
  }
  return out;
}
