/**
 * Migration harness. For every released version n > 1: seed a database at version n-1 with that
 * version's fixture rows, open it at n, and check row counts and content (tables the upgrade does not
 * rewrite must keep byte-identical content hashes). The harness is also run on v1 + a synthetic v2
 * defined here (one that rewrites rows, which the real v2 does not), to show that it catches an upgrade
 * that loses or changes rows.
 *
 * When you add `vN.ts`: add a `RELEASED_CASES[N]` entry below (the "every released version has a case"
 * test fails until you do). Fixtures use local row shapes, never the app's evolving types.
 */
import { readFileSync, readdirSync } from 'node:fs';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { sha256Hex, stableStringify } from '@/utils/ledger/canonical';
import {
  LEDGER_SCHEMA_VERSION,
  LEDGER_VERSIONS,
  LedgerDb,
  applyMigrations,
  checkVersions,
  derivePendingRows,
  getPendingQueue,
  getRoster,
  getRosterCounts,
  getRosterSlice,
  recordInvite,
  recordRosterCapture,
  type LedgerMigration,
} from '@/utils/ledger';

type Rows = Record<string, Record<string, unknown>[]>;

interface MigrationCase {
  /** Rows to put into the database at version n-1, per table. */
  seed: () => Rows;
  /** Tables whose rows the upgrade rewrites (their counts must hold, content may change). */
  rewrites?: string[];
  verify?: (db: Dexie, seed: Rows) => Promise<void>;
}

/** One entry per released version > 1 (defined below the fixtures they use). */
const RELEASED_CASES: Record<number, MigrationCase> = {};

// ---------------------------------------------------------------- v1 fixture (local shapes)

function v1Fixture(): Rows {
  const ws = 'ws-1';
  const main = 'acc-main';
  const accounts = [
    {
      id: main,
      workspaceId: ws,
      role: 'main',
      nickname: '主号',
      guangguangId: 'm',
      identity: 'brand',
      storeName: '店',
      storeType: '天猫',
      phoneMask: '138****8000',
      phoneHash: 'a'.repeat(64),
      note: '',
      createdAt: 1,
      updatedAt: 1,
    },
    ...Array.from({ length: 30 }, (_, i) => ({
      id: `acc-${i}`,
      workspaceId: ws,
      role: 'matrix',
      nickname: `Nick ${i}`,
      guangguangId: `GG${i}`,
      identity: null,
      storeName: null,
      storeType: null,
      phoneMask: null,
      phoneHash: null,
      note: `备注${i}`,
      createdAt: 2 + i,
      updatedAt: 2 + i,
    })),
  ];
  const bindings = accounts.slice(1).map((a, i) => ({
    id: `b-${i}`,
    workspaceId: ws,
    mainAccountId: main,
    matrixAccountId: a.id,
    state: i % 2 ? 'pending' : 'accepted',
    invitedAt: 10 + i,
    stateChangedAt: 20 + i,
    stateSource: 'manual',
    createdAt: 10 + i,
    updatedAt: 20 + i,
  }));
  const permissions = bindings
    .filter((b) => b.state === 'accepted')
    .map((b, i) => ({
      id: `p-${i}`,
      workspaceId: ws,
      bindingId: b.id,
      scope: 'shop-card',
      state: 'granted',
      requestedAt: 30,
      stateChangedAt: 31,
      stateSource: 'page',
      createdAt: 30,
      updatedAt: 31,
    }));
  const events = bindings.map((b, i) => ({
    id: `e-${i}`,
    workspaceId: ws,
    entityType: 'binding',
    entityId: b.id,
    bindingId: b.id,
    scope: null,
    action: 'created',
    field: 'state',
    from: null,
    to: b.state,
    at: 10 + i,
    seq: 0,
    source: 'manual',
    actorAccountId: main,
    reason: null,
    cause: null,
    captureKey: null,
  }));
  return {
    workspaces: [{ id: ws, name: '工作区', mainAccountId: main, createdAt: 1, updatedAt: 1 }],
    accounts,
    bindings,
    permissions,
    events,
    settings: [{ key: 'staleThresholdDays', value: 4, updatedAt: 5 }],
    meta: [{ key: 'schema', value: { createdVersion: 1, createdAt: 1 } }],
    captures: [
      {
        key: 'ws-1/id:c',
        workspaceId: ws,
        kind: 'invite-sent',
        capturedAt: 1,
        recordedAt: 1,
        rowCount: 1,
        eventCount: 2,
      },
    ],
  };
}

