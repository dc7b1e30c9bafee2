/**
 * A session's pulls write only what changed (utils/ledger/shared.ts `applyShared` with the state the
 * last pull left, `readDoc`'s cache, `projectWorkspace`'s memo): property, after any sequence of
 * peers' edits (folds of one 逛逛号 recorded twice included) and local writes, a ledger pulled that way
 * equals one that compared the whole workspace every time, pending table included. And one peer edit
 * opens one value and writes one row, however large the workspace.
 */
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { LedgerDb } from '@/utils/ledger';
import { AppliedProjection, applyShared } from '@/utils/ledger/shared';
import {
  BINDING_STATES,
  PERMISSION_STATES,
  type AccountRow,
  type BindingRow,
  type PermissionRow,
} from '@/utils/ledger/types';
import { DOC_KINDS, docMap, OpenCache, readDoc, writeChange } from '@/utils/sync/doc';
import { deriveWorkspaceKeys, newWorkspaceSecret, type WorkspaceKeys } from '@/utils/sync/keys';
import { ProjectionMemo, projectWorkspace } from '@/utils/sync/project';
import { freshDb } from '../ledger/helpers';
import { account, binding, permission, permStep, step, workspace, WS } from './fixtures';

const GGS = ['3310000001', '3310000002', '3310000003'];

function docIds(doc: Y.Doc): Set<string> {
  const ids = new Set<string>([WS]);
  for (const kind of DOC_KINDS) for (const k of docMap(doc, kind).keys()) ids.add(k);
  return ids;
}

/** A member pulling as the session does: cache, memo and applied state kept between pulls. */
function incremental(db: LedgerDb, keys: WorkspaceKeys) {
  const cache = new OpenCache();
  const memo = new ProjectionMemo();
  const applied = new AppliedProjection();
  return {
    db,
    applied,
    cache,
    async pull(doc: Y.Doc) {
      const content = await readDoc(doc, keys, WS, cache);
      return applyShared(db, WS, projectWorkspace(content, memo), docIds(doc), applied);
    },
  };
}

async function pullFull(db: LedgerDb, keys: WorkspaceKeys, doc: Y.Doc) {
  return applyShared(db, WS, projectWorkspace(await readDoc(doc, keys, WS)), docIds(doc));
}

async function ledger(db: LedgerDb) {
  const of = async <R extends { id: string }>(t: {
    where(i: string): { equals(v: string): { toArray(): Promise<R[]> } };
  }) => (await t.where('workspaceId').equals(WS).toArray()).sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    workspace: await db.workspaces.get(WS),
    accounts: await of(db.accounts),
    bindings: await of(db.bindings),
    permissions: await of(db.permissions),
    events: await of(db.events),
    // The first screen's account window (utils/ledger/account-window.ts), kept by both paths.
    window: (await db.meta.get(`accountWindow:${WS}`))?.value,
    pending: (await db.pending.where('workspaceId').equals(WS).toArray()).sort((a, b) =>
      a.id < b.id ? -1 : 1,
    ),
  };
}

type Op =
  | { kind: 'account'; gg: number; at: number }
  | { kind: 'bind'; b: number; to: number; at: number }
  | { kind: 'perm'; p: number; to: number; at: number }
  | { kind: 'rename'; a: number; at: number }
  | { kind: 'local'; a: number; at: number }
  | { kind: 'pull' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('account' as const), gg: fc.nat(2), at: fc.nat(1000) }),
  fc.record({
    kind: fc.constant('bind' as const),
    b: fc.nat(2),
    to: fc.nat(BINDING_STATES.length - 1),
    at: fc.nat(1000),
  }),
  fc.record({
    kind: fc.constant('perm' as const),
    p: fc.nat(2),
    to: fc.nat(PERMISSION_STATES.length - 1),
    at: fc.nat(1000),
  }),
  fc.record({ kind: fc.constant('rename' as const), a: fc.nat(2), at: fc.nat(1000) }),
  fc.record({ kind: fc.constant('local' as const), a: fc.nat(2), at: fc.nat(1000) }),
  fc.constant({ kind: 'pull' as const }),
);

