/**
 * Who shares a document (issue 16, item 5): a member asks over its own connection (a Hocuspocus
 * stateless message, server/members.ts) and gets the document's memberships, names and roles only;
 * anything else on that channel is ignored and the connection goes on; a membership change pushes a
 * fresh list to the members still connected. The server in-process (tests/server/harness.ts).
 */
import { Server } from '@hocuspocus/server';
import { afterEach, describe, expect, it } from 'vitest';
import { SharedSession } from '../../entrypoints/background/sharing.ts';
import { runSharingCommand, startSharing, stopSharing } from '../../entrypoints/background/sharing-hub.ts';
import { createWorkspace } from '../../utils/ledger/index.ts';
import { readMark } from '../../utils/ledger/outbox.ts';
import { sharingMembersItem } from '../../utils/storage-items.ts';
import { isMembersRequest, membersReply, PushLimiter, type LimiterClock } from '../../server/members.ts';
import { toBase64Url } from '../../utils/sync/base64url.ts';
import { documentName } from '../../utils/sync/invite-code.ts';
import { newWorkspaceSecret } from '../../utils/sync/keys.ts';
import {
  MEMBERS_REQUEST,
  parseMembersReply,
  type MembersInfo,
  type SyncStatus,
} from '../../utils/sync/protocol.ts';
import { freshDb } from '../unit/ledger/helpers.ts';
import {
  connect,
  newDocName,
  ORIGIN,
  socketClass,
  startHarness,
  waitFor,
  type Client,
  type Harness,
} from './harness.ts';

let h: Harness;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The server in-process, disposed after the test. */
async function harness(membersPushIntervalMs?: number): Promise<Harness> {
  const started = await startHarness({}, membersPushIntervalMs ? { membersPushIntervalMs } : {});
  cleanups.push(() => started.dispose());
  return started;
}