/**
 * A v1 database holding every kind of row: two workspaces; accounts of both roles with and without
 * phone data; bindings in every v1 state (one with an `unconfirmed` mark, one missing); permissions of
 * every scope in every state; events of every entity type, action, source and cause; every setting;
 * the meta rows (schema info, a stand-in for the HMAC key) and captures of every kind. Local shapes
 * and value lists, as they were at v1.
 */
function v1FullFixture(): Rows {
  const base = v1Fixture();
  const ws = 'ws-2';
  const main = 'acc2-main';
  const STATES = ['draft', 'pending', 'accepted', 'declined', 'expired', 'cancelled', 'unbound'];
  const SCOPES = ['proxy-publish', 'proxy-interaction', 'product-pool', 'shop-card'];
  const PERMS = ['requested', 'granted', 'declined', 'revoked'];
  const accounts = [
    { ...base.accounts![0]!, id: main, workspaceId: ws, guangguangId: 'm2', identity: 'tmall-merchant' },
    ...STATES.map((_, i) => ({
      ...base.accounts![1]!,
      id: `acc2-${i}`,
      workspaceId: ws,
      guangguangId: `W2-${i}`,
      nickname: `二号${i}`,
      identity: i % 2 ? 'expert' : null,
      phoneMask: i % 2 ? '139****0000' : null,
      phoneHash: i % 2 ? `${i}`.repeat(64) : null,
    })),
  ];
  const bindings = STATES.map((state, i) => ({
    id: `b2-${i}`,
    workspaceId: ws,
    mainAccountId: main,
    matrixAccountId: `acc2-${i}`,
    state,
    invitedAt: state === 'draft' ? null : 100 + i,
    stateChangedAt: 200 + i,
    stateSource: i % 2 ? 'page' : 'manual',
    ...(state === 'pending' ? { unconfirmed: { since: 150, missingSince: i === 1 ? 160 : null } } : {}),
    createdAt: 100 + i,
    updatedAt: 200 + i,
  }));
  const permissions = SCOPES.map((scope, i) => ({
    id: `p2-${i}`,
    workspaceId: ws,
    bindingId: 'b2-2',
    scope,
    state: PERMS[i],
    requestedAt: 300 + i,
    stateChangedAt: 310 + i,
    stateSource: i % 2 ? 'page' : 'manual',
    createdAt: 300 + i,
    updatedAt: 310 + i,
  }));
  const ENTITIES = ['workspace', 'account', 'binding', 'permission'];
  const ACTIONS = ['created', 'transition', 'jump', 'updated'];
  const CAUSES = [null, 'unbind', 'binding-left-accepted', 're-invite', 'import'];
  const events = ENTITIES.flatMap((entityType, i) =>
    ACTIONS.map((action, j) => ({
      id: `e2-${i}-${j}`,
      workspaceId: ws,
      entityType,
      entityId: entityType === 'permission' ? 'p2-0' : entityType === 'binding' ? 'b2-2' : main,
      bindingId: entityType === 'permission' || entityType === 'binding' ? 'b2-2' : null,
      scope: entityType === 'permission' ? 'proxy-publish' : null,
      action,
      field: action === 'updated' ? 'phone' : action === 'created' ? null : 'state',
      from: action === 'created' ? null : '138****0000',
      to: 'x',
      at: 400 + i,
      seq: j,
      source: j % 2 ? 'page' : 'manual',
      actorAccountId: j % 2 ? null : main,
      reason: j === 2 ? 'skipped steps' : null,
      cause: CAUSES[(i + j) % CAUSES.length],
      captureKey: j % 2 ? 'ws-2/list:abc' : null,
    })),
  );
  return {
    workspaces: [
      ...base.workspaces!,
      { id: ws, name: '第二个工作区', mainAccountId: main, createdAt: 90, updatedAt: 95 },
    ],
    accounts: [...base.accounts!, ...accounts],
    bindings: [...base.bindings!, ...bindings],
    permissions: [...base.permissions!, ...permissions],
    events: [...base.events!, ...events],
    settings: [
      { key: 'staleThresholdDays', value: 4, updatedAt: 5 },
      { key: 'notificationsEnabled', value: false, updatedAt: 6 },
      { key: 'selectedWorkspaceId', value: ws, updatedAt: 7 },
    ],
    meta: [...base.meta!, { key: 'hmacKey', value: { id: 'k', material: [1, 2, 3] } }],
    captures: [
      ...base.captures!,
      ...[
        'matrix-list',
        'invite-submitted',
        'permission-requested',
        'permission-withdrawn',
        'unbind-done',
      ].map((kind, i) => ({
        key: `ws-2/id:${kind}`,
        workspaceId: ws,
        kind,
        capturedAt: 500 + i,
        recordedAt: 500 + i,
        rowCount: 1,
        eventCount: i,
      })),
    ],
  };
}

