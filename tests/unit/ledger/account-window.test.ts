/**
 * The account window (`account-window.ts`, issue 15) is derived state kept by the write path: after
 * writes through every path that writes accounts (create, rename, 逛逛号 change, invite, CSV import,
 * backup import into an empty and into a non-empty ledger, a shared workspace's projection, workspace
 * deletion) each workspace's row must be a true head of the list `compareAccounts` gives, and
 * `listAccountWindow` must answer from it (no read of the whole list) what the full sort gives. A row
 * that is missing, of another format or wrong is never believed.
 */
import { liveQuery, type DBCore } from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_WINDOW,
  applyImport,
  createWorkspace,
  deleteWorkspace,
  exportJson,
  listAccountWindow,
  listAccounts,
  recordInvite,
  upsertAccount,
  type AccountRow,
  type LedgerDb,
} from '@/utils/ledger';
import {
  WINDOW_FORMAT,
  WINDOW_KEEP,
  ensureAccountWindows,
  markHead,
  windowKey,
} from '@/utils/ledger/account-window';
import { compareAccounts } from '@/utils/ledger/queries';
import { applyInviteCsv } from '@/utils/ledger/csv-import';
import { applyShared } from '@/utils/ledger/shared';
import { freshDb, T0 } from './helpers';

/** Reads of the whole `accounts` list (`query` requests), counted below Dexie. */
function countQueries(db: LedgerDb): { accounts: number } {
  const seen = { accounts: 0 };
  db.use({
    stack: 'dbcore',
    name: 'count-account-queries',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return name === 'accounts'
          ? {
              ...t,
              query: (req) => {
                seen.accounts++;
                return t.query(req);
              },
            }
          : t;
      },
    }),
  });
  return seen;
}

const matrixOf = async (db: LedgerDb, ws: string) =>
  (await db.accounts.where('[workspaceId+role]').equals([ws, 'matrix']).toArray()).sort(compareAccounts);

/**
 * Every workspace's row is a head of its sorted matrix accounts, at least a screen long (all of them
 * when complete), and the window read from it equals the full list's head without reading the list.
 */
async function expectWindows(db: LedgerDb, seen: { accounts: number }): Promise<void> {
  const spaces = await db.workspaces.toArray();
  for (const ws of spaces) {
    const want = await matrixOf(db, ws.id);
    const stored = (await db.meta.get(windowKey(ws.id)))?.value as
      { head: [string, string, string][]; complete: boolean } | undefined;
    const mark = markHead(stored);
    expect(mark, `window row of ${ws.name}`).not.toBeNull();
    expect(stored!.head, 'the head, with the names it is ordered by').toEqual(
      want.slice(0, mark!.ids.length).map((a) => [a.id, a.nickname, a.guangguangId]),
    );
    expect(mark!.ids.length).toBeGreaterThanOrEqual(Math.min(ACCOUNT_WINDOW, want.length));
    expect(mark!.ids.length).toBeLessThanOrEqual(WINDOW_KEEP);
    if (mark!.complete) expect(mark!.ids.length).toBe(want.length);
    const all = await listAccounts(db, ws.id, { role: 'matrix' });
    const before = seen.accounts;
    for (const limit of [0, 1, ACCOUNT_WINDOW])
      expect(await listAccountWindow(db, ws.id, limit), `window of ${limit}`).toEqual({
        views: all.slice(0, limit),
        total: all.length,
      });
    expect(seen.accounts - before, 'the window read no account list').toBe(0);
  }
  const rows = await db.meta.where('key').startsWith('accountWindow:').primaryKeys();
  expect(rows.sort(), 'a row per workspace, none of a deleted one').toEqual(
    spaces.map((w) => windowKey(w.id)).sort(),
  );
}

