import { describe, expect, it } from 'vitest';
import {
  BACKUP_TABLES,
  BACKUP_VERSION,
  IMPORT_CHUNK,
  LEDGER_SCHEMA_VERSION,
  LedgerImportError,
  LedgerStorageFullError,
  applyImport,
  confirmMemberGone,
  exportBackup,
  exportJson,
  parseBackup,
  previewImport,
  recordInvite,
  recordPageCapture,
  recordRosterCapture,
  requestPermission,
  transitionBinding,
  unbind,
  updateSettings,
  upsertAccount,
  type LedgerBackup,
  type LedgerDb,
  type RosterSnapshot,
} from '@/utils/ledger';
import { acceptedBinding, contentHash, freshDb, newWorkspace, quotaSimulator, T0 } from './helpers';

const NOW = T0 + 1_000_000;

/** A ledger with every kind of row and event: states, jumps, page events, phones, settings. */
async function seedRich(db: LedgerDb) {
  const a = await newWorkspace(db, '甲店', T0);
  const b = await newWorkspace(db, '乙店', T0 + 1);
  const { binding } = await acceptedBinding(db, a.workspace.id, 'x1', T0 + 2, ['proxy-publish', 'shop-card']);
  await requestPermission(db, binding.id, 'product-pool', { now: T0 + 3 });
  await upsertAccount(db, a.workspace.id, {
    guangguangId: 'x1',
    phone: '13800138000',
    note: '=1+1, "quoted"\nline',
  });
  await recordInvite(db, a.workspace.id, {
    account: { guangguangId: 'x2', nickname: '二号' },
    state: 'draft',
  });
  const { binding: b3 } = await recordInvite(
    db,
    b.workspace.id,
    { account: { guangguangId: 'y1' } },
    { now: T0 + 4 },
  );
  await transitionBinding(db, b3.id, 'cancelled', { now: T0 + 5 });
  await recordPageCapture(db, b.workspace.id, {
    kind: 'matrix-list',
    capturedAt: T0 + 6,
    rows: [
      { guangguangId: 'y1', state: 'accepted', permissions: { 'proxy-interaction': 'granted' } },
      { guangguangId: 'y2', nickname: '页面新号', state: 'pending' },
    ],
  });
  const { binding: b4 } = await acceptedBinding(db, b.workspace.id, 'y3', T0 + 7, ['shop-card']);
  await unbind(db, b4.id, { now: T0 + 8, reason: '合作结束' });
  await updateSettings(db, { staleThresholdDays: 5, selectedWorkspaceId: a.workspace.id });
  return { a, b };
}

/** Rows of the backup tables only (meta and captures are not part of a backup). */
async function backupContent(db: LedgerDb) {
  const b = await exportBackup(db, { includePhones: true, now: NOW });
  return BACKUP_TABLES.map((t) => b[t]);
}

describe('export', () => {
  it('is deterministic, has the header, and leaves phones out by default', async () => {
    const db = freshDb();
    await seedRich(db);
    const text = await exportJson(db, { now: NOW });
    expect(await exportJson(db, { now: NOW })).toBe(text);
    const b = JSON.parse(text) as LedgerBackup;
    expect(b).toMatchObject({
      format: 'guanghe-ledger',
      version: BACKUP_VERSION,
      exportedAt: new Date(NOW).toISOString(),
      schemaVersion: LEDGER_SCHEMA_VERSION,
      phonesIncluded: false,
      phoneKeyId: null,
    });
    expect(b.accounts.every((a) => a.phoneMask === null && a.phoneHash === null)).toBe(true);
    expect(text).not.toContain('hmacKey');
    const withPhones = JSON.parse(await exportJson(db, { includePhones: true })) as LedgerBackup;
    expect(withPhones.phonesIncluded).toBe(true);
    expect(withPhones.phoneKeyId).toMatch(/^[0-9a-f]{16}$/);
    expect(withPhones.accounts.find((a) => a.guangguangId === 'x1')?.phoneMask).toBe('138****8000');
  });

  it('can export a single workspace', async () => {
    const db = freshDb();
    const { a } = await seedRich(db);
    const b = await exportBackup(db, { workspaceIds: [a.workspace.id] });
    expect(b.workspaces.map((w) => w.name)).toEqual(['甲店']);
    expect(new Set([...b.accounts, ...b.bindings, ...b.events].map((r) => r.workspaceId))).toEqual(
      new Set([a.workspace.id]),
    );
  });
});