/** A background's SharedSession on `url`, recording each member list and status it reports. */
async function session(url: string, workspaceId: string, user: string, token: string) {
  const lists: (MembersInfo | null)[] = [];
  const statuses: SyncStatus[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  const s = new SharedSession(
    freshDb(),
    { workspaceId, server: url, user, token, secret: toBase64Url(newWorkspaceSecret()) },
    {
      WebSocketPolyfill: socketClass(ORIGIN),
      retry: { delay: 20, minDelay: 20, maxDelay: 100 },
      onMembers: (m) => {
        lists.push(m);
        wake();
      },
      onStatus: (st) => {
        statuses.push(st);
        wake();
      },
    },
  );
  cleanups.push(() => s.stop());
  await s.start();
  /** Resolves once `ok` holds, checked after each report. */
  const until = (what: string, ok: () => boolean) =>
    ok()
      ? Promise.resolve()
      : waitFor<void>(`${user}: ${what}`, (done) => {
          const check = () => (ok() ? done() : waiters.push(check));
          waiters.push(check);
        });
  return { s, lists, statuses, until };
}

/** Every stateless message a client receives, in order, parsed. */
function inbox(c: Client) {
  const got: unknown[] = [];
  const waiters: { ok: (v: unknown) => boolean; done: (v: unknown) => void }[] = [];
  c.provider.on('stateless', ({ payload }: { payload: string }) => {
    const v: unknown = JSON.parse(payload);
    got.push(v);
    for (const w of waiters.splice(0)) {
      if (w.ok(v)) w.done(v);
      else waiters.push(w);
    }
  });
  const until = (what: string, ok: (v: unknown) => boolean) =>
    waitFor<unknown>(what, (done) => waiters.push({ ok, done }));
  return {
    got,
    /** The next message (ask before sending what triggers it). */
    next: () => until('a stateless message', () => true),
    /** The next message equal to `expected` (earlier ones, say the setup's own push, pass by). */
    equal: (expected: unknown) =>
      until(`the message ${JSON.stringify(expected)}`, (v) => JSON.stringify(v) === JSON.stringify(expected)),
  };
}

/** The reply to (or push to) a connection authenticated as `you`. */
const reply = (you: string, ...members: [string, string][]) => ({
  type: 'members',
  members: members.map(([user, role]) => ({ user, role })),
  you,
});

async function threeMembers() {
  h = await harness();
  const doc = newDocName();
  const other = newDocName();
  const tokens = {
    alice: await h.member('alice', doc, 'owner'),
    bob: await h.member('bob', doc, 'editor'),
    vera: await h.member('vera', doc, 'viewer'),
  };
  // Memberships of another document are not this one's business.
  await h.member('zoe', other, 'owner');
  await h.admin.grant('bob', other, 'owner');
  return { doc, tokens };
}

describe('the members of a shared document', () => {
  it('are told to a member who asks, owner, editor and viewer alike: names and roles, sorted, nothing else', async () => {
    const { doc, tokens } = await threeMembers();
    for (const user of ['vera', 'bob', 'alice'] as const) {
      // Each is told who it is: the token's subject, the same list otherwise.
      const expected = reply(user, ['alice', 'owner'], ['bob', 'editor'], ['vera', 'viewer']);
      const c = connect(h, doc, tokens[user]);
      expect(await c.auth).toBe(true);
      const box = inbox(c);
      const next = box.next();
      c.provider.sendStateless(MEMBERS_REQUEST);
      expect(await next).toEqual(expected);
      // What the extension takes from it.
      expect(parseMembersReply(JSON.stringify(box.got[0]))).toEqual({
        kind: 'members',
        members: expected.members,
        you: user,
      });
      c.destroy();
    }
  });

  it('ignore a malformed request: no reply, no crash, the connection goes on syncing and answering', async () => {
    const { doc, tokens } = await threeMembers();
    const a = connect(h, doc, tokens.alice);
    const b = connect(h, doc, tokens.bob);
    expect(await a.auth).toBe(true);
    expect(await b.auth).toBe(true);
    const box = inbox(a);
    const junk = [
      '',
      'members:get',
      '{',
      'null',
      '[]',
      '[{"type":"members:get"}]',
      '"members:get"',
      '{"type":"members"}',
      '{"type":"MEMBERS:GET"}',
      '{"type":"members:get","doc":"ws:00000000-0000-4000-8000-000000000000"}',
      '{"type":"members:get","__proto__":{"admin":true}}',
      '{"type":{"toString":"members:get"}}',
      JSON.stringify({ type: 'members:get', pad: 'x'.repeat(300) }),
      'x'.repeat(64 * 1024),
      '\u0000\uffff',
    ];
    for (const payload of junk) a.provider.sendStateless(payload);
    const first = box.next();
    a.provider.sendStateless(MEMBERS_REQUEST);
    expect(await first).toEqual(reply('alice', ['alice', 'owner'], ['bob', 'editor'], ['vera', 'viewer']));
    // A round trip after: still exactly one reply per good request, none for the junk.
    const second = box.next();
    a.provider.sendStateless(MEMBERS_REQUEST);
    await second;
    expect(box.got).toHaveLength(2);
    // The document is still served both ways.
    a.doc.getMap('ledger').set('after-junk', 1);
    expect(await b.has('after-junk')).toBe(1);
  });

  it('are pushed, fresh, to the members still connected after a grant and after a revoke', async () => {
    const { doc, tokens } = await threeMembers();
    const a = connect(h, doc, tokens.alice);
    const v = connect(h, doc, tokens.vera);
    expect(await a.auth).toBe(true);
    expect(await v.auth).toBe(true);
    const boxA = inbox(a);
    const boxV = inbox(v);

    const withCarol = (you: string) =>
      reply(you, ['alice', 'owner'], ['bob', 'editor'], ['carol', 'editor'], ['vera', 'viewer']);
    let seenA = boxA.equal(withCarol('alice'));
    let seenV = boxV.equal(withCarol('vera'));
    await h.member('carol', doc, 'editor');
    await Promise.all([seenA, seenV]);

    const withoutBob = (you: string) =>
      reply(you, ['alice', 'owner'], ['carol', 'editor'], ['vera', 'viewer']);
    seenA = boxA.equal(withoutBob('alice'));
    seenV = boxV.equal(withoutBob('vera'));
    await h.admin.revoke('bob', doc);
    await Promise.all([seenA, seenV]);

    // A change elsewhere pushes nothing here: after it, the next message alice gets is the list
    // with the next change of this document.
    const n = boxA.got.length;
    await h.admin.grant('zoe', newDocName(), 'viewer');
    const withDave = reply(
      'alice',
      ['alice', 'owner'],
      ['carol', 'editor'],
      ['dave', 'viewer'],
      ['vera', 'viewer'],
    );
    seenA = boxA.equal(withDave);
    await h.member('dave', doc, 'viewer');
    await seenA;
    expect(boxA.got.slice(n)).toEqual([withDave]);
  });
});

/** A clock the test moves by hand: timers fire only in `advance`. */
function manualClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const clock: LimiterClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++ids;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      timers = timers.filter((t) => t !== next);
      now = next.at;
      next.fn();
    }
    now = end;
  };
  return { clock, advance, timers: () => timers.length };
}