/** A small deterministic generator (the same accounts every run). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const NAMES = ['张', '李', '王', '阿', '小林', '赵', 'Zoe', 'bob', '', '林', '吴', '周'];

describe('the account window', () => {
  it('follows every write path that writes accounts', async () => {
    const db = freshDb();
    const seen = countQueries(db);
    const rnd = random(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const name = () => pick(NAMES) + pick(NAMES) + (rnd() < 0.5 ? String(Math.floor(rnd() * 30)) : '');
    const { workspace: a } = await createWorkspace(
      db,
      { name: '甲店', mainAccount: { guangguangId: 'main-a', nickname: '阿甲' } },
      { now: T0 },
    );
    const { workspace: b } = await createWorkspace(db, {
      name: '乙店',
      mainAccount: { guangguangId: 'main-b' },
    });
    await expectWindows(db, seen);

    // create: 90 accounts (the head fills, then is cut to WINDOW_KEEP and no longer complete)
    for (let i = 0; i < 90; i++) await upsertAccount(db, a.id, { guangguangId: `g${i}`, nickname: name() });
    await expectWindows(db, seen);
    expect(markHead((await db.meta.get(windowKey(a.id)))?.value)?.complete).toBe(false);

    // rename / nickname change, most of them in the head: some move past its end (the head shrinks
    // and is read again), some move to its front
    for (let i = 0; i < 60; i++) {
      const list = await matrixOf(db, a.id);
      const target = rnd() < 0.7 ? pick(list.slice(0, ACCOUNT_WINDOW)) : pick(list);
      const nickname = rnd() < 0.5 ? `周${name()}` : rnd() < 0.5 ? `阿${name()}` : name();
      await upsertAccount(db, a.id, { id: target.id, guangguangId: target.guangguangId, nickname });
    }
    await expectWindows(db, seen);
    // 逛逛号 change of accounts of equal nickname (the tie-break)
    for (let i = 0; i < 3; i++) await upsertAccount(db, a.id, { guangguangId: `tie${i}`, nickname: '阿' });
    const ties = (await matrixOf(db, a.id)).filter((x) => x.nickname === '阿');
    await upsertAccount(db, a.id, { id: ties[0]!.id, guangguangId: 'zz-last', nickname: '阿' });
    await expectWindows(db, seen);

    // invite of a new account, CSV import of several
    await recordInvite(db, a.id, { account: { guangguangId: 'inv1', nickname: '阿阿' } });
    await applyInviteCsv(db, a.id, '逛逛号,昵称\r\ncsv1,阿表\r\ncsv2,周表\r\ncsv3,\r\n');
    await applyInviteCsv(db, b.id, '逛逛号,昵称\r\ncsv1,阿表\r\n');
    await expectWindows(db, seen);

    // backup import into a non-empty ledger: renamed rows (newer wins) and a new account
    const backup = JSON.parse(await exportJson(db)) as { accounts: AccountRow[] };
    const mine = backup.accounts.filter((x) => x.workspaceId === a.id && x.role === 'matrix');
    mine
      .slice(0, 30)
      .forEach((x, i) => Object.assign(x, { nickname: i % 2 ? '阿导入' : '周导入', updatedAt: T0 + 1e12 }));
    backup.accounts.push({
      ...mine[40]!,
      id: crypto.randomUUID(),
      guangguangId: 'imported-new',
      nickname: '阿新',
    });
    const merged = JSON.stringify(backup);
    await applyImport(db, merged);
    await expectWindows(db, seen);

    // backup import into an empty ledger: the rows of new workspaces, built from the file
    const other = freshDb();
    const otherSeen = countQueries(other);
    await applyImport(other, merged);
    await expectWindows(other, otherSeen);
    expect(await other.meta.get(windowKey(a.id))).toEqual(await db.meta.get(windowKey(a.id)));

    // a shared workspace's projection: accounts renamed, added, and merged away (deleted)
    const accounts = await db.accounts.where('workspaceId').equals(a.id).toArray();
    const head = (await matrixOf(db, a.id)).slice(0, 10);
    const gone = new Set(head.slice(0, 5).map((x) => x.id));
    const projected = accounts
      .filter((x) => !gone.has(x.id))
      .map((x) => (head.some((h) => h.id === x.id) ? { ...x, nickname: '周共享', updatedAt: T0 + 2e12 } : x));
    projected.push({ ...head[0]!, id: crypto.randomUUID(), guangguangId: 'shared-new', nickname: '阿共享' });
    const ids = new Set([...accounts.map((x) => x.id), ...projected.map((x) => x.id)]);
    await applyShared(
      db,
      a.id,
      {
        workspace: (await db.workspaces.get(a.id))!,
        accounts: projected,
        bindings: await db.bindings.where('workspaceId').equals(a.id).toArray(),
        permissions: await db.permissions.where('workspaceId').equals(a.id).toArray(),
        events: [],
      },
      ids,
    );
    expect((await matrixOf(db, a.id)).some((x) => gone.has(x.id))).toBe(false);
    await expectWindows(db, seen);

    // workspace delete: its row goes with it
    await deleteWorkspace(db, b.id);
    await expectWindows(db, seen);
  });

  it('is never believed when missing, of another format or wrong, and is rebuilt by the next write', async () => {
    const db = freshDb();
    const seen = countQueries(db);
    const { workspace } = await createWorkspace(db, { name: '店', mainAccount: { guangguangId: 'm' } });
    for (let i = 0; i < 50; i++)
      await upsertAccount(db, workspace.id, {
        guangguangId: `g${String(i).padStart(2, '0')}`,
        nickname: `名${i % 7}`,
      });
    const want = async () => {
      const all = await listAccounts(db, workspace.id, { role: 'matrix' });
      return { views: all.slice(0, ACCOUNT_WINDOW), total: all.length };
    };
    const key = windowKey(workspace.id);
    const good = (await db.meta.get(key))!.value as { head: [string, string, string][]; complete: boolean };
    const { workspace: elsewhere } = await createWorkspace(db, {
      name: '别',
      mainAccount: { guangguangId: 'x' },
    });
    const stranger = await upsertAccount(db, elsewhere.id, { guangguangId: 's', nickname: '阿' });
    const wrong: unknown[] = [
      undefined, // a ledger from before the row
      { ...good, format: WINDOW_FORMAT + 1 },
      { ...good, head: good.head.slice(0, ACCOUNT_WINDOW - 1) }, // too short
      { ...good, head: [good.head[1], good.head[0], ...good.head.slice(2)] }, // out of order
      { ...good, head: [['no-such-id', '', ''], ...good.head.slice(1)] },
      { ...good, head: [[stranger.id, '阿', 's'], ...good.head.slice(1)] }, // another workspace's
      { ...good, head: good.head.slice(0, 45), complete: true }, // "complete" but not all
      'garbage',
    ];
    for (const value of wrong) {
      if (value === undefined) await db.meta.delete(key);
      else await db.meta.put({ key, value });
      const expected = await want();
      const before = seen.accounts;
      expect(await listAccountWindow(db, workspace.id), JSON.stringify(value)?.slice(0, 80)).toEqual(
        expected,
      );
      expect(seen.accounts - before, 'fell back to the full read').toBeGreaterThan(0);
    }
    await db.meta.put({ key, value: good });
    const before = seen.accounts;
    expect(await listAccountWindow(db, workspace.id)).toEqual(await want());
    expect(seen.accounts - before, 'listAccounts only').toBe(1);
    // The next account write in the workspace builds it again.
    await db.meta.delete(key);
    await upsertAccount(db, workspace.id, { guangguangId: 'late', nickname: '晚' });
    const rebuilt = (await db.meta.get(key))!.value as { head: [string, string, string][] };
    const sorted = await matrixOf(db, workspace.id);
    expect(rebuilt.head.map((e) => e[0])).toEqual(sorted.slice(0, WINDOW_KEEP).map((x) => x.id));
  });

  it('as a live query, follows a write that changes the first screen', async () => {
    const db = freshDb();
    const { workspace } = await createWorkspace(db, { name: '店', mainAccount: { guangguangId: 'm' } });
    for (let i = 0; i < 70; i++)
      await upsertAccount(db, workspace.id, { guangguangId: `g${i}`, nickname: `周${i}` });
    const seen: { first: string; total: number }[] = [];
    let wake = () => {};
    const sub = liveQuery(() => listAccountWindow(db, workspace.id)).subscribe((w) => {
      seen.push({ first: w.views[0]!.account.nickname, total: w.total });
      wake();
    });
    const next = (n: number) =>
      new Promise<void>((done) => {
        wake = () => seen.length >= n && done();
        wake();
      });
    try {
      await next(1);
      await upsertAccount(db, workspace.id, { guangguangId: 'new', nickname: '阿新' });
      await next(2);
      expect(seen.at(-1)).toEqual({ first: '阿新', total: 71 });
    } finally {
      sub.unsubscribe();
    }
  });

  it('is built for a ledger from before it (missing or of another format) by ensureAccountWindows', async () => {
    const db = freshDb();
    const seen = countQueries(db);
    const spaces: string[] = [];
    for (const name of ['甲', '乙', '丙']) {
      const { workspace } = await createWorkspace(db, { name, mainAccount: { guangguangId: `m${name}` } });
      spaces.push(workspace.id);
      for (let i = 0; i < 45; i++)
        await upsertAccount(db, workspace.id, { guangguangId: `g${i}`, nickname: `${name}${(i * 7) % 45}` });
    }
    const want = await db.meta.bulkGet(spaces.map(windowKey));
    await db.meta.delete(windowKey(spaces[0]!));
    await db.meta.put({ key: windowKey(spaces[1]!), value: { format: WINDOW_FORMAT + 1, head: [] } });
    expect(await ensureAccountWindows(db)).toBe(2);
    expect(await db.meta.bulkGet(spaces.map(windowKey))).toEqual(want);
    await expectWindows(db, seen);
    expect(await ensureAccountWindows(db), 'nothing left to build').toBe(0);
  });
});