describe('pulls that write only what changed', () => {
  it('end with the same ledger as comparing the whole workspace every pull (property)', async () => {
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret(), WS);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const doc = new Y.Doc();
        const main = account({ guangguangId: '2210000002', role: 'main' });
        const accounts: AccountRow[] = GGS.map((gg) => account({ guangguangId: gg }));
        const bindings: BindingRow[] = accounts.map((a) => binding(main.id, a.id, 'accepted', 1));
        const perms: PermissionRow[] = bindings.map((b) => permission(b.id, 'requested', 2));
        await writeChange(doc, keys, 'alice', {
          workspace: workspace(main.id),
          accounts: [main, ...accounts],
          bindings,
          permissions: perms,
          events: [
            ...bindings.map((b) => step(b, null, 'accepted', 1)),
            ...perms.map((p) => permStep(p, null, 'requested', 2)),
          ],
        });
        const dbD = freshDb();
        const dbF = freshDb();
        const inc = incremental(dbD, keys);
        const pullBoth = async () => {
          await inc.pull(doc);
          await pullFull(dbF, keys, doc);
          expect(await ledger(dbD)).toEqual(await ledger(dbF));
        };
        await pullBoth();
        for (const o of ops) {
          if (o.kind === 'pull') await pullBoth();
          else if (o.kind === 'account') {
            // A peer records an account (maybe a second copy of one 逛逛号: folded into the first).
            const a = account({ guangguangId: GGS[o.gg]!, nickname: `新-${o.at}`, updatedAt: o.at + 10 });
            const b = binding(main.id, a.id, 'pending', o.at + 10);
            await writeChange(doc, keys, 'bob', {
              accounts: [a],
              bindings: [b],
              events: [step(b, null, 'pending', o.at + 10)],
            });
          } else if (o.kind === 'bind') {
            const b = bindings[o.b]!;
            await writeChange(doc, keys, 'bob', {
              events: [{ ...step(b, 'accepted', BINDING_STATES[o.to]!, o.at + 10), action: 'jump' }],
            });
          } else if (o.kind === 'perm') {
            await writeChange(doc, keys, 'bob', {
              events: [permStep(perms[o.p]!, 'requested', PERMISSION_STATES[o.to]!, o.at + 10)],
            });
          } else if (o.kind === 'rename') {
            const a = { ...accounts[o.a]!, nickname: `改-${o.at}`, updatedAt: 2000 + o.at };
            accounts[o.a] = a;
            await writeChange(doc, keys, 'bob', { accounts: [a] });
          } else {
            // This browser edits a row the document holds (not sent yet): both ledgers take the same
            // write; the session marks it, so the next pull compares it with the document again.
            const there = await dbF.accounts.get(accounts[o.a]!.id);
            if (!there) continue;
            const edited = { ...there, note: `本地-${o.at}` };
            await dbF.accounts.put(edited);
            await dbD.accounts.put(edited);
            inc.applied.touch([edited.id]);
          }
        }
        await pullBoth();
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 0) > 0 ? Math.min(Number(process.env.FUZZ_RUNS), 200) : 40 },
    );
  });

  it('one peer edit in a workspace of 2,000 events opens one value and writes one account', async () => {
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret(), WS);
    const doc = new Y.Doc();
    const main = account({ guangguangId: '2210000002', role: 'main' });
    const accounts = Array.from({ length: 100 }, (_, i) =>
      account({ guangguangId: `33${String(i).padStart(8, '0')}` }),
    );
    const bindings = accounts.map((a) => binding(main.id, a.id, 'pending', 1));
    const events = bindings.flatMap((b) =>
      Array.from({ length: 20 }, (_, i) => step(b, null, 'pending', 1 + i)),
    );
    await writeChange(doc, keys, 'alice', {
      workspace: workspace(main.id),
      accounts: [main, ...accounts],
      bindings,
      events,
    });
    const db = freshDb();
    const inc = incremental(db, keys);
    await inc.pull(doc);
    expect(inc.cache.opened.size).toBe(1 + 101 + 100 + 2000);

    const renamed = { ...accounts[7]!, nickname: '改了名', updatedAt: 99 };
    await writeChange(doc, keys, 'bob', { accounts: [renamed] });
    const { written } = await inc.pull(doc);
    expect([...inc.cache.opened]).toEqual([renamed.id]);
    expect(written).toBe(1);
    expect((await db.accounts.get(renamed.id))?.nickname).toBe('改了名');
    // The pending queue shows the new name (its rows re-derived for that account only).
    expect((await db.pending.where('accountId').equals(renamed.id).toArray()).map((p) => p.nickname)).toEqual(
      ['改了名'],
    );
    // Nothing changed since: nothing opened, nothing written.
    expect((await inc.pull(doc)).written).toBe(0);
    expect(inc.cache.opened.size).toBe(0);
  });

  it('a failed pull leaves the next one comparing in full', async () => {
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret(), WS);
    const doc = new Y.Doc();
    const main = account({ guangguangId: '2210000002', role: 'main' });
    await writeChange(doc, keys, 'alice', { workspace: workspace(main.id), accounts: [main] });
    const db = freshDb();
    const inc = incremental(db, keys);
    await inc.pull(doc);
    expect(inc.applied.primed).toBe(true);
    // A write that fails inside the transaction (here: the database is gone) rolls back and forgets.
    db.close();
    await expect(inc.pull(doc)).rejects.toThrow();
    expect(inc.applied.primed).toBe(false);
  });
});