describe('PushLimiter (member-list pushes and replies)', () => {
  it('runs the first request at once, coalesces a burst into one trailing run, at most one per interval per key', () => {
    const { clock, advance, timers } = manualClock();
    const runs: [string, number][] = [];
    const limiter = new PushLimiter<string>((doc) => runs.push([doc, clock.now()]), 1000, clock);
    limiter.request('ws:a');
    expect(runs).toEqual([['ws:a', 0]]);
    // A burst of 495 changes over the next 990 ms: nothing more until the interval is over, then one.
    for (let i = 0; i < 495; i++) {
      advance(2);
      limiter.request('ws:a');
    }
    expect(runs).toHaveLength(1);
    expect(timers()).toBe(1);
    advance(10);
    expect(runs).toEqual([
      ['ws:a', 0],
      ['ws:a', 1000],
    ]);
    // Another document is limited on its own, not held back by the first one's burst.
    limiter.request('ws:b');
    expect(runs.at(-1)).toEqual(['ws:b', 1000]);
    // Quiet for a whole interval: the next request runs at once again.
    advance(5000);
    limiter.request('ws:a');
    expect(runs.at(-1)).toEqual(['ws:a', 6000]);
    expect(runs).toHaveLength(4);
    // A sustained flood of requests, one per millisecond for ten seconds: one run per interval.
    const before = runs.length;
    for (let i = 0; i < 10_000; i++) {
      advance(1);
      limiter.request('ws:a');
    }
    advance(1000);
    const flood = runs.slice(before).map(([, at]) => at);
    expect(flood.length).toBeLessThanOrEqual(11);
    for (let i = 1; i < flood.length; i++) expect(flood[i]! - flood[i - 1]!).toBeGreaterThanOrEqual(1000);
    // Stopped: the trailing run due is dropped and nothing runs any more.
    limiter.request('ws:a');
    limiter.request('ws:a');
    limiter.stop();
    advance(5000);
    limiter.request('ws:c');
    expect(runs.slice(before).length).toBe(flood.length);
    expect(timers()).toBe(0);
  });
});

