/**
 * 团队共享's member list (components/ledger/SharingSection.tsx): each member's user name and role
 * (所有者 / 编辑者 / 查看者), owners first, this browser's member marked 你 by the identity the server
 * gave (`you`, the token's subject), never by the user name typed at opt-in, from what the background
 * stored for the workspace (and nothing from a stored value of the wrong shape). Static markup.
 */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MembersList, SharedStatus, membersFor, sortedMembers } from '@/components/ledger/SharingSection';
import { LEDGER_CATALOGUE } from '@/utils/i18n/ledger';
import type { MembersInfo, SyncStatus } from '@/utils/sync/protocol';

const WS = '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
const info: MembersInfo = {
  members: [
    { user: 'vera', role: 'viewer' },
    { user: 'bob', role: 'editor' },
    { user: 'alice', role: 'owner' },
    { user: 'ann', role: 'editor' },
  ],
  you: 'bob',
  at: 1,
};
const synced: SyncStatus = { state: 'synced', unsent: 0, lastSyncedAt: 1, reason: null };

/** Each listed member as `user role you?`, in the order shown. */
function rows(html: string): string[] {
  return [...html.matchAll(/<li ([^>]*)>(.*?)<\/li>/g)].map(([, attrs, body]) => {
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs!)?.[1];
    return [
      attr('data-user'),
      attr('data-role'),
      attr('data-you') ? 'you' : '',
      body!.replace(/<[^>]+>/g, ''),
    ]
      .join('|')
      .trim();
  });
}

describe('MembersList', () => {
  it('lists each member with the role in words, owners then editors then viewers, and marks you', () => {
    const html = renderToStaticMarkup(<MembersList info={info} />);
    const zh = LEDGER_CATALOGUE.zh;
    expect(html).toContain('data-testid="sharing-members"');
    expect(html).toContain(zh['sharing.members.title'].replace('{n}', '4'));
    expect(rows(html)).toEqual([
      `alice|owner||alice ${zh['sharing.members.role.owner']}`,
      `ann|editor||ann ${zh['sharing.members.role.editor']}`,
      `bob|editor|you|bob ${zh['sharing.members.you']} ${zh['sharing.members.role.editor']}`,
      `vera|viewer||vera ${zh['sharing.members.role.viewer']}`,
    ]);
    expect([
      zh['sharing.members.role.owner'],
      zh['sharing.members.role.editor'],
      zh['sharing.members.role.viewer'],
    ]).toEqual(['所有者', '编辑者', '查看者']);
    expect(LEDGER_CATALOGUE.en['sharing.members.role.viewer']).toBe('Viewer');
  });

  it('marks the member the server names, whatever name was typed: ann, not bob, when the server says ann', () => {
    // The same list, this connection authenticated as ann (bob typed at opt-in would not matter:
    // the panel is given no typed name at all).
    const rowsAnn = rows(renderToStaticMarkup(<MembersList info={{ ...info, you: 'ann' }} />));
    expect(rowsAnn.filter((r) => r.includes('|you|'))).toEqual([
      `ann|editor|you|ann ${LEDGER_CATALOGUE.zh['sharing.members.you']} ${LEDGER_CATALOGUE.zh['sharing.members.role.editor']}`,
    ]);
  });

  it('marks nobody when the server names no one listed, or no one; says so when there is no list', () => {
    expect(renderToStaticMarkup(<MembersList info={{ ...info, you: 'zoe' }} />)).not.toContain('data-you');
    expect(renderToStaticMarkup(<MembersList info={{ ...info, you: null }} />)).not.toContain('data-you');
    const none = renderToStaticMarkup(<MembersList info={null} />);
    expect(none).toContain('data-testid="sharing-members-none"');
    expect(none).toContain(LEDGER_CATALOGUE.zh['sharing.members.none']);
    expect(none).not.toContain('<li');
  });

  it('shows a user name as text, never as markup', () => {
    // The reply's schema refuses such a name; the list escapes whatever it is given anyway.
    const odd: MembersInfo = {
      members: [{ user: '<img src=x onerror=alert(1)>', role: 'viewer' }],
      you: null,
      at: 1,
    };
    const html = renderToStaticMarkup(<MembersList info={odd} />);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('SharedStatus', () => {
  it('shows the members under the sync status, and none once this member was removed', () => {
    const html = renderToStaticMarkup(
      <SharedStatus workspaceId={WS} status={synced} members={{ ...info, you: 'alice' }} />,
    );
    expect(rows(html)).toHaveLength(4);
    expect(html).toContain('data-user="alice" data-role="owner" data-you="true"');
    const removed = renderToStaticMarkup(
      <SharedStatus workspaceId={WS} status={{ ...synced, state: 'removed' }} members={info} />,
    );
    expect(removed).not.toContain('sharing-member');
  });

  it('says a viewer is read-only, in step, its changes not shared, with the last sync time (both catalogues)', () => {
    const html = renderToStaticMarkup(
      <SharedStatus workspaceId={WS} status={{ ...synced, state: 'readonly' }} members={info} />,
    );
    expect(html).toContain('data-state="readonly"');
    const state = /data-testid="sharing-state">([^<]*)</.exec(html)?.[1];
    expect(state).toBe(LEDGER_CATALOGUE.zh['sharing.state.readonly']);
    expect(state).toContain('只读');
    expect(html).toContain(LEDGER_CATALOGUE.zh['sharing.lastSynced'].split('{')[0]!);
    expect(LEDGER_CATALOGUE.en['sharing.state.readonly']).toMatch(/^Read-only/);
  });
});

describe('membersFor', () => {
  it('takes the workspace’s stored list when it has the shape the background writes', () => {
    expect(membersFor({ [WS]: info }, WS)).toEqual(info);
    expect(membersFor({ [WS]: info }, 'other')).toBeNull();
    // A list stored before the server said who you are: taken, nobody marked.
    expect(membersFor({ [WS]: { members: info.members, at: 1 } }, WS)).toEqual({ ...info, you: null });
    for (const stored of [
      undefined,
      null,
      'x',
      { [WS]: null },
      { [WS]: { members: info.members } }, // no time
      { [WS]: { members: [{ user: 'a', role: 'admin' }], at: 1 } },
      {
        [WS]: {
          members: [
            { user: 'a', role: 'owner' },
            { user: 'a', role: 'viewer' },
          ],
          at: 1,
        },
      },
      { [WS]: { members: 'alice', at: 1 } },
      { [WS]: { ...info, you: 'Bob ' } }, // not a server user name
      Object.create({ [WS]: info }), // inherited, not its own
    ])
      expect(membersFor(stored, WS), JSON.stringify(stored)).toBeNull();
  });

  it('sortedMembers leaves its input alone', () => {
    const list = [...info.members];
    expect(sortedMembers(list).map((m) => m.user)).toEqual(['alice', 'ann', 'bob', 'vera']);
    expect(list).toEqual(info.members);
  });
});
