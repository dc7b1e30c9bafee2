/**
 * The sent watermark of shared workspaces (utils/ledger/outbox.ts, schema v5): the write path records
 * a shared workspace's events in the outbox in the same transaction; `unsentChange` then looks at the
 * outbox only, unless a full comparison is due; an acknowledgement deletes what it covers and nothing
 * written after it.
 */
import { describe, expect, it } from 'vitest';
import {
  applyImport,
  createWorkspace,
  exportJson,
  recordInvite,
  requestPermission,
  transitionBinding,
  upsertAccount,
} from '@/utils/ledger';
import {
  acknowledge,
  closeOutbox,
  markReset,
  openOutbox,
  outboxOf,
  readMark,
  setReadOnly,
} from '@/utils/ledger/outbox';
import { unsentChange } from '@/utils/ledger/shared';
import * as Y from 'yjs';
import { docMap, readDoc, writeChange, type DocKind } from '@/utils/sync/doc';
import { deriveWorkspaceKeys, newWorkspaceSecret } from '@/utils/sync/keys';
import { freshDb, T0 } from './helpers';

async function sharedLedger() {
  const db = freshDb();
  const { workspace } = await createWorkspace(
    db,
    { name: '小林的杂货铺', mainAccount: { guangguangId: '2210000002', nickname: '小林' } },
    { now: T0 },
  );
  const { workspace: other } = await createWorkspace(
    db,
    { name: '别家', mainAccount: { guangguangId: '2210000003', nickname: '别人' } },
    { now: T0 },
  );
  await openOutbox(db, workspace.id);
  return { db, ws: workspace.id, other: other.id };
}

const eventIdsOf = async (db: ReturnType<typeof freshDb>, ws: string) =>
  (await db.events.where('workspaceId').equals(ws).primaryKeys()).sort();