RELEASED_CASES[2] = {
  seed: v1FullFixture,
  async verify(db, seed) {
    // Every v1 table: every row, field for field (the harness compared hashes; spell out one).
    for (const [table, rows] of Object.entries(seed)) {
      const key = db.table(table).schema.primKey.keyPath as string;
      const after = await db.table(table).toCollection().sortBy(key);
      const sorted = [...rows].sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : 1));
      expect(
        after.map((r) => stableStringify(r)),
        table,
      ).toEqual(sorted.map((r) => stableStringify(r)));
    }
    // The new tables exist, empty, with their indexes usable.
    for (const t of ['institutions', 'members', 'memberEvents']) expect(await db.table(t).count()).toBe(0);
    expect(await db.table('members').where('[workspaceId+status]').equals(['x', 'missing']).count()).toBe(0);
    // v1 indexes still answer.
    expect(
      await db.table('accounts').where('[workspaceId+guangguangId]').equals(['ws-2', 'W2-3']).count(),
    ).toBe(1);
    expect(await db.table('bindings').where('state').equals('unbound').count()).toBe(1);
  },
};

// ---------------------------------------------------------------- v2 fixture (local shapes)

/**
 * A v2 database: the full v1 fixture (every kind of shop row) plus a roster of every kind (two
 * institutions, one without a platform id; members of every status and tab, one without a 逛逛号; one
 * event of every action), and a few shop rows the pending queue must get right: an account renamed
 * (its pending item shows the current nickname), a requested permission on a binding that is no longer
 * accepted, a pending binding whose account is missing, a pending binding with no `invitedAt`.
 */
function v2FullFixture(): Rows {
  const base = v1FullFixture();
  const MEMBER_STATUSES = ['listed', 'missing', 'gone'];
  const MEMBER_ACTIONS = [
    'appeared',
    'renamed',
    'level-changed',
    'binding-changed',
    'identified',
    'missing-flagged',
    'reappeared',
    'confirmed-gone',
    'restored',
  ];
  const institutions = [
    { id: 'inst-1', kind: 'institution', name: '机构一', platformId: 'P1', createdAt: 600, updatedAt: 601 },
    { id: 'inst-2', kind: 'institution', name: '机构二', platformId: null, createdAt: 602, updatedAt: 602 },
  ];
  const members = MEMBER_STATUSES.flatMap((status, i) =>
    ['bound', 'other'].map((binding, j) => ({
      id: `m-${i}-${j}`,
      workspaceId: j ? 'inst-2' : 'inst-1',
      nickname: `达人${i}${j}`,
      guangguangId: i === 0 && j === 1 ? null : `MG${i}${j}`,
      level: j ? null : 'L3',
      binding,
      status,
      missingSince: status === 'listed' ? null : 700 + i,
      firstSeenAt: 650 + i,
      lastSeenAt: 750 + i,
      createdAt: 650 + i,
      updatedAt: 750 + i,
    })),
  );
  const memberEvents = MEMBER_ACTIONS.map((action, i) => ({
    id: `me-${i}`,
    workspaceId: 'inst-1',
    memberId: 'm-1-0',
    action,
    from: i ? 'a' : null,
    to: 'b',
    at: 800 + (i >> 1),
    seq: i & 1,
    source: action === 'confirmed-gone' || action === 'restored' ? 'manual' : 'page',
    reason: null,
    captureKey: i % 2 ? 'roster:abc' : null,
  }));
  const accounts = base.accounts!.map((a) => (a.id === 'acc2-1' ? { ...a, nickname: '改名后' } : a));
  const bindings = [
    ...base.bindings!,
    {
      ...base.bindings![1]!,
      id: 'b-orphan',
      matrixAccountId: 'acc-gone',
      invitedAt: null,
      stateChangedAt: 40,
    },
  ];
  const permissions = [
    ...base.permissions!,
    {
      id: 'p-on-declined',
      workspaceId: 'ws-2',
      bindingId: 'b2-3',
      scope: 'product-pool',
      state: 'requested',
      requestedAt: 320,
      stateChangedAt: 320,
      stateSource: 'page',
      createdAt: 320,
      updatedAt: 320,
    },
  ];
  return { ...base, accounts, bindings, permissions, institutions, members, memberEvents };
}