describe('round trip', () => {
  it('export → import into an empty ledger → export gives identical text', async () => {
    const src = freshDb();
    await seedRich(src);
    const text = await exportJson(src, { now: NOW });
    const dst = freshDb();
    const r = await applyImport(dst, text);
    expect(r).toMatchObject({ ok: true, updated: 0, conflicting: 0, unchanged: 0 });
    expect(r.written).toBe(r.new);
    expect(await exportJson(dst, { now: NOW })).toBe(text);

    // Importing the same file again changes nothing.
    const before = await contentHash(dst);
    const again = await applyImport(dst, text);
    expect(again).toMatchObject({ new: 0, updated: 0, conflicting: 0, written: 0 });
    expect(again.unchanged).toBe(r.new);
    expect(await contentHash(dst)).toBe(before);
  });

  it('with phones into the same install: identical content including masks and hashes', async () => {
    const db = freshDb();
    await seedRich(db);
    const before = await backupContent(db);
    const text = await exportJson(db, { includePhones: true, now: NOW });
    const r = await applyImport(db, text);
    expect(r.written).toBe(0);
    expect(await backupContent(db)).toEqual(before);
  });

  it('a file without phones keeps the phone data we have', async () => {
    const db = freshDb();
    await seedRich(db);
    const before = await backupContent(db);
    const r = await applyImport(db, await exportJson(db));
    expect(r).toMatchObject({ new: 0, updated: 0, conflicting: 0, written: 0 });
    expect(await backupContent(db)).toEqual(before);
  });

  it('hashes from another install are dropped (masks kept) with a warning', async () => {
    const src = freshDb();
    await seedRich(src);
    const dst = freshDb();
    const r = await applyImport(dst, await exportJson(src, { includePhones: true }));
    expect(r.warnings.join()).toMatch(/another install/);
    const acc = (await dst.accounts.toArray()).find((a) => a.guangguangId === 'x1');
    expect(acc).toMatchObject({ phoneMask: '138****8000', phoneHash: null });
  });
});

