/**
 * Property: any interleaving of offline edits on three replicas, synced in any order and any number
 * of times, ends with every replica reading the same ledger, in which no impossible state exists.
 */
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readDoc, writeChange } from '@/utils/sync/doc';
import { deriveWorkspaceKeys, newWorkspaceSecret } from '@/utils/sync/keys';
import { projectWorkspace } from '@/utils/sync/project';
import { ACTIVE_PERMISSION_STATES } from '@/utils/ledger/lifecycle';
import { BINDING_STATES, PERMISSION_STATES, type BindingRow, type PermissionRow } from '@/utils/ledger/types';
import { account, binding, permission, permStep, step, workspace, WS } from './fixtures';

const AUTHORS = ['alice', 'bob', 'carol'] as const;
const GGS = ['3310000001', '3310000002', '3310000003'];

type Op =
  | { kind: 'account'; r: number; gg: number; at: number }
  | { kind: 'bind'; r: number; b: number; to: number; at: number }
  | { kind: 'perm'; r: number; p: number; to: number; at: number }
  | { kind: 'sync'; from: number; to: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('account' as const), r: fc.nat(2), gg: fc.nat(2), at: fc.nat(1000) }),
  fc.record({
    kind: fc.constant('bind' as const),
    r: fc.nat(2),
    b: fc.nat(2),
    to: fc.nat(BINDING_STATES.length - 1),
    at: fc.nat(1000),
  }),
  fc.record({
    kind: fc.constant('perm' as const),
    r: fc.nat(2),
    p: fc.nat(2),
    to: fc.nat(PERMISSION_STATES.length - 1),
    at: fc.nat(1000),
  }),
  fc.record({ kind: fc.constant('sync' as const), from: fc.nat(2), to: fc.nat(2) }),
);

describe('shared workspace convergence (property)', () => {
  it('every replica reads the same ledger, with no active permission on a binding that is not accepted', async () => {
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret(), WS);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const main = account({ guangguangId: '2210000002', role: 'main' });
        const seedAccounts = GGS.map((gg) => account({ guangguangId: gg }));
        const seedBindings: BindingRow[] = seedAccounts.map((a) => binding(main.id, a.id, 'accepted', 1));
        const seedPerms: PermissionRow[] = seedBindings.map((b) => permission(b.id, 'granted', 2));
        const docs = AUTHORS.map(() => new Y.Doc());
        await writeChange(docs[0]!, keys, 'alice', {
          workspace: workspace(main.id),
          accounts: [main, ...seedAccounts],
          bindings: seedBindings,
          permissions: seedPerms,
          events: [
            ...seedBindings.map((b) => step(b, null, 'accepted', 1)),
            ...seedPerms.map((p) => permStep(p, null, 'granted', 2)),
          ],
        });
        for (const d of docs.slice(1)) Y.applyUpdate(d, Y.encodeStateAsUpdate(docs[0]!));
        let written = 2 * GGS.length;
        for (const o of ops) {
          if (o.kind === 'sync') {
            Y.applyUpdate(docs[o.to]!, Y.encodeStateAsUpdate(docs[o.from]!));
          } else if (o.kind === 'account') {
            const a = account({
              guangguangId: GGS[o.gg]!,
              nickname: `${AUTHORS[o.r]}-${o.at}`,
              updatedAt: o.at + 10,
            });
            const b = binding(main.id, a.id, 'pending', o.at + 10);
            await writeChange(docs[o.r]!, keys, AUTHORS[o.r]!, {
              accounts: [a],
              bindings: [b],
              events: [step(b, null, 'pending', o.at + 10)],
            });
            written++;
          } else if (o.kind === 'bind') {
            const b = seedBindings[o.b]!;
            await writeChange(docs[o.r]!, keys, AUTHORS[o.r]!, {
              events: [{ ...step(b, 'accepted', BINDING_STATES[o.to]!, o.at + 10), action: 'jump' }],
            });
            written++;
          } else {
            const p = seedPerms[o.p]!;
            await writeChange(docs[o.r]!, keys, AUTHORS[o.r]!, {
              events: [permStep(p, 'granted', PERMISSION_STATES[o.to]!, o.at + 10)],
            });
            written++;
          }
        }
        // Everyone meets everyone.
        for (const from of docs)
          for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
        const [first, ...rest] = await Promise.all(
          docs.map(async (d) => projectWorkspace(await readDoc(d, keys, WS))),
        );
        for (const p of rest) expect(p).toEqual(first);
        const p = first!;
        expect(p.events).toHaveLength(written);
        expect(new Set(p.accounts.map((a) => a.guangguangId)).size).toBe(p.accounts.length);
        const byId = new Map(p.bindings.map((b) => [b.id, b]));
        for (const perm of p.permissions) {
          const b = byId.get(perm.bindingId);
          expect(b).toBeDefined();
          if (b!.state !== 'accepted') expect(ACTIVE_PERMISSION_STATES).not.toContain(perm.state);
        }
        for (const b of p.bindings) {
          expect(p.accounts.some((a) => a.id === b.matrixAccountId)).toBe(true);
          expect(new Set(p.bindings.map((x) => x.matrixAccountId)).size).toBe(p.bindings.length);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 0) > 0 ? Math.min(Number(process.env.FUZZ_RUNS), 200) : 60 },
    );
  });
});