/** The pending queue worked out by hand from fixture rows (local: the v3 definition of an item). */
function expectedPending(seed: Rows) {
  const accounts = new Map(seed.accounts!.map((a) => [a.id, a]));
  const bindings = new Map(seed.bindings!.map((b) => [b.id, b]));
  const item = (kind: string, id: string, b: Record<string, unknown>, scope: unknown, since: unknown) => ({
    kind,
    id,
    workspaceId: b.workspaceId,
    bindingId: b.id,
    accountId: b.matrixAccountId,
    nickname: accounts.get(String(b.matrixAccountId))?.nickname ?? '',
    guangguangId: accounts.get(String(b.matrixAccountId))?.guangguangId ?? '',
    scope,
    since,
  });
  return [
    ...seed
      .bindings!.filter((b) => b.state === 'pending')
      .map((b) => item('invite', b.id as string, b, null, b.invitedAt ?? b.stateChangedAt)),
    ...seed
      .permissions!.filter((p) => p.state === 'requested')
      .map((p) =>
        item('permission', p.id as string, bindings.get(p.bindingId as string)!, p.scope, p.requestedAt),
      ),
  ];
}

const byKey = (rows: Record<string, unknown>[]) =>
  [...rows]
    .sort((a, b) =>
      `${String(a.kind)}\u0000${String(a.id)}` < `${String(b.kind)}\u0000${String(b.id)}` ? -1 : 1,
    )
    .map((r) => stableStringify(r));

RELEASED_CASES[3] = {
  seed: v2FullFixture,
  async verify(db, seed) {
    // Every v2 table: every row, field for field (the harness compared hashes too).
    for (const [table, rows] of Object.entries(seed)) {
      const key = db.table(table).schema.primKey.keyPath as string;
      const after = await db.table(table).toCollection().sortBy(key);
      const sorted = [...rows].sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : 1));
      expect(
        after.map((r) => stableStringify(r)),
        table,
      ).toEqual(sorted.map((r) => stableStringify(r)));
    }
    // The new table: what a derivation by hand from the seed gives, and what the app derives.
    const pending = (await db.table('pending').toArray()) as Record<string, unknown>[];
    const expected = expectedPending(seed);
    expect(expected.length).toBe(15 + 1 + 1 + 1 + 1);
    expect(byKey(pending)).toEqual(byKey(expected));
    expect(pending.find((r) => r.id === 'b2-1')).toMatchObject({ nickname: '改名后', since: 101 });
    expect(pending.find((r) => r.id === 'b-orphan')).toMatchObject({ nickname: '', since: 40 });
    expect(pending.find((r) => r.id === 'p-on-declined')).toMatchObject({
      bindingId: 'b2-3',
      scope: 'product-pool',
    });
    const derived = await derivePendingRows(db as unknown as LedgerDb, null);
    expect(byKey(pending)).toEqual(byKey(derived as unknown as Record<string, unknown>[]));
    // Its queue index answers a workspace's queue, oldest first.
    const ws2 = await db
      .table('pending')
      .where('[workspaceId+since+id]')
      .between(['ws-2', -Infinity, ''], ['ws-2', Infinity, ''])
      .toArray();
    expect(ws2.map((r: { id: string }) => r.id)).toEqual(['b2-1', 'p2-0', 'p-on-declined']);
  },
};