describe('preview and merge', () => {
  it('classifies new / updated / conflicting / unchanged per table, newer updatedAt wins', async () => {
    const db = freshDb();
    await seedRich(db);
    const b = await exportBackup(db, { now: NOW });
    const [w0, w1] = b.workspaces;
    b.workspaces = [
      { ...w0!, name: '文件里更新', updatedAt: w0!.updatedAt + 10 }, // updated
      { ...w1!, name: '文件里旧的', updatedAt: w1!.updatedAt - 1 }, // conflicting (ours newer)
    ];
    const acc = b.accounts[0]!;
    b.accounts[0] = { ...acc, note: 'same time, other content' }; // conflicting (same updatedAt)
    const newSetting = b.settings.find((s) => s.key === 'staleThresholdDays')!;
    newSetting.value = 9;
    newSetting.updatedAt += 1; // updated
    const evt = b.events[0]!;
    b.events[0] = { ...evt, reason: 'tampered' }; // conflicting (events are append-only)
    b.events.push({ ...evt, id: crypto.randomUUID() }); // new
    const text = JSON.stringify(b);

    const before = await contentHash(db);
    const p = await previewImport(db, text);
    expect(await contentHash(db)).toBe(before); // preview writes nothing
    expect(p.ok).toBe(true);
    expect(p.tables.workspaces).toMatchObject({ updated: 1, conflicting: 1, new: 0, unchanged: 0 });
    expect(p.tables.workspaces.ids.updated).toEqual([w0!.id]);
    expect(p.tables.workspaces.ids.conflicting).toEqual([w1!.id]);
    expect(p.tables.accounts).toMatchObject({ conflicting: 1, ids: { conflicting: [acc.id] } });
    expect(p.tables.settings).toMatchObject({ updated: 1 });
    expect(p.tables.events).toMatchObject({ new: 1, conflicting: 1 });
    expect(p).toMatchObject({ new: 1, updated: 2, conflicting: 3 });

    const r = await applyImport(db, text);
    expect(r.written).toBe(3);
    expect((await db.workspaces.get(w0!.id))?.name).toBe('文件里更新');
    expect((await db.workspaces.get(w1!.id))?.name).toBe(w1!.name);
    expect((await db.accounts.get(acc.id))?.note).toBe(acc.note);
    expect((await db.settings.get('staleThresholdDays'))?.value).toBe(9);
    expect((await db.events.get(evt.id))?.reason).toBe(evt.reason);
  });

  it("classifies the same whether our table is empty, about the file's size, or much larger", async () => {
    // applyImport reads our rows keys-only first or by id depending on the table's size: all three
    // must give the same plan.
    const db = freshDb();
    await seedRich(db);
    const b = await exportBackup(db, { now: NOW });
    const evt = b.events[0]!;
    const file = (events: LedgerBackup['events']) => JSON.stringify({ ...b, events });
    const added = { ...evt, id: 'file-only', at: evt.at + 1 };
    const tampered = { ...b.events[1]!, reason: 'tampered' };
    // About the file's size: every event of the file plus one new and one conflicting.
    const near = await previewImport(db, file([evt, tampered, ...b.events.slice(2), added]));
    expect(near.tables.events).toMatchObject({ new: 1, conflicting: 1, unchanged: b.events.length - 1 });
    // Much larger than the file: 3 events in the file, ours has many more.
    const extra = Array.from({ length: 40 }, (_, i) => ({ ...evt, id: `ours-${i}`, at: evt.at + 10 + i }));
    await db.events.bulkAdd(extra);
    const far = await previewImport(db, file([evt, tampered, added]));
    expect(far.tables.events).toMatchObject({
      new: 1,
      conflicting: 1,
      unchanged: 1,
      ids: { new: ['file-only'], conflicting: [tampered.id] },
    });
    const r = await applyImport(db, file([evt, tampered, added]));
    expect(r.written).toBe(1);
    expect((await db.events.get(tampered.id))?.reason).toBe(b.events[1]!.reason);
    // Empty: everything is new.
    const empty = await previewImport(freshDb(), file([evt, tampered, added]));
    expect(empty.tables.events).toMatchObject({ new: 3, conflicting: 0, unchanged: 0 });
  });

  it('reports progress in chunks on a large file', async () => {
    const src = freshDb();
    const { workspace, mainAccount } = await newWorkspace(src);
    const b = await exportBackup(src, { now: NOW });
    const base = b.events[0]!;
    for (let i = 0; i < 2 * IMPORT_CHUNK + 10; i++) {
      b.events.push({ ...base, id: `e-${i}`, entityId: mainAccount.id, at: T0 + i, seq: 0 });
    }
    const dst = freshDb();
    const progress: number[] = [];
    const r = await applyImport(dst, JSON.stringify(b), { onProgress: (p) => progress.push(p.done) });
    expect(r.written).toBe(b.events.length + 2); // + workspace + main account
    expect(progress.at(-1)).toBe(r.written);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect([...progress].sort((x, y) => x - y)).toEqual(progress);
    expect(await dst.events.where('workspaceId').equals(workspace.id).count()).toBe(b.events.length);
  });
});

