/**
 * Table-driven from the machine data: every (from, to) pair of both machines is tried through the real
 * commands. A state or transition added to lifecycle.ts is covered here without editing this file.
 */
import { describe, expect, it } from 'vitest';
import {
  BINDING_MACHINE,
  IllegalTransitionError,
  PERMISSION_MACHINE,
  ACTIVE_PERMISSION_STATES,
  canTransition,
  getEntityHistory,
  shortestPath,
  transitionBinding,
  transitionPermission,
  type Machine,
} from '@/utils/ledger';
import { acceptedBinding, freshDb, newWorkspace, T0 } from './helpers';

function pairs<S extends string>(m: Machine<S>) {
  return m.states.flatMap((from) => m.states.map((to) => ({ from, to, legal: canTransition(m, from, to) })));
}

describe.each([BINDING_MACHINE, PERMISSION_MACHINE] as Machine<string>[])('$name machine data', (m) => {
  it('only names known states, has no duplicate steps and no self-loops', () => {
    const keys = m.transitions.map((t) => `${t.from}>${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of m.transitions) {
      expect(m.states).toContain(t.from);
      expect(m.states).toContain(t.to);
      expect(t.from).not.toBe(t.to);
      expect(t.zh.length).toBeGreaterThan(0);
      expect(t.en.length).toBeGreaterThan(0);
    }
    for (const s of m.initial) expect(m.states).toContain(s);
  });

  it('every state is reachable from an initial state and has a zh label', () => {
    for (const s of m.states) {
      expect(m.labelsZh[s]).toBeTruthy();
      const reachable = m.initial.some((i) => i === s || shortestPath(m, i, s) !== null);
      expect(reachable, `${s} unreachable`).toBe(true);
    }
  });
});

describe('binding transitions through transitionBinding', () => {
  it.each(pairs(BINDING_MACHINE))('$from → $to (legal: $legal)', async ({ from, to, legal }) => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const { binding, perms } = await acceptedBinding(db, workspace.id, 'gg-1', T0, [
      'proxy-publish',
      'shop-card',
    ]);
    await db.bindings.put({ ...binding, state: from });
    const before = await db.events.count();

    if (!legal) {
      const err = await transitionBinding(db, binding.id, to, { now: T0 + 100 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IllegalTransitionError);
      const e = err as IllegalTransitionError;
      expect(e.zh).toMatch(/绑定状态不能从/);
      expect(e.en).toContain(`"${from}" → "${to}"`);
      expect(e.from).toBe(from);
      expect(e.to).toBe(to);
      expect((await db.bindings.get(binding.id))?.state).toBe(from);
      expect(await db.events.count()).toBe(before);
      return;
    }

    const r = await transitionBinding(db, binding.id, to, { now: T0 + 100 });
    expect(r.binding.state).toBe(to);
    expect(r.binding.stateChangedAt).toBe(T0 + 100);
    const ev = (await getEntityHistory(db, binding.id)).reverse();
    const last = ev.filter((e) => e.action === 'transition').at(-1);
    expect(last).toMatchObject({ from, to, source: 'manual', action: 'transition', field: 'state' });
    if (from === 'accepted') {
      // Leaving accepted revokes every active permission, one event each.
      expect(r.revoked.map((p) => p.id).sort()).toEqual(perms.map((p) => p.id).sort());
      for (const p of perms) expect((await db.permissions.get(p.id))?.state).toBe('revoked');
      expect(await db.events.count()).toBe(before + 1 + perms.length);
    } else {
      expect(r.revoked).toEqual([]);
      expect(await db.events.count()).toBe(before + 1);
    }
  });
});

describe('permission transitions through transitionPermission', () => {
  it.each(pairs(PERMISSION_MACHINE))('$from → $to (legal: $legal)', async ({ from, to, legal }) => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);
    const { perms } = await acceptedBinding(db, workspace.id, 'gg-1', T0, ['product-pool']);
    const perm = perms[0]!;
    await db.permissions.put({ ...perm, state: from });
    const before = await db.events.count();

    const run = () => transitionPermission(db, perm.id, to, { now: T0 + 100 });
    if (!legal) {
      const err = await run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IllegalTransitionError);
      expect((err as IllegalTransitionError).zh).toMatch(/权限状态不能从/);
      expect((await db.permissions.get(perm.id))?.state).toBe(from);
      expect(await db.events.count()).toBe(before);
      return;
    }
    const p = await run();
    expect(p.state).toBe(to);
    if (to === 'requested') expect(p.requestedAt).toBe(T0 + 100);
    const ev = (await getEntityHistory(db, perm.id))[0];
    expect(ev).toMatchObject({ from, to, action: 'transition', scope: 'product-pool' });
    expect(await db.events.count()).toBe(before + 1);
  });
});

it('active permission states are exactly those with a step to revoked', () => {
  const withRevoke = PERMISSION_MACHINE.states.filter((s) => canTransition(PERMISSION_MACHINE, s, 'revoked'));
  expect([...ACTIVE_PERMISSION_STATES].sort()).toEqual(withRevoke.sort());
});