/**
 * v3 fixture: the v2 one with its pending table as v3 built it, and more members of inst-1: ties on
 * last seen (the order v4's indexes give them is by nickname in code units, then id), an empty
 * nickname, a note (optional, never indexed).
 */
function v3FullFixture(): Rows {
  const v2 = v2FullFixture();
  const extra = ['b', 'A', '', '达人', 'b'].map((nickname, i) => ({
    id: `m-tie-${4 - i}`,
    workspaceId: 'inst-1',
    nickname,
    guangguangId: `MT${i}`,
    level: null,
    binding: i % 2 ? 'other' : 'bound',
    status: i === 1 ? 'missing' : 'listed',
    missingSince: i === 1 ? 760 : null,
    firstSeenAt: 700,
    lastSeenAt: 760,
    createdAt: 700,
    updatedAt: 760,
    ...(i === 3 ? { note: '备注' } : {}),
  }));
  return { ...v2, members: [...v2.members!, ...extra], pending: expectedPending(v2) };
}

RELEASED_CASES[4] = {
  seed: v3FullFixture,
  async verify(db, seed) {
    // Every v3 table: every row, field for field (the harness compared hashes too).
    for (const [table, rows] of Object.entries(seed)) {
      const key = db.table(table).schema.primKey.keyPath as string | string[];
      const k = (r: Record<string, unknown>) =>
        Array.isArray(key) ? key.map((p) => String(r[p])).join('\u0000') : String(r[key]);
      const after = ((await db.table(table).toArray()) as Record<string, unknown>[]).sort((a, b) =>
        k(a) < k(b) ? -1 : 1,
      );
      const sorted = [...rows].sort((a, b) => (k(a) < k(b) ? -1 : 1));
      expect(
        after.map((r) => stableStringify(r)),
        table,
      ).toEqual(sorted.map((r) => stableStringify(r)));
    }
    // The new indexes hold every member: oldest first, ties by nickname (code units), then id.
    const members = db.table('members');
    const inst1 = await members
      .where('[workspaceId+lastSeenAt+nickname+id]')
      .between(['inst-1', Dexie.minKey], ['inst-1', Dexie.maxKey])
      .toArray();
    expect(inst1.map((m: { id: string }) => m.id)).toEqual([
      'm-0-0',
      'm-1-0',
      'm-2-0',
      'm-tie-2',
      'm-tie-3',
      'm-tie-0',
      'm-tie-4',
      'm-tie-1',
    ]);
    const missing = await members
      .where('[workspaceId+status+lastSeenAt+nickname+id]')
      .between(['inst-1', 'missing', Dexie.minKey], ['inst-1', 'missing', Dexie.maxKey])
      .toArray();
    expect(missing.map((m: { id: string }) => m.id)).toEqual(['m-1-0', 'm-tie-3']);
    for (const [ws, binding] of [
      ['inst-1', 'bound'],
      ['inst-1', 'other'],
      ['inst-2', 'other'],
      ['inst-2', 'bound'],
    ] as const)
      expect(
        await members.where('[workspaceId+binding]').equals([ws, binding]).count(),
        `${ws} ${binding}`,
      ).toBe(seed.members!.filter((m) => m.workspaceId === ws && m.binding === binding).length);
  },
};