describe('the outbox', () => {
  it('records the events written to a shared workspace only, in write order, in their own transaction', async () => {
    const { db, ws, other } = await sharedLedger();
    // Events written before sharing began are not in it (the first full comparison finds them).
    expect((await outboxOf(db, ws)).eventIds).toEqual([]);
    const before = new Set(await eventIdsOf(db, ws));
    const { binding } = await recordInvite(db, ws, { account: { guangguangId: '3310000001' } });
    await transitionBinding(db, binding.id, 'accepted');
    await upsertAccount(db, other, { guangguangId: '3310000009' });
    const fresh = (await db.events.where('workspaceId').equals(ws).toArray())
      .filter((e) => !before.has(e.id))
      .sort((a, b) => a.at - b.at || a.seq - b.seq)
      .map((e) => e.id);
    const box = await outboxOf(db, ws);
    expect(box.eventIds).toEqual(fresh);
    expect(box.through).toBeGreaterThan(0);
    // Nothing for the workspace that is not shared.
    expect((await outboxOf(db, other)).eventIds).toEqual([]);
    expect(await db.outbox.count()).toBe(fresh.length);
    // Sharing ends: the mark and the rows go, and later events are not recorded.
    await closeOutbox(db, ws);
    expect(await readMark(db, ws)).toBeNull();
    await upsertAccount(db, ws, { guangguangId: '3310000002' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('unsentChange compares everything until a full comparison was acknowledged, then the outbox only', async () => {
    const { db, ws } = await sharedLedger();
    const all = await eventIdsOf(db, ws);
    const asked: string[] = [];
    const inDoc = (kind: string, id: string) => (kind === 'events' && asked.push(id), false);
    const first = await unsentChange(db, ws, inDoc);
    expect(first.full).toBe(true);
    expect(first.events!.map((e) => e.id).sort()).toEqual(all);
    expect(asked.sort()).toEqual(all);
    // Acknowledged (the document has them all now).
    await acknowledge(db, ws, { through: first.through, compared: true, client: 7, clock: 12 });
    expect(await readMark(db, ws)).toEqual({ compared: true, written: [[7, 12]] });
    const { binding } = await recordInvite(db, ws, { account: { guangguangId: '3310000001' } });
    const newer = (await eventIdsOf(db, ws)).filter((id) => !all.includes(id));
    expect(newer.length).toBeGreaterThan(0);
    asked.length = 0;
    const next = await unsentChange(db, ws, inDoc);
    expect(next.full).toBe(false);
    // Only the events written since: the earlier ones are not even looked at.
    expect(asked.sort()).toEqual([...newer].sort());
    expect(next.events!.map((e) => e.id).sort()).toEqual([...newer].sort());
    expect(next.bindings!.map((b) => b.id)).toEqual([binding.id]);
    // Asked for in full (a session that found the document reset), it compares everything again.
    const full = await unsentChange(db, ws, () => false, { full: true });
    expect(full.full).toBe(true);
    expect(full.events).toHaveLength(all.length + newer.length);
  });

  it('an acknowledgement deletes the rows it covers, not one written after it', async () => {
    const { db, ws } = await sharedLedger();
    await upsertAccount(db, ws, { guangguangId: '3310000001' });
    const read = await outboxOf(db, ws);
    expect(read.eventIds).toHaveLength(1);
    // Written after the change was read, before the acknowledgement arrives.
    await upsertAccount(db, ws, { guangguangId: '3310000002' });
    await acknowledge(db, ws, { through: read.through, compared: true, client: 1, clock: 3 });
    const left = await outboxOf(db, ws);
    expect(left.eventIds).toHaveLength(1);
    expect(left.eventIds[0]).not.toBe(read.eventIds[0]);
    // A reset mark asks for a full comparison again and forgets the acknowledged clocks.
    await markReset(db, ws);
    expect(await readMark(db, ws)).toEqual({ compared: false, written: [] });
    expect((await unsentChange(db, ws, () => true)).full).toBe(true);
  });

  it('keeps the newest 32 acknowledged client clocks, each client once', async () => {
    const { db, ws } = await sharedLedger();
    for (let c = 1; c <= 40; c++)
      await acknowledge(db, ws, { through: 0, compared: false, client: c, clock: c * 10 });
    await acknowledge(db, ws, { through: 0, compared: false, client: 20, clock: 999 });
    const { written } = (await readMark(db, ws))!;
    expect(written).toHaveLength(32);
    expect(written.at(-1)).toEqual([20, 999]);
    expect(written.filter(([c]) => c === 20)).toHaveLength(1);
    // Clients 1..8 fell out; 9 is the oldest kept.
    expect(written[0]).toEqual([9, 90]);
  });

  it('events a backup import adds to a shared workspace go in the outbox too', async () => {
    const { db, ws } = await sharedLedger();
    const src = freshDb();
    // The same workspace elsewhere, with an event this ledger lacks.
    await applyImport(src, await exportJson(db));
    await upsertAccount(src, ws, { guangguangId: '3310000005' });
    const extra = await eventIdsOf(src, ws);
    const mine = new Set(await eventIdsOf(db, ws));
    await applyImport(db, await exportJson(src));
    const added = extra.filter((id) => !mine.has(id));
    expect(added).toHaveLength(1);
    expect((await outboxOf(db, ws)).eventIds).toEqual(added);
  });

  it('a full comparison includes every row the document lacks, by kind, events or not; the outbox only those named', async () => {
    const { db, ws } = await sharedLedger();
    const { binding } = await recordInvite(db, ws, { account: { guangguangId: '3310000001' } });
    await transitionBinding(db, binding.id, 'accepted');
    const [perm] = await requestPermission(db, binding.id, 'proxy-publish');
    const lone = await upsertAccount(db, ws, { guangguangId: '3310000002' });
    // No event names the permission or the lone account any more (restored rows, older data).
    await db.events
      .where('workspaceId')
      .equals(ws)
      .filter((e) => e.entityId === perm!.id || e.entityId === lone.id)
      .delete();
    // The document holds every event and the binding, nothing else.
    const held = (kind: string, id: string) =>
      kind === 'events' || (kind === 'bindings' && id === binding.id);
    const full = await unsentChange(db, ws, held);
    expect(full.full).toBe(true);
    expect(full.events).toEqual([]);
    expect(full.permissions!.map((p) => p.id)).toEqual([perm!.id]);
    expect(full.accounts!.map((a) => a.id)).toContain(lone.id);
    expect(full.workspace?.id).toBe(ws);
    // Lacking: three accounts (main, invited, lone), the permission and the workspace row.
    expect(full.size).toBe(5);
    // Held rows come too (writeChange keeps the newer copy), but do not count as unsent.
    expect(full.bindings!.map((b) => b.id)).toEqual([binding.id]);
    expect((await unsentChange(db, ws, () => true)).size).toBe(0);
    // After an acknowledged full comparison, the outbox decides: the permission has no event there.
    await acknowledge(db, ws, { through: full.through, compared: true, client: 1, clock: 1 });
    const box = await unsentChange(db, ws, held);
    expect(box.full).toBe(false);
    expect(box.permissions).toEqual([]);
  });

  it('a read-only mark empties the outbox and records nothing; read-write again asks for a full comparison', async () => {
    const { db, ws } = await sharedLedger();
    await acknowledge(db, ws, { through: 0, compared: true, client: 3, clock: 9 });
    await upsertAccount(db, ws, { guangguangId: '3310000001' });
    expect((await outboxOf(db, ws)).eventIds).toHaveLength(1);
    expect(await setReadOnly(db, ws, true)).toBe(true);
    expect(await setReadOnly(db, ws, true)).toBe(false);
    expect(await readMark(db, ws)).toEqual({ compared: true, written: [[3, 9]], readOnly: true });
    expect((await outboxOf(db, ws)).eventIds).toEqual([]);
    for (let i = 0; i < 3; i++) await upsertAccount(db, ws, { guangguangId: String(3310000002 + i) });
    expect(await db.outbox.count()).toBe(0);
    // An acknowledgement or a reset keeps the read-only flag.
    await acknowledge(db, ws, { through: 0, compared: true, client: 3, clock: 10 });
    await markReset(db, ws);
    expect((await readMark(db, ws))?.readOnly).toBe(true);
    await acknowledge(db, ws, { through: 0, compared: true, client: 3, clock: 11 });
    expect(await setReadOnly(db, ws, false)).toBe(true);
    expect(await readMark(db, ws)).toEqual({ compared: false, written: [[3, 11]] });
    expect((await unsentChange(db, ws, () => false)).full).toBe(true);
    await upsertAccount(db, ws, { guangguangId: '3310000009' });
    expect((await outboxOf(db, ws)).eventIds).toHaveLength(1);
    // Without a mark there is nothing to flag.
    await closeOutbox(db, ws);
    expect(await setReadOnly(db, ws, true)).toBe(false);
    expect(await readMark(db, ws)).toBeNull();
  });

  it('a full comparison replaces the document’s copy of a row where the local one is newer, and only there', async () => {
    const { db, ws } = await sharedLedger();
    const acc = await upsertAccount(db, ws, { guangguangId: '3310000001', nickname: '旧名' });
    const doc = new Y.Doc();
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret(), ws);
    const has = (kind: DocKind, id: string) =>
      kind === 'workspace' ? docMap(doc, kind).size > 0 : docMap(doc, kind).has(id);
    await writeChange(doc, keys, 'alice', await unsentChange(db, ws, has));
    // Changed without an event (a backup's newer copy): one newer, the main account older.
    const wsRow = (await db.workspaces.get(ws))!;
    const main = (await db.accounts.get(wsRow.mainAccountId))!;
    await db.accounts.update(acc.id, { nickname: '新名', updatedAt: acc.updatedAt + 10_000 });
    await db.accounts.update(main.id, { nickname: '更旧', updatedAt: main.updatedAt - 1 });
    await db.workspaces.put({ ...wsRow, name: '新店名', updatedAt: wsRow.updatedAt + 10_000 });
    // The outbox has no event for them: nothing goes.
    await acknowledge(db, ws, { through: 0, compared: true, client: 1, clock: 1 });
    const box = await unsentChange(db, ws, has);
    expect(box.full).toBe(false);
    expect(box.size).toBe(0);
    expect(box.accounts!.map((a) => a.id)).not.toContain(acc.id);
    // In full: held rows come along (not counted as unsent), and writeChange keeps the newer copy.
    const full = await unsentChange(db, ws, has, { full: true });
    expect(full.size).toBe(0);
    expect(await writeChange(doc, keys, 'alice', full)).toBe(2);
    const content = await readDoc(doc, keys, ws);
    const nick = (id: string) => content.accounts.find((a) => a.row.id === id)?.row.nickname;
    expect(nick(acc.id)).toBe('新名');
    expect(nick(main.id)).toBe('小林');
    expect(content.workspace?.row.name).toBe('新店名');
  });
});
