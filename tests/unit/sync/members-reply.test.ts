/**
 * The extension's reading of the server's members reply (utils/sync/protocol.ts): whatever a hostile
 * or broken server sends on that channel, the answer is a well-formed list, "another message", or
 * "malformed", never an exception and never an object carrying more than a name and a role.
 */
import { describe, expect, it } from 'vitest';
import { MAX_MEMBERS, MAX_MEMBERS_REPLY_CHARS, parseMembersReply } from '../../../utils/sync/protocol.ts';

const good = {
  type: 'members',
  members: [
    { user: 'alice', role: 'owner' },
    { user: 'bob', role: 'viewer' },
  ],
};
const listOf = (members: unknown) => JSON.stringify({ type: 'members', members });

describe('parseMembersReply', () => {
  it('takes a well-formed reply: names and roles only', () => {
    expect(parseMembersReply(JSON.stringify(good))).toEqual({
      kind: 'members',
      members: good.members,
      you: null,
    });
    expect(parseMembersReply(listOf([]))).toEqual({ kind: 'members', members: [], you: null });
    // The server says which member this connection is (the token's subject).
    expect(parseMembersReply(JSON.stringify({ ...good, you: 'bob' }))).toEqual({
      kind: 'members',
      members: good.members,
      you: 'bob',
    });
    const many = Array.from({ length: MAX_MEMBERS }, (_, i) => ({
      user: `u${i}@example.com`,
      role: 'editor',
    }));
    const r = parseMembersReply(listOf(many));
    expect(r.kind === 'members' && r.members.length).toBe(MAX_MEMBERS);
  });

  it('sets aside a message of another type (a later server may send more)', () => {
    expect(parseMembersReply('{"type":"presence","who":"x"}')).toEqual({ kind: 'other' });
    expect(parseMembersReply('{"type":"members:get"}')).toEqual({ kind: 'other' });
  });

  it.each([
    ['not a string', 42],
    ['an object, not its text', good],
    ['empty', ''],
    ['not JSON', '{'],
    ['JSON null', 'null'],
    ['a number', '7'],
    ['an array', JSON.stringify([good])],
    ['no type', '{"members":[]}'],
    ['a type that is not a string', '{"type":{"toString":"members"},"members":[]}'],
    ['an inherited type only', '{"__proto__":{"type":"members"},"members":[]}'],
    ['a very long type', JSON.stringify({ type: 'm'.repeat(65) })],
    ['no list', '{"type":"members"}'],
    ['a list that is not an array', '{"type":"members","members":{"0":{"user":"a","role":"owner"}}}'],
    ['an extra key', JSON.stringify({ ...good, token: 'secret' })],
    ['a `you` that is not a server user name', JSON.stringify({ ...good, you: ' Bob' })],
    ['a `you` that is not a string', JSON.stringify({ ...good, you: ['bob'] })],
    ['an extra key on a member', listOf([{ user: 'alice', role: 'owner', token: 'x' }])],
    [
      'a __proto__ key on a member',
      '{"type":"members","members":[{"user":"a","role":"owner","__proto__":{"x":1}}]}',
    ],
    ['an unknown role', listOf([{ user: 'alice', role: 'admin' }])],
    ['a role in capitals', listOf([{ user: 'alice', role: 'OWNER' }])],
    ['a user name with markup', listOf([{ user: '<img src=x onerror=alert(1)>', role: 'owner' }])],
    ['a user name too long', listOf([{ user: 'a'.repeat(65), role: 'owner' }])],
    ['an empty user name', listOf([{ user: '', role: 'owner' }])],
    ['a user that is not a string', listOf([{ user: 7, role: 'owner' }])],
    ['a member that is null', listOf([null])],
    ['a user listed twice', listOf([good.members[0], { user: 'alice', role: 'viewer' }])],
    [
      'too many members',
      listOf(Array.from({ length: MAX_MEMBERS + 1 }, (_, i) => ({ user: `u${i}`, role: 'viewer' }))),
    ],
    ['too long to read', `${listOf([])}${' '.repeat(MAX_MEMBERS_REPLY_CHARS)}`],
  ])('calls %s malformed', (_what, payload) => {
    expect(parseMembersReply(payload)).toEqual({ kind: 'malformed' });
  });

  it('returns its own copies: nothing of the parsed payload but the names and roles', () => {
    const r = parseMembersReply(listOf([{ user: 'alice', role: 'owner' }]));
    if (r.kind !== 'members') throw new Error(`expected a list, got ${r.kind}`);
    expect(Object.keys(r.members[0]!)).toEqual(['user', 'role']);
    expect(Object.getPrototypeOf(r.members[0])).toBe(Object.prototype);
  });
});