RELEASED_CASES[5] = {
  // The v4 fixture as v4 holds it (v4 added indexes only, so its rows are v3's).
  seed: v3FullFixture,
  async verify(db, seed) {
    // Every v4 table: every row, field for field (the harness compared hashes too).
    for (const [table, rows] of Object.entries(seed)) {
      const key = db.table(table).schema.primKey.keyPath as string | string[];
      const k = (r: Record<string, unknown>) =>
        Array.isArray(key) ? key.map((p) => String(r[p])).join('\u0000') : String(r[key]);
      const after = ((await db.table(table).toArray()) as Record<string, unknown>[]).sort((a, b) =>
        k(a) < k(b) ? -1 : 1,
      );
      const sorted = [...rows].sort((a, b) => (k(a) < k(b) ? -1 : 1));
      expect(
        after.map((r) => stableStringify(r)),
        table,
      ).toEqual(sorted.map((r) => stableStringify(r)));
    }
    // The new outbox starts empty and numbers its rows in write order, per workspace.
    const outbox = db.table('outbox');
    expect(await outbox.count()).toBe(0);
    await outbox.bulkAdd([
      { workspaceId: 'ws-2', eventId: 'e-a' },
      { workspaceId: 'ws-1', eventId: 'e-b' },
      { workspaceId: 'ws-2', eventId: 'e-c' },
    ]);
    const ws2 = await outbox
      .where('[workspaceId+n]')
      .between(['ws-2', Dexie.minKey], ['ws-2', Dexie.maxKey])
      .toArray();
    expect(ws2.map((r: { eventId: string }) => r.eventId)).toEqual(['e-a', 'e-c']);
  },
};

// ---------------------------------------------------------------- the harness

async function snapshot(db: Dexie): Promise<Record<string, { count: number; hash: string }>> {
  const out: Record<string, { count: number; hash: string }> = {};
  for (const t of db.tables) {
    const rows = await t.toArray();
    out[t.name] = { count: rows.length, hash: await sha256Hex(stableStringify(rows)) };
  }
  return out;
}

/** Seeds a database at version n-1, opens it at n, checks counts, hashes and the case's own checks. */
async function upgradeOnce(versions: readonly LedgerMigration[], n: number, c: MigrationCase) {
  const name = `ledger-migration-${crypto.randomUUID()}`;
  const old = new Dexie(name);
  applyMigrations(old, versions.slice(0, n - 1));
  await old.open();
  const seed = c.seed();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(seed)) await old.table(table).bulkAdd(rows);
  });
  const before = await snapshot(old);
  old.close();

  const db = new Dexie(name);
  applyMigrations(db, versions.slice(0, n));
  await db.open();
  try {
    expect(db.verno).toBe(n);
    const after = await snapshot(db);
    for (const [table, s] of Object.entries(before)) {
      expect(after[table], `table ${table} disappeared`).toBeDefined();
      expect(after[table]!.count, `row count of ${table}`).toBe(s.count);
      if (!c.rewrites?.includes(table)) expect(after[table]!.hash, `content of ${table}`).toBe(s.hash);
    }
    await c.verify?.(db, seed);
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

// ---------------------------------------------------------------- tests

describe('released versions', () => {
  it('are numbered 1..n in order', () => {
    expect(() => checkVersions(LEDGER_VERSIONS)).not.toThrow();
    expect(LEDGER_VERSIONS.at(-1)?.version).toBe(LEDGER_SCHEMA_VERSION);
    expect(() => checkVersions([LEDGER_VERSIONS[0]!, { ...LEDGER_VERSIONS[0]!, version: 3 }])).toThrow(
      /1\.\.n/,
    );
  });

  it('every released version > 1 has a migration case', () => {
    const missing = LEDGER_VERSIONS.slice(1)
      .map((m) => m.version)
      .filter((v) => !RELEASED_CASES[v]);
    expect(missing, 'add RELEASED_CASES entries for these versions').toEqual([]);
  });

  for (const m of LEDGER_VERSIONS.slice(1)) {
    it(`v${m.version - 1} → v${m.version}`, async () => {
      await upgradeOnce(LEDGER_VERSIONS, m.version, RELEASED_CASES[m.version]!);
    });
  }

  it('migration files import nothing from the app (only their own folder and dexie types)', () => {
    const dir = new URL('../../../utils/ledger/migrations/', import.meta.url);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(new URL(f, dir), 'utf8');
      for (const [, from] of src.matchAll(/from\s+'([^']+)'/g)) {
        expect(from === 'dexie' || from!.startsWith('./'), `${f} imports ${from}`).toBe(true);
      }
    }
  });

  it('a new ledger opens at the current version with every table and schema info', async () => {
    const db = new LedgerDb(`ledger-test-${crypto.randomUUID()}`);
    await db.open();
    expect(db.verno).toBe(LEDGER_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      [
        'accounts',
        'bindings',
        'captures',
        'events',
        'meta',
        'permissions',
        'settings',
        'workspaces',
        'institutions',
        'members',
        'memberEvents',
        'pending',
        'outbox',
      ].sort(),
    );
    expect((await db.meta.get('schema'))?.value).toMatchObject({ createdVersion: LEDGER_SCHEMA_VERSION });
    await db.delete();
  });

  it('the v1 fixture fits the v1 schema (every table exists, rows insert)', async () => {
    const db = new Dexie(`ledger-test-${crypto.randomUUID()}`);
    applyMigrations(db, LEDGER_VERSIONS.slice(0, 1));
    await db.open();
    for (const [t, rows] of Object.entries(v1Fixture())) await db.table(t).bulkAdd(rows);
    expect(await db.table('accounts').count()).toBe(31);
    await db.delete();
  });
});