describe('bad files leave the ledger unchanged and name row and field', () => {
  async function expectRejected(db: LedgerDb, text: string, pattern: RegExp) {
    const before = await contentHash(db);
    const p = await previewImport(db, text);
    expect(p.ok).toBe(false);
    expect(p.errors.join('\n')).toMatch(pattern);
    const err = await applyImport(db, text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerImportError);
    expect((err as LedgerImportError).issues.join('\n')).toMatch(pattern);
    expect((err as LedgerImportError).zh).toMatch(/未导入任何数据/);
    expect(await contentHash(db)).toBe(before);
  }

  async function seeded() {
    const db = freshDb();
    await seedRich(db);
    const b = await exportBackup(db, { now: NOW });
    // Many rows: 200 accounts in the file, one of them bad.
    const ws = b.workspaces[0]!.id;
    for (let i = 0; i < 200; i++) {
      b.accounts.push({
        ...b.accounts[1]!,
        id: `acc-${i}`,
        workspaceId: ws,
        role: 'matrix',
        guangguangId: `bulk-${i}`,
      });
    }
    return { db, b };
  }

  it('one wrongly typed row among many', async () => {
    const { db, b } = await seeded();
    (b.accounts[12] as unknown as Record<string, unknown>).guangguangId = 123;
    await expectRejected(
      db,
      JSON.stringify(b),
      /^accounts\[12\]\.guangguangId: expected string, received 123$/m,
    );
  });

  it('invalid JSON, wrong format, future version, not an object', async () => {
    const db = freshDb();
    await seedRich(db);
    await expectRejected(db, '{"format": "guanghe-ledger",', /not valid JSON/);
    await expectRejected(
      db,
      JSON.stringify({ format: 'other', version: 1 }),
      /^format: expected "guanghe-ledger"/,
    );
    await expectRejected(
      db,
      JSON.stringify({ format: 'guanghe-ledger', version: BACKUP_VERSION + 1 }),
      /version 3 is newer .* update/,
    );
    await expectRejected(
      db,
      JSON.stringify({ format: 'guanghe-ledger', version: '1' }),
      /^version: expected/,
    );
    await expectRejected(db, '[]', /expected a JSON object/);
  });

  it('huge strings, duplicate ids, unknown fields, missing tables, bad enums', async () => {
    const { db, b } = await seeded();
    const huge = structuredClone(b);
    huge.accounts[3]!.note = 'x'.repeat(100_000);
    await expectRejected(
      db,
      JSON.stringify(huge),
      /^accounts\[3\]\.note: max_length: expected <=2000, received 100000$/m,
    );
    const dup = structuredClone(b);
    dup.accounts[50]!.id = dup.accounts[40]!.id;
    await expectRejected(
      db,
      JSON.stringify(dup),
      /^accounts\[50\]\.id: duplicate \(same as accounts\[40\]\)$/m,
    );
    const extra = structuredClone(b);
    (extra.bindings[0] as unknown as Record<string, unknown>).hacked = true;
    await expectRejected(db, JSON.stringify(extra), /^bindings\[0\]\.hacked: unexpected field$/m);
    const missing = structuredClone(b) as Partial<LedgerBackup>;
    delete missing.permissions;
    await expectRejected(db, JSON.stringify(missing), /^permissions: missing$/m);
    const badState = structuredClone(b);
    (badState.bindings[1] as unknown as Record<string, unknown>).state = 'bound';
    await expectRejected(db, JSON.stringify(badState), /^bindings\[1\]\.state: expected \("draft"/m);
  });

  it('dangling references and 逛逛号 clashes are caught inside the transaction', async () => {
    const { db, b } = await seeded();
    const dangling = structuredClone(b);
    dangling.permissions[0]!.bindingId = 'no-such-binding';
    await expectRejected(
      db,
      JSON.stringify(dangling),
      /^permissions\[0\]\.bindingId: no binding no-such-binding$/m,
    );
    const clash = structuredClone(b);
    clash.accounts.push({ ...clash.accounts[1]!, id: 'other-id' }); // same workspace + 逛逛号, other id
    await expectRejected(db, JSON.stringify(clash), /guangguangId: 逛逛号 .* already belongs to account/);
  });

  it('into an empty ledger (rows written while later tables are checked) a late problem still leaves it empty', async () => {
    const { b } = await seeded();
    // Valid workspaces, accounts and bindings (written at once into an empty ledger), then a bad event.
    const badEvent = structuredClone(b);
    (badEvent.events[0] as unknown as Record<string, unknown>).at = -1;
    // Every row valid, a reference found wrong only by the plan, after every table was written.
    const dangling = structuredClone(b);
    dangling.permissions[0]!.bindingId = 'no-such-binding';
    // A roster row (written after settings) that is bad.
    const badRoster = structuredClone(b);
    badRoster.members.push({
      id: 'm-bad',
      workspaceId: 'no-such-institution',
      nickname: '达人',
      guangguangId: 'g1',
      level: null,
      binding: 'bound',
      status: 'listed',
      missingSince: null,
      firstSeenAt: T0,
      lastSeenAt: T0,
      createdAt: T0,
      updatedAt: T0,
    });
    for (const [text, pattern] of [
      [JSON.stringify(badEvent), /^events\[0\]\.at: /m],
      [JSON.stringify(dangling), /^permissions\[0\]\.bindingId: no binding no-such-binding$/m],
      [JSON.stringify(badRoster), /^members\[\d+\]\.workspaceId: no institution no-such-institution$/m],
    ] as const) {
      const db = freshDb();
      await updateSettings(db, { staleThresholdDays: 9 }, { now: T0 }); // settings do not make it non-empty
      const before = await contentHash(db);
      const err = await applyImport(db, text).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LedgerImportError);
      expect((err as LedgerImportError).issues.join('\n')).toMatch(pattern);
      expect(await contentHash(db)).toBe(before);
      expect(await db.accounts.count()).toBe(0);
      expect(await db.pending.count()).toBe(0);
    }
  });

  it('a full disk while an empty ledger is written rolls everything back', async () => {
    const src = freshDb();
    await seedRich(src);
    const text = await exportJson(src);
    const db = freshDb();
    const quota = quotaSimulator(db);
    const before = await contentHash(db);
    quota.arm((table) => table === 'events');
    const err = await applyImport(db, text).catch((e: unknown) => e);
    quota.disarm();
    expect(err).toBeInstanceOf(LedgerStorageFullError);
    expect(await contentHash(db)).toBe(before);
    expect(await db.workspaces.count()).toBe(0);
  });

  it('a full disk during the write phase rolls everything back', async () => {
    const src = freshDb();
    await seedRich(src);
    const text = await exportJson(src);
    const db = freshDb();
    const quota = quotaSimulator(db);
    await newWorkspace(db, '已有');
    const before = await contentHash(db);
    quota.arm((table) => table === 'events');
    const err = await applyImport(db, text).catch((e: unknown) => e);
    quota.disarm();
    expect(err).toBeInstanceOf(LedgerStorageFullError);
    expect(await contentHash(db)).toBe(before);
  });

  it('a BOM is fine; an HMAC key or meta in the file is ignored', async () => {
    const src = freshDb();
    await seedRich(src);
    const b = JSON.parse(await exportJson(src)) as Record<string, unknown>;
    b.meta = [{ key: 'hmacKey', value: { fake: true } }];
    b.hmacKey = 'AAAA';
    const db = freshDb();
    const keyBefore = await db.meta.get('hmacKey');
    expect(keyBefore).toBeUndefined();
    await applyImport(db, `\uFEFF${JSON.stringify(b)}`);
    expect(await db.meta.get('hmacKey')).toBeUndefined();
    expect(await db.workspaces.count()).toBe(2);
  });
});