describe('the member-list pushes of a real server', () => {
  it('coalesce a burst of membership changes: a member gets at most one list per interval, and the last one is the final list', async () => {
    const interval = 3000;
    h = await harness(interval);
    const doc = newDocName();
    const alice = connect(h, doc, await h.member('alice', doc, 'owner'));
    expect(await alice.auth).toBe(true);
    const box = inbox(alice);
    const first = Date.now();
    // Five membership changes, each in a later poll than the one before: each step revokes a
    // connected member and waits for its connection to be closed, which only a poll does.
    const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
    for (const user of users) {
      const victim = connect(h, doc, await h.member(user, doc, 'editor'));
      expect(await victim.auth).toBe(true);
      const closed = waitFor<void>(`${user}'s connection closed`, (done) =>
        victim.provider.on('close', () => done()),
      );
      await h.member(`${user}x`, doc, 'viewer');
      await h.admin.revoke(user, doc);
      await closed;
    }
    const final = reply(
      'alice',
      ['alice', 'owner'],
      ...users.map((u): [string, string] => [`${u}x`, 'viewer']),
    );
    await box.equal(final);
    const elapsed = Date.now() - first;
    // The limiter's bound: one list at once, then at most one per interval. Without it, each of
    // the five polls pushed one.
    const lists = box.got.filter((m) => (m as { type?: string }).type === 'members');
    expect(lists.length).toBeLessThanOrEqual(1 + Math.ceil(elapsed / interval));
    expect(lists.length).toBeLessThan(users.length);
    expect(lists.at(-1)).toEqual(final);
  });
});

describe('membersReply', () => {
  it('answers a member only, as the store has it now; a malformed request or document gets nothing', async () => {
    h = await harness();
    const doc = newDocName();
    await h.member('alice', doc, 'owner');
    await h.member('bob', doc, 'viewer');
    const listed = JSON.stringify(reply('bob', ['alice', 'owner'], ['bob', 'viewer']));
    expect(await membersReply(h.admin, 'bob', doc, MEMBERS_REQUEST)).toBe(listed);
    expect(await membersReply(h.admin, 'bob', doc, '{"type":"members:get","x":1}')).toBeNull();
    expect(await membersReply(h.admin, 'bob', doc.toUpperCase(), MEMBERS_REQUEST)).toBeNull();
    expect(await membersReply(h.admin, 'bob', newDocName(), MEMBERS_REQUEST)).toBeNull();
    // Revoked (or removed) since the connection was authorised: no list, whatever it was allowed then.
    await h.admin.revoke('bob', doc);
    expect(await membersReply(h.admin, 'bob', doc, MEMBERS_REQUEST)).toBeNull();
    await h.admin.removeUser('alice');
    expect(await membersReply(h.admin, 'alice', doc, MEMBERS_REQUEST)).toBeNull();
    expect(isMembersRequest(MEMBERS_REQUEST)).toBe(true);
    expect(isMembersRequest({ type: 'members:get' })).toBe(false);
  });
});

describe("a background's SharedSession", () => {
  it('lists the members after its first sync and takes the lists the server pushes', async () => {
    h = await harness();
    const workspaceId = crypto.randomUUID();
    const doc = documentName(workspaceId);
    const token = await h.member('alice', doc, 'owner');
    await h.member('bob', doc, 'viewer');
    // The name typed at opt-in differs from the server's in case and spacing: the list still says
    // which member this is, by the token's subject.
    const a = await session(h.server.url, workspaceId, ' Alice ', token);
    const names = () => a.s.members?.members.map((m) => `${m.user}:${m.role}`).join(',');
    await a.until('the first list', () => names() === 'alice:owner,bob:viewer');
    expect(a.lists.at(-1)).toEqual(a.s.members);
    expect(a.s.members?.you).toBe('alice');
    await h.member('carol', doc, 'editor');
    await a.until('the pushed list', () => names() === 'alice:owner,bob:viewer,carol:editor');
    // Asked again, it answers again.
    const n = a.lists.length;
    expect(a.s.requestMembers()).toBe(true);
    await a.until('the asked-for list', () => a.lists.length > n);
    expect(a.s.current.state).toBe('synced');
  });

  it('from a hostile server: a malformed reply clears the list, another type is ignored, nothing throws and syncing goes on', async () => {
    const good = (user: string) => JSON.stringify({ type: 'members', members: [{ user, role: 'owner' }] });
    // Each request gets the next script, one message after another on the same connection.
    const scripts = [
      [
        good('first'),
        '{"type":"presence"}', // another type: the list stays
        '{"type":"members","members":[{"user":"x","role":"admin"}]}', // malformed: cleared
        'not json', // malformed again: nothing more to clear, no report
        good('second'),
        JSON.stringify({ type: 'members', members: [{ user: 'y', role: 'owner', token: 'z' }] }),
        '\u0000'.repeat(200_000), // far too long: cleared already, no report
        good('third'),
        `{"type":"members","members":${'['.repeat(5000)}${']'.repeat(5000)}}`, // deep nesting
        good('last'),
      ],
    ];
    const server = new Server({
      port: 0,
      address: '127.0.0.1',
      quiet: true,
      onStateless: ({ connection }) => {
        for (const payload of scripts.shift() ?? []) connection.sendStateless(payload);
        return Promise.resolve();
      },
    });
    await server.listen();
    cleanups.push(() => server.destroy());
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);
    cleanups.push(() => {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    });

    const a = await session(`ws://127.0.0.1:${server.address.port}`, crypto.randomUUID(), 'alice', 't');
    await a.until('the last list', () => a.s.members?.members[0]?.user === 'last');
    expect(a.lists.map((m) => m?.members.map((x) => x.user).join() ?? null)).toEqual([
      'first',
      null,
      'second',
      null,
      'third',
      null,
      'last',
    ]);
    expect(errors).toEqual([]);
    expect(a.s.current.state).toBe('synced');
  });
});

