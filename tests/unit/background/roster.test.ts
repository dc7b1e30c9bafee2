/**
 * readRoster: injects /roster.js only into a 光合 tab, and passes on only an answer shaped like a
 * RosterList (extra keys dropped); everything else, thrown or malformed, is null ("not read").
 */
import { describe, expect, it, vi } from 'vitest';
import { readRoster, rosterAnswer, type RosterBrowser } from '@/entrypoints/background/roster';
import { readRosterList } from '@/utils/pages/roster';
import { load } from '../pages/saved-pages';

const TALENT = 'https://mcn.guanghe.taobao.com/page/talent';
const roster = () => readRosterList(load('mcn-talent.html'));

function fake(url: string | undefined, answer: () => Promise<readonly { result?: unknown }[]>) {
  const b: RosterBrowser = { tabUrl: vi.fn(() => Promise.resolve(url)), inject: vi.fn(answer) };
  return b;
}

describe('readRoster', () => {
  it('reads the tab it is given and answers the roster of its top frame', async () => {
    const b = fake(TALENT, () => Promise.resolve([{ result: roster() }, { result: null }]));
    expect(await readRoster(7, b)).toEqual(roster());
    expect(b.tabUrl).toHaveBeenCalledWith(7);
    expect(b.inject).toHaveBeenCalledWith(7);
  });

  it('never injects into a login page, another site or a tab without a URL', async () => {
    for (const url of [
      'https://login.taobao.com/member/login.jhtml',
      'https://example.com/page/talent',
      undefined,
    ]) {
      const b = fake(url, () => Promise.resolve([{ result: roster() }]));
      expect(await readRoster(7, b), String(url)).toBeNull();
      expect(b.inject).not.toHaveBeenCalled();
    }
  });

  it('is null when the tab is gone, the frame cannot be scripted, or the script answers nothing', async () => {
    const gone: RosterBrowser = {
      tabUrl: () => Promise.reject(new Error('No tab with id: 7')),
      inject: vi.fn(() => Promise.resolve([])),
    };
    expect(await readRoster(7, gone)).toBeNull();
    expect(gone.inject).not.toHaveBeenCalled();
    expect(
      await readRoster(
        7,
        fake(TALENT, () => Promise.reject(new Error('Cannot access'))),
      ),
    ).toBeNull();
    expect(
      await readRoster(
        7,
        fake(TALENT, () => Promise.resolve([])),
      ),
    ).toBeNull();
    // Another page of the platform: the script answers null.
    expect(
      await readRoster(
        7,
        fake(TALENT, () => Promise.resolve([{ result: null }])),
      ),
    ).toBeNull();
  });
});

describe('rosterAnswer', () => {
  it('keeps a RosterList, drops keys it does not know', () => {
    const r = roster();
    const answer = rosterAnswer([
      { result: { ...r, extra: 'x', rows: r.rows.map((x) => ({ ...x, phone: '1' })) } },
    ]);
    expect(answer).toEqual(r);
    expect(answer).not.toHaveProperty('extra');
    expect(answer?.rows[0]).not.toHaveProperty('phone');
  });

  it('refuses anything not shaped like one', () => {
    const r = roster();
    const bad: unknown[] = [
      undefined,
      null,
      'roster',
      [r],
      { ...r, tab: 'inviting' },
      { ...r, page: 0 },
      { ...r, page: 1.5 },
      { ...r, pageCount: '3' },
      { ...r, complete: 'yes' },
      { ...r, institution: { id: '1' } },
      { ...r, rows: [{ nickname: 'a', guangguangId: '12 34', level: null }] },
      { ...r, rows: [{ nickname: 'a', level: null }] },
      // More rows than a capture takes (10,000); a 5,000-creator page is one list (message-schemas.test.ts).
      { ...r, rows: Array.from({ length: 10_001 }, () => r.rows[0]) },
      { ...r, rows: [{ nickname: 'x'.repeat(201), guangguangId: null, level: null }] },
    ];
    for (const result of bad)
      expect(rosterAnswer([{ result }]), JSON.stringify(result)?.slice(0, 80)).toBeNull();
    // Only the top frame's answer counts.
    expect(rosterAnswer([{ result: null }, { result: r }])).toBeNull();
  });
});