it('parseBackup never throws', () => {
  for (const input of [
    undefined,
    null,
    42,
    '',
    'null',
    '{}',
    '"x"',
    '{"format":"guanghe-ledger","version":1}',
  ]) {
    const r = parseBackup(input);
    expect(r.backup).toBeNull();
    expect(r.errors.length).toBeGreaterThan(0);
  }
});

// ---------------------------------------------------------------- roster tables (backup version 2)

function roster(name: string, id: string | undefined, ggs: string[], patch: Partial<RosterSnapshot> = {}) {
  const snapshot: RosterSnapshot = {
    institution: id ? { name, id } : { name },
    tab: 'bound',
    rows: ggs.map((gg, i) => ({ nickname: `创作者${gg}`, guangguangId: gg, level: i % 2 ? 'L2' : null })),
    filtered: false,
    complete: true,
    ...patch,
  };
  return snapshot;
}

/** seedRich plus two institutions: renames, a missing flag confirmed gone, a row recorded by nickname. */
async function seedWithRoster(db: LedgerDb) {
  const shops = await seedRich(db);
  const a = await recordRosterCapture(db, roster('甲机构', 'mcn-a', ['c1', 'c2', 'c3']), T0 + 10);
  await recordRosterCapture(db, roster('甲机构', 'mcn-a', ['c1', 'c2']), T0 + 11);
  const gone = (await db.members.toArray()).find((m) => m.guangguangId === 'c3')!;
  await confirmMemberGone(db, gone.id, { now: T0 + 12, reason: '合作结束' });
  const b = await recordRosterCapture(
    db,
    {
      ...roster('乙机构', undefined, ['c1']),
      rows: [
        { nickname: '同号不同机构', guangguangId: 'c1', level: null },
        { nickname: '只有昵称', guangguangId: null, level: 'L1' },
      ],
    },
    T0 + 13,
  );
  return { shops, a, b };
}

