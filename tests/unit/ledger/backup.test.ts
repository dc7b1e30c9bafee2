import { describe, expect, it } from 'vitest';
import {
  BACKUP_TABLES,
  IMPORT_CHUNK,
  LEDGER_SCHEMA_VERSION,
  LedgerImportError,
  LedgerStorageFullError,
  applyImport,
  exportBackup,
  exportJson,
  parseBackup,
  previewImport,
  recordInvite,
  recordPageCapture,
  requestPermission,
  transitionBinding,
  unbind,
  updateSettings,
  upsertAccount,
  type LedgerBackup,
  type LedgerDb,
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
      version: 1,
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
      JSON.stringify({ format: 'guanghe-ledger', version: 2 }),
      /version 2 is newer .* update/,
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
