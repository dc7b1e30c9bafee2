/**
 * Two browsers' ledgers (Dexie, fake-indexeddb) sharing one workspace through its document: every
 * local write goes out as what the document lacks, the merged document comes back as rows, and both
 * ledgers end equal, local rows not yet sent kept, the pending queue re-derived.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  createWorkspace,
  getPendingQueue,
  recordInvite,
  requestPermission,
  transitionBinding,
  transitionPermission,
  unbind,
  type LedgerDb,
} from '@/utils/ledger';
import { applyShared, unsentChange } from '@/utils/ledger/shared';
import { docMap, readDoc, writeChange, DOC_KINDS } from '@/utils/sync/doc';
import { deriveWorkspaceKeys, newWorkspaceSecret, type WorkspaceKeys } from '@/utils/sync/keys';
import { projectWorkspace } from '@/utils/sync/project';
import { freshDb, T0 } from '../ledger/helpers';

const sync = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

/** One member: a ledger, a replica of the document, a name. */
function member(db: LedgerDb, doc: Y.Doc, keys: WorkspaceKeys, by: string, ws: string) {
  return {
    db,
    doc,
    async push() {
      const change = await unsentChange(db, ws, (kind, id) =>
        kind === 'workspace' ? docMap(doc, kind).size > 0 : docMap(doc, kind).has(id),
      );
      await writeChange(doc, keys, by, change);
      return change.size;
    },
    async pull() {
      const content = await readDoc(doc, keys, ws);
      const ids = new Set<string>();
      for (const kind of DOC_KINDS) for (const k of docMap(doc, kind).keys()) ids.add(k);
      ids.add(ws);
      return applyShared(db, ws, projectWorkspace(content), ids);
    },
  };
}

async function rows(db: LedgerDb, ws: string) {
  const sorted = <R extends { id: string }>(list: R[]) => list.sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    workspace: await db.workspaces.get(ws),
    accounts: sorted(await db.accounts.where('workspaceId').equals(ws).toArray()),
    bindings: sorted(await db.bindings.where('workspaceId').equals(ws).toArray()),
    permissions: sorted(await db.permissions.where('workspaceId').equals(ws).toArray()),
    events: sorted(await db.events.where('workspaceId').equals(ws).toArray()),
    pending: await db.pending.where('workspaceId').equals(ws).toArray(),
  };
}

describe('a shared workspace between two ledgers', () => {
  it('an invite made in A is in B; offline edits of one binding on both converge with both events kept', async () => {
    const dbA = freshDb();
    const dbB = freshDb();
    const { workspace } = await createWorkspace(
      dbA,
      { name: '小林的杂货铺', mainAccount: { guangguangId: '2210000002', nickname: '小林' } },
      { now: T0 },
    );
    const ws = workspace.id;
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret(), ws);
    const A = member(dbA, new Y.Doc(), keys, 'alice', ws);
    const B = member(dbB, new Y.Doc(), keys, 'bob', ws);

    const { binding } = await recordInvite(
      dbA,
      ws,
      { account: { guangguangId: '3310000001' } },
      { now: T0 + 1 },
    );
    expect(await A.push()).toBeGreaterThan(0);
    expect(await A.push()).toBe(0); // nothing left unsent
    sync(A.doc, B.doc);
    await B.pull();
    expect((await rows(dbB, ws)).bindings.map((b) => [b.id, b.state])).toEqual([[binding.id, 'pending']]);
    expect((await getPendingQueue(dbB, ws, T0 + 2)).map((p) => p.guangguangId)).toEqual(['3310000001']);

    // Both: accepted and a permission requested, synced.
    await transitionBinding(dbA, binding.id, 'accepted', { now: T0 + 10 });
    const [perm] = await requestPermission(dbA, binding.id, 'proxy-publish', { now: T0 + 11 });
    await A.push();
    sync(A.doc, B.doc);
    await B.pull();

    // Offline: A unbinds at +100, B sees the permission granted at +200.
    await unbind(dbA, binding.id, { now: T0 + 100 });
    await transitionPermission(dbB, perm!.id, 'granted', { now: T0 + 200 });
    // B also records a note-only local account it has not sent yet.
    await A.push();
    await B.push();
    await recordInvite(dbB, ws, { account: { guangguangId: '3310000005' } }, { now: T0 + 300 });
    sync(A.doc, B.doc);
    sync(B.doc, A.doc);
    await A.pull();
    await B.pull();
    const a = await rows(dbA, ws);
    const b = await rows(dbB, ws);
    // B's unsent invite is kept in B (and only there, until it is sent).
    expect(b.accounts.map((r) => r.guangguangId)).toContain('3310000005');
    expect(a.accounts.map((r) => r.guangguangId)).not.toContain('3310000005');
    await B.push();
    sync(B.doc, A.doc);
    sync(A.doc, B.doc);
    await A.pull();
    await B.pull();
    const a2 = await rows(dbA, ws);
    const b2 = await rows(dbB, ws);
    expect(b2).toEqual(a2);
    expect(a2.bindings.find((r) => r.id === binding.id)?.state).toBe('unbound');
    expect(a2.permissions.find((r) => r.id === perm!.id)?.state).toBe('revoked');
    const permTimeline = a2.events
      .filter((e) => e.entityId === perm!.id)
      .sort((x, y) => x.at - y.at)
      .map((e) => [e.to, e.author]);
    expect(permTimeline).toEqual([
      ['requested', 'alice'],
      ['revoked', 'alice'],
      ['granted', 'bob'],
    ]);
    expect(a2.pending.map((p) => p.guangguangId)).toEqual(['3310000005']);
    // A second pull changes nothing.
    expect((await A.pull()).written).toBe(0);
  });
});