describe('backup: the roster tables', () => {
  it('are exported (version 2) and round-trip: export → import into an empty ledger → same text', async () => {
    const src = freshDb();
    const { a } = await seedWithRoster(src);
    const text = await exportJson(src, { now: NOW });
    const b = JSON.parse(text) as LedgerBackup;
    expect(b.version).toBe(2);
    expect(b.institutions.map((x) => x.name).sort()).toEqual(['乙机构', '甲机构']);
    expect(b.members).toHaveLength(5);
    expect(b.memberEvents.map((e) => e.action)).toContain('confirmed-gone');
    // Rows of the roster sit after the shop tables, one per line.
    expect(text.indexOf('"institutions":[')).toBeGreaterThan(text.indexOf('"settings":['));

    const dst = freshDb();
    const r = await applyImport(dst, text);
    expect(r.tables.institutions.new).toBe(2);
    expect(r.tables.members.new).toBe(5);
    expect(r.tables.memberEvents.new).toBe(b.memberEvents.length);
    expect(await exportJson(dst, { now: NOW })).toBe(text);
    const again = await applyImport(dst, text);
    expect(again).toMatchObject({ new: 0, updated: 0, conflicting: 0, written: 0 });

    // One institution alone.
    const only = await exportBackup(src, { workspaceIds: [a.workspaceId] });
    expect(only.institutions.map((x) => x.id)).toEqual([a.workspaceId]);
    expect(new Set([...only.members, ...only.memberEvents].map((x) => x.workspaceId))).toEqual(
      new Set([a.workspaceId]),
    );
    expect(only.workspaces).toEqual([]);
  });

  it('members merge like the other rows: newer updatedAt wins, an older or equal one is conflicting', async () => {
    const db = freshDb();
    await seedWithRoster(db);
    const b = await exportBackup(db, { now: NOW });
    const [m0, m1] = b.members;
    b.members[0] = { ...m0!, nickname: '文件里更新', updatedAt: m0!.updatedAt + 1 };
    b.members[1] = { ...m1!, nickname: '文件里旧的', updatedAt: m1!.updatedAt - 1 };
    b.memberEvents[0] = { ...b.memberEvents[0]!, reason: 'tampered' };
    const r = await applyImport(db, JSON.stringify(b));
    expect(r.tables.members).toMatchObject({ updated: 1, conflicting: 1 });
    expect(r.tables.memberEvents).toMatchObject({ conflicting: 1 });
    expect((await db.members.get(m0!.id))!.nickname).toBe('文件里更新');
    expect((await db.members.get(m1!.id))!.nickname).toBe(m1!.nickname);
  });

  it('roster rows are validated and their references checked, naming row and field', async () => {
    const db = freshDb();
    await seedWithRoster(db);
    const b = await exportBackup(db, { now: NOW });
    const before = await contentHash(db);
    const cases: [string, (x: LedgerBackup) => void, RegExp][] = [
      [
        'bad status',
        (x) => ((x.members[0] as unknown as Record<string, unknown>).status = 'deleted'),
        /^members\[0\]\.status: expected \("listed"/m,
      ],
      [
        'unknown field',
        (x) => ((x.institutions[0] as unknown as Record<string, unknown>).mainAccountId = 'x'),
        /^institutions\[0\]\.mainAccountId: unexpected field$/m,
      ],
      ['huge level', (x) => (x.members[1]!.level = 'L'.repeat(1000)), /^members\[1\]\.level: max_length/m],
      [
        'unknown institution',
        (x) => (x.members[2]!.workspaceId = 'no-such-institution'),
        /^members\[2\]\.workspaceId: no institution no-such-institution$/m,
      ],
      [
        'a shop workspace is not an institution',
        (x) => (x.members[2]!.workspaceId = x.workspaces[0]!.id),
        /^members\[2\]\.workspaceId: no institution/m,
      ],
      [
        'two members with one 逛逛号',
        (x) => {
          const m = x.members.find((y) => y.guangguangId === 'c1')!;
          x.members.push({ ...m, id: 'other-member-id' });
        },
        /^members\[\d+\]\.guangguangId: 逛逛号 c1 already belongs to member/m,
      ],
      [
        'event of an unknown member',
        (x) => (x.memberEvents[0]!.memberId = 'ghost'),
        /^memberEvents\[0\]\.memberId: no member ghost$/m,
      ],
      [
        'event in another institution than its member',
        (x) => {
          const other = x.institutions.find((i) => i.id !== x.memberEvents[0]!.workspaceId)!;
          x.memberEvents[0]!.workspaceId = other.id;
        },
        /^memberEvents\[0\]\.workspaceId: differs from its member$/m,
      ],
      [
        'a version 2 file without members',
        (x) => delete (x as Partial<LedgerBackup>).members,
        /^members: missing$/m,
      ],
    ];
    for (const [name, mutate, pattern] of cases) {
      const copy = structuredClone(b);
      mutate(copy);
      const p = await previewImport(db, JSON.stringify(copy));
      expect(p.ok, name).toBe(false);
      expect(p.errors.join('\n'), name).toMatch(pattern);
      await expect(applyImport(db, JSON.stringify(copy)), name).rejects.toBeInstanceOf(LedgerImportError);
    }
    expect(await contentHash(db)).toBe(before);
  });
});

describe('backup: files of version 1 (before the roster) still import', () => {
  /** A version 1 file as the previous release wrote it: no roster keys, schema 1. */
  function asVersion1(b: LedgerBackup): string {
    const { institutions: _i, members: _m, memberEvents: _e, ...rest } = b;
    return JSON.stringify({ ...rest, version: 1, schemaVersion: 1 });
  }

  it('an export of the previous format imports into an empty ledger with every row', async () => {
    const src = freshDb();
    await seedRich(src);
    const b = await exportBackup(src, { includePhones: true, now: NOW });
    const dst = freshDb();
    const r = await applyImport(dst, asVersion1(b));
    expect(r.ok).toBe(true);
    expect(r.tables.members).toMatchObject({ new: 0, updated: 0, conflicting: 0, unchanged: 0 });
    expect(r.written).toBe(BACKUP_TABLES.reduce((n, t) => n + b[t].length, 0));
    const back = await exportBackup(dst, { includePhones: true, now: NOW });
    for (const t of BACKUP_TABLES) {
      // Phone hashes from another install are dropped; everything else is as exported.
      if (t === 'accounts')
        expect(back[t].map((a) => ({ ...a, phoneHash: null }))).toEqual(
          b[t].map((a) => ({ ...a, phoneHash: null })),
        );
      else expect(back[t], t).toEqual(b[t]);
    }
    expect(back.institutions).toEqual([]);
  });

  it('a version 1 file into a ledger with a roster keeps the roster', async () => {
    const db = freshDb();
    await seedWithRoster(db);
    const before = await exportBackup(db, { now: NOW });
    const r = await applyImport(db, asVersion1(before));
    expect(r).toMatchObject({ ok: true, written: 0 });
    expect(await exportBackup(db, { now: NOW })).toEqual(before);
  });

  it('a hand-written version 1 file (literal text of the old format)', async () => {
    const text = `{
"format":"guanghe-ledger",
"version":1,
"exportedAt":"2025-01-06T02:00:00.000Z",
"schemaVersion":1,
"phonesIncluded":false,
"phoneKeyId":null,
"workspaces":[
{"createdAt":1,"id":"ws-old","mainAccountId":"acc-old-main","name":"老店","updatedAt":1}
],
"accounts":[
{"createdAt":1,"guangguangId":"old-main","id":"acc-old-main","identity":null,"nickname":"老店主号","note":"","phoneHash":null,"phoneMask":null,"role":"main","storeName":null,"storeType":null,"updatedAt":1,"workspaceId":"ws-old"},
{"createdAt":2,"guangguangId":"old-1","id":"acc-old-1","identity":"expert","nickname":"矩阵一","note":"","phoneHash":null,"phoneMask":null,"role":"matrix","storeName":null,"storeType":null,"updatedAt":2,"workspaceId":"ws-old"}
],
"bindings":[
{"createdAt":3,"id":"b-old-1","invitedAt":3,"mainAccountId":"acc-old-main","matrixAccountId":"acc-old-1","state":"pending","stateChangedAt":3,"stateSource":"manual","updatedAt":3,"workspaceId":"ws-old"}
],
"permissions":[],
"events":[
{"action":"created","actorAccountId":"acc-old-main","at":3,"bindingId":"b-old-1","captureKey":null,"cause":null,"entityId":"b-old-1","entityType":"binding","field":null,"from":null,"id":"e-old-1","reason":null,"scope":null,"seq":0,"source":"manual","to":"pending","workspaceId":"ws-old"}
],
"settings":[
{"key":"staleThresholdDays","updatedAt":4,"value":7}
]
}
`;
    const db = freshDb();
    const p = await previewImport(db, text);
    expect(p).toMatchObject({ ok: true, new: 6, errors: [] });
    await applyImport(db, text);
    expect(await db.bindings.get('b-old-1')).toMatchObject({ state: 'pending', workspaceId: 'ws-old' });
    expect(await db.members.count()).toBe(0);
    // Re-exported in the current format, with the (empty) roster tables.
    const b = JSON.parse(await exportJson(db, { now: NOW })) as LedgerBackup;
    expect(b).toMatchObject({ version: 2, institutions: [], members: [], memberEvents: [] });
  });
});