describe('v1 → current through the app', () => {
  it('a v1 ledger full of every kind of row opens as the current LedgerDb: every row kept, roster usable', async () => {
    const name = `ledger-migration-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    applyMigrations(old, LEDGER_VERSIONS.slice(0, 1));
    await old.open();
    const seed = v1FullFixture();
    await old.transaction('rw', old.tables, async () => {
      for (const [table, rows] of Object.entries(seed)) await old.table(table).bulkAdd(rows);
    });
    const before = await snapshot(old);
    old.close();

    const db = new LedgerDb(name);
    try {
      await db.open();
      expect(db.verno).toBe(LEDGER_SCHEMA_VERSION);
      const after = await snapshot(db);
      for (const [table, s] of Object.entries(before)) expect(after[table], table).toEqual(s);
      // The upgraded ledger takes a roster capture and leaves the v1 tables alone.
      const r = await recordRosterCapture(
        db,
        {
          institution: { name: '机构', id: 'i-1' },
          tab: 'bound',
          rows: [{ nickname: 'n', guangguangId: 'g', level: null }],
          filtered: false,
          complete: true,
        },
        1000,
      );
      expect(r).toMatchObject({ created: 1, institutionCreated: true });
      const later = await snapshot(db);
      for (const [table, s] of Object.entries(before))
        if (table !== 'captures') expect(later[table], table).toEqual(s);
      expect(later.captures!.count).toBe(before.captures!.count + 1);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});

describe('v2 → v3 through the app', () => {
  it('a v2 ledger opens as the current LedgerDb: the queue reads the built table, and commands keep it', async () => {
    const name = `ledger-migration-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    applyMigrations(old, LEDGER_VERSIONS.slice(0, 2));
    await old.open();
    const seed = v2FullFixture();
    await old.transaction('rw', old.tables, async () => {
      for (const [table, rows] of Object.entries(seed)) await old.table(table).bulkAdd(rows);
    });
    old.close();

    const db = new LedgerDb(name);
    try {
      await db.open();
      const now = 10_000;
      const queue = await getPendingQueue(db, 'ws-2', now);
      expect(queue.map((q) => [q.kind, q.id, q.nickname, q.ageMs])).toEqual([
        ['invite', 'b2-1', '改名后', now - 101],
        ['permission', 'p2-0', '二号2', now - 300],
        ['permission', 'p-on-declined', '二号3', now - 320],
      ]);
      expect(await getPendingQueue(db, null, now)).toHaveLength(19);
      await recordInvite(db, 'ws-2', { account: { guangguangId: 'NEW-1', nickname: '新' } }, { now });
      const after = await db.pending.toArray();
      expect(after).toEqual(
        await derivePendingRows(db, null).then((r) =>
          r.sort((a, b) => (`${a.kind}\u0000${a.id}` < `${b.kind}\u0000${b.id}` ? -1 : 1)),
        ),
      );
      expect((await getPendingQueue(db, 'ws-2', now)).at(-1)).toMatchObject({ nickname: '新', ageMs: 0 });
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});

describe('v3 → v4 through the app', () => {
  it('a v3 ledger opens as the current LedgerDb: the roster slices and counts read the new indexes', async () => {
    const name = `ledger-migration-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    applyMigrations(old, LEDGER_VERSIONS.slice(0, 3));
    await old.open();
    const seed = v3FullFixture();
    await old.transaction('rw', old.tables, async () => {
      for (const [table, rows] of Object.entries(seed)) await old.table(table).bulkAdd(rows);
    });
    old.close();

    const db = new LedgerDb(name);
    try {
      await db.open();
      for (const sort of ['lastSeen-desc', 'lastSeen-asc'] as const) {
        const full = (await getRoster(db, 'inst-1', { sort })).members.map((m) => m.id);
        expect(full).toHaveLength(8);
        for (const limit of [1, 3, 5, 8])
          expect((await getRosterSlice(db, 'inst-1', { sort, limit })).map((m) => m.id)).toEqual(
            full.slice(0, limit),
          );
      }
      expect(await getRosterCounts(db, 'inst-1')).toEqual((await getRoster(db, 'inst-1')).counts);
      expect(await getRosterCounts(db, 'inst-1')).toMatchObject({ total: 8, missing: 2, other: 2 });
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});

describe('the harness on a synthetic v2', () => {
  // What a real v2 could look like: a derived, indexed search field on accounts, a new table.
  interface AccountV1 {
    id: string;
    nickname: string;
    guangguangId: string;
  }
  const v2: LedgerMigration = {
    version: 2,
    stores: {
      accounts: 'id, workspaceId, [workspaceId+guangguangId], [workspaceId+role], phoneHash, searchText',
      archive: 'id, archivedAt',
    },
    async upgrade(tx) {
      await tx
        .table('accounts')
        .toCollection()
        .modify((a: AccountV1 & { searchText?: string }) => {
          a.searchText = `${a.nickname}\u0000${a.guangguangId}`.toLowerCase();
        });
    },
  };

  it('seeded v1 data survives the upgrade: counts and content hashes preserved, upgrade applied', async () => {
    await upgradeOnce([...LEDGER_VERSIONS.slice(0, 1), v2], 2, {
      seed: v1Fixture,
      rewrites: ['accounts'],
      async verify(db, seed) {
        const accounts = await db.table('accounts').toArray();
        expect(accounts).toHaveLength(seed.accounts!.length);
        for (const a of accounts as (AccountV1 & { searchText: string })[]) {
          const orig = seed.accounts!.find((s) => s.id === a.id)!;
          // Only the new field was added; everything else is as seeded.
          const { searchText, ...rest } = a;
          expect(stableStringify(rest)).toBe(stableStringify(orig));
          expect(searchText).toBe(`${a.nickname}\u0000${a.guangguangId}`.toLowerCase());
        }
        expect(await db.table('accounts').where('searchText').startsWith('nick 1').count()).toBe(11);
        expect(await db.table('archive').count()).toBe(0);
        // Indexes declared in v1 still work after the upgrade.
        expect(
          await db.table('bindings').where('[workspaceId+state]').equals(['ws-1', 'pending']).count(),
        ).toBe(15);
      },
    });
  });

  it('the harness catches an upgrade that loses rows', async () => {
    const lossy: LedgerMigration = {
      ...v2,
      async upgrade(tx) {
        await tx.table('events').limit(1).delete();
      },
    };
    await expect(upgradeOnce([LEDGER_VERSIONS[0]!, lossy], 2, { seed: v1Fixture })).rejects.toThrow(
      /row count of events/,
    );
  });

  it('the harness catches an upgrade that silently changes content', async () => {
    const sneaky: LedgerMigration = {
      ...v2,
      async upgrade(tx) {
        await tx
          .table('settings')
          .toCollection()
          .modify((s: { value: unknown }) => {
            s.value = 3;
          });
      },
    };
    await expect(upgradeOnce([LEDGER_VERSIONS[0]!, sneaky], 2, { seed: v1Fixture })).rejects.toThrow(
      /content of settings/,
    );
  });
});