describe("the background's hub", () => {
  it('keeps each shared workspace’s member list in sharingMembersItem, live, and drops it when sharing stops', async () => {
    h = await harness();
    const db = freshDb();
    const { workspace } = await createWorkspace(db, {
      name: '小林的杂货铺',
      mainAccount: { guangguangId: '2210000002', nickname: '小林' },
    });
    const doc = documentName(workspace.id);
    const token = await h.member('alice', doc, 'owner');
    await startSharing({
      db: () => db,
      granted: () => Promise.resolve(true),
      session: { WebSocketPolyfill: socketClass(ORIGIN), retry: { delay: 20, minDelay: 20, maxDelay: 100 } },
    });
    cleanups.push(() => stopSharing());
    const listed = async () =>
      ((await sharingMembersItem.getValue())[workspace.id]?.members ?? [])
        .map((m) => `${m.user}:${m.role}`)
        .join(',');
    /** Resolves once the stored list reads `expected`, checked on each write of the item. */
    const stored = async (expected: string) => {
      if ((await listed()) === expected) return;
      await waitFor<void>(`the stored list ${expected}`, (done) => {
        const unwatch = sharingMembersItem.watch(() => {
          void listed().then((got) => {
            if (got !== expected) return;
            unwatch();
            done();
          });
        });
      });
    };

    expect(
      await runSharingCommand({
        op: 'share',
        workspaceId: workspace.id,
        server: h.server.url,
        user: 'alice',
        token,
      }),
    ).toMatchObject({ ok: true });
    await stored('alice:owner');
    await h.member('bob', doc, 'viewer');
    await stored('alice:owner,bob:viewer');
    // The panel's request is answered (a fresh write of the same list).
    const asked = waitFor<void>('a fresh write', (done) => {
      const unwatch = sharingMembersItem.watch(() => {
        unwatch();
        done();
      });
    });
    expect(await runSharingCommand({ op: 'members', workspaceId: workspace.id })).toEqual({
      ok: true,
      workspaceId: workspace.id,
    });
    await asked;
    expect(await runSharingCommand({ op: 'members', workspaceId: crypto.randomUUID() })).toMatchObject({
      ok: false,
      refusal: 'not-shared',
    });
    // Sharing started the workspace's sent watermark (its outbox records events from then on) ...
    expect(await readMark(db, workspace.id)).not.toBeNull();
    expect(await runSharingCommand({ op: 'leave', workspaceId: workspace.id })).toMatchObject({ ok: true });
    expect(await sharingMembersItem.getValue()).toEqual({});
    // ... and leaving ends it: no mark, no outbox rows.
    expect(await readMark(db, workspace.id)).toBeNull();
    expect(await db.outbox.count()).toBe(0);
  });
});
