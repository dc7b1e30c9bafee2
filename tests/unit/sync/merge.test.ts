/**
 * Two members edit one shared workspace offline; their documents exchange updates in either order.
 * Every replica must read the same ledger, with states derived from the merged events, no impossible
 * combination, every event kept with its author, and nothing readable in what the server stores.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { docMap, readDoc, writeChange } from '@/utils/sync/doc';
import { deriveWorkspaceKeys, newWorkspaceSecret, sealText, sharedPhoneHash } from '@/utils/sync/keys';
import { projectWorkspace } from '@/utils/sync/project';
import { account, binding, event, permission, permStep, step, workspace, WS } from './fixtures';

async function setup() {
  const keys = await deriveWorkspaceKeys(newWorkspaceSecret(), WS);
  const main = account({ guangguangId: '2210000002', role: 'main', nickname: '小林的杂货铺' });
  const phoneHash = await sharedPhoneHash(keys, '13800138000');
  const x = account({ guangguangId: '3310000001', phoneMask: '138****8000', phoneHash });
  const bx = binding(main.id, x.id, 'accepted', 10);
  const px = permission(bx.id, 'requested', 20);
  const base = {
    workspace: workspace(main.id),
    accounts: [main, x],
    bindings: [bx],
    permissions: [px],
    events: [
      step(bx, null, 'pending', 5),
      step(bx, 'pending', 'accepted', 10),
      permStep(px, null, 'requested', 20),
    ],
  };
  const a = new Y.Doc();
  await writeChange(a, keys, 'alice', base);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { keys, main, x, bx, px, a, b };
}

const sync = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

describe('shared workspace merge', () => {
  it('two offline edits of one binding converge, with states from the events and both events kept', async () => {
    const { keys, main, bx, px, a, b } = await setup();
    // Alice unbinds at t=100 (her engine also ends the active permission).
    const unbindEvt = step(bx, 'accepted', 'unbound', 100);
    const revokeEvt = { ...permStep(px, 'requested', 'revoked', 100), cause: 'unbind' as const };
    await writeChange(a, keys, 'alice', {
      bindings: [{ ...bx, state: 'unbound', stateChangedAt: 100, updatedAt: 100 }],
      permissions: [{ ...px, state: 'revoked', stateChangedAt: 100, updatedAt: 100 }],
      events: [unbindEvt, revokeEvt],
    });
    // Bob, offline, sees the permission granted at t=200 (later than the unbind he has not seen).
    const grantEvt = permStep(px, 'requested', 'granted', 200);
    await writeChange(b, keys, 'bob', {
      permissions: [{ ...px, state: 'granted', stateChangedAt: 200, updatedAt: 200 }],
      events: [grantEvt],
    });
    // Both record the same new matrix account offline, under ids of their own.
    const yA = account({ guangguangId: '3310000009', nickname: 'A 记的', updatedAt: 150, createdAt: 150 });
    const yB = account({ guangguangId: '3310000009', nickname: 'B 记的', updatedAt: 160, createdAt: 160 });
    const byA = binding(main.id, yA.id, 'pending', 150);
    const byB = binding(main.id, yB.id, 'pending', 160);
    await writeChange(a, keys, 'alice', {
      accounts: [yA],
      bindings: [byA],
      events: [step(byA, null, 'pending', 150)],
    });
    await writeChange(b, keys, 'bob', {
      accounts: [yB],
      bindings: [byB],
      events: [step(byB, null, 'pending', 160)],
    });

    // Exchange in opposite orders.
    const c = new Y.Doc();
    sync(b, c);
    sync(a, c);
    sync(a, b);
    sync(b, a);
    const pa = projectWorkspace(await readDoc(a, keys, WS));
    const pb = projectWorkspace(await readDoc(b, keys, WS));
    const pc = projectWorkspace(await readDoc(c, keys, WS));
    expect(pb).toEqual(pa);
    expect(pc).toEqual(pa);

    const boundX = pa.bindings.find((r) => r.id === bx.id)!;
    expect(boundX.state).toBe('unbound');
    // Granted after the unbind, offline: revoked, never "granted on an unbound binding".
    const perm = pa.permissions.find((r) => r.id === px.id)!;
    expect(perm.state).toBe('revoked');
    const timeline = pa.events.filter((e) => e.entityId === px.id).map((e) => [e.to, e.author]);
    expect(timeline).toEqual([
      ['requested', 'alice'],
      ['revoked', 'alice'],
      ['granted', 'bob'],
    ]);

    // One account for the 逛逛号, the smaller id, the newer fields; one binding, both events on it.
    const ys = pa.accounts.filter((r) => r.guangguangId === '3310000009');
    expect(ys).toHaveLength(1);
    expect(ys[0]!.id).toBe([yA.id, yB.id].sort()[0]);
    expect(ys[0]!.nickname).toBe('B 记的');
    const yBindings = pa.bindings.filter((r) => r.matrixAccountId === ys[0]!.id);
    expect(yBindings).toHaveLength(1);
    expect(yBindings[0]!.state).toBe('pending');
    expect(pa.events.filter((e) => e.entityId === yBindings[0]!.id)).toHaveLength(2);
    expect(pa.bindings.every((r) => pa.accounts.some((acc) => acc.id === r.matrixAccountId))).toBe(true);
    expect(pa.workspace?.mainAccountId).toBe(main.id);
  });

  it('keeps every event once, however often and in whatever order updates arrive', async () => {
    const { keys, bx, a, b } = await setup();
    const evts = Array.from({ length: 40 }, (_, i) =>
      event({
        entityType: 'binding',
        entityId: bx.id,
        bindingId: bx.id,
        action: 'updated',
        field: 'note',
        at: 300 + i,
      }),
    );
    await writeChange(a, keys, 'alice', { events: evts.slice(0, 20) });
    await writeChange(b, keys, 'bob', { events: evts.slice(10) });
    // An event already there is never replaced, not even by a later write of the same id.
    await writeChange(a, keys, 'mallory', { events: [evts[0]!] });
    for (let i = 0; i < 3; i++) {
      sync(a, b);
      sync(b, a);
    }
    const pa = projectWorkspace(await readDoc(a, keys, WS));
    expect(pa).toEqual(projectWorkspace(await readDoc(b, keys, WS)));
    expect(pa.events.filter((e) => e.field === 'note')).toHaveLength(40);
    expect(pa.events.find((e) => e.id === evts[0]!.id)?.author).toBe('alice');
    expect(new Set(pa.events.map((e) => e.id)).size).toBe(pa.events.length);
  });

  it('stores nothing readable: no phone digits, mask, hash, name or 逛逛号 in the document the server keeps', async () => {
    const { keys, x, a } = await setup();
    const bytes = Y.encodeStateAsUpdate(a);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    for (const secret of [
      '13800138000',
      '138****8000',
      x.phoneHash!,
      x.phoneHash!.slice(0, 16),
      '3310000001',
      '小林',
      'accepted',
      'proxy-publish',
    ])
      expect(text, secret).not.toContain(secret);
    // And yet it is all there for a member.
    const p = projectWorkspace(await readDoc(a, keys, WS));
    expect(p.accounts.find((r) => r.id === x.id)?.phoneMask).toBe('138****8000');
    expect(p.accounts.find((r) => r.id === x.id)?.phoneHash).toBe(x.phoneHash);
  });

  it('leaves out what a hostile or broken peer wrote, and reads the rest', async () => {
    const { keys, x, a } = await setup();
    const other = await deriveWorkspaceKeys(newWorkspaceSecret(), WS);
    const good = docMap(a, 'accounts').get(x.id)!;
    a.transact(() => {
      docMap(a, 'accounts').set('moved', good); // a value moved under another key
      docMap(a, 'events').set('garbage', 'not sealed');
      docMap(a, 'bindings').set('notjson', '');
    });
    const wrongKey = account({ guangguangId: '3310000077' });
    await writeChange(a, other, 'eve', { accounts: [wrongKey] });
    const bad = account({ guangguangId: '' }); // not a valid row once opened
    docMap(a, 'accounts').set(
      bad.id,
      await sealText(keys, JSON.stringify({ row: bad, by: 'eve' }), `accounts:${bad.id}`),
    );
    const badAuthor = account({ guangguangId: '3310000078' });
    docMap(a, 'accounts').set(
      badAuthor.id,
      await sealText(keys, JSON.stringify({ row: badAuthor, by: '' }), `accounts:${badAuthor.id}`),
    );
    const content = await readDoc(a, keys, WS);
    expect(content.refused).toEqual(
      [
        `accounts:${bad.id}`,
        `accounts:${badAuthor.id}`,
        `accounts:${wrongKey.id}`,
        'accounts:moved',
        'bindings:notjson',
        'events:garbage',
      ].sort(),
    );
    expect(content.accounts.map((r) => r.row.guangguangId).sort()).toEqual(['2210000002', '3310000001']);
    expect(projectWorkspace(content).bindings).toHaveLength(1);
  });
});

describe('re-sending what a member holds', () => {
  it('never takes a later edit back: an older copy of a row is not written over a newer one', async () => {
    const { keys, x, a, b } = await setup();
    await writeChange(b, keys, 'bob', { accounts: [{ ...x, nickname: '新昵称', updatedAt: 500 }] });
    sync(b, a);
    // Alice's worker restarts offline and re-sends the account as her ledger had it before.
    expect(await writeChange(a, keys, 'alice', { accounts: [{ ...x, updatedAt: 400 }] })).toBe(0);
    expect(
      await writeChange(a, keys, 'alice', { accounts: [{ ...x, nickname: '更新的', updatedAt: 600 }] }),
    ).toBe(1);
    const p = projectWorkspace(await readDoc(a, keys, WS));
    expect(p.accounts.find((r) => r.id === x.id)?.nickname).toBe('更新的');
  });
});
