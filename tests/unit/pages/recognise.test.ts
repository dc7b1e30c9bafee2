/**
 * Recognisers against saved pages (tests/fixtures/pages, rendered from the mock platform; see its README).
 * Each saved page is paired with the URL it was saved from and what must be recognised on it, so a
 * table change that breaks a page fails here, not on a merchant's screen.
 */
import { describe, expect, it } from 'vitest';
import { load } from './saved-pages';
import { recognise, readMatrixRows } from '@/utils/pages/recognise';
import { PAGES, DIALOGS, SELECTORS, SUBMITS } from '@/utils/platform/anchors';
import type { DialogId, PageId, PageReport } from '@/utils/pages/types';

const C = 'https://creator.guanghe.taobao.com';
const FRAME = 'https://huodong.taobao.com/wow/z/guang/gg_publish';
const M = 'https://mcn.guanghe.taobao.com';

interface Case {
  file: string;
  url: string;
  frame?: PageReport['frame'];
  page: PageId;
  dialogs?: DialogId[];
}

const CASES: Case[] = [
  { file: 'portal.html', url: 'https://guanghe.taobao.com/', page: 'portal' },
  { file: 'confirm-tmall.html', url: `${C}/page/confirm`, page: 'confirm-info' },
  { file: 'confirm-taobao.html', url: `${C}/page/confirm`, page: 'confirm-info' },
  { file: 'home.html', url: `${C}/`, page: 'creator-home' },
  { file: 'matrix-list.html', url: `${C}/page/account/matrix`, page: 'matrix' },
  {
    file: 'matrix-invite-dialog.html',
    url: `${C}/page/account/matrix`,
    page: 'matrix',
    dialogs: ['matrix-invite'],
  },
  {
    // Other markup for the same words: a dialog with no role, its title in a plain <div>.
    file: 'matrix-invite-dialog-markup.html',
    url: `${C}/page/account/matrix`,
    page: 'matrix',
    dialogs: ['matrix-invite'],
  },
  {
    file: 'matrix-permission-dialog.html',
    url: `${C}/page/account/matrix`,
    page: 'matrix',
    dialogs: ['matrix-permission'],
  },
  {
    file: 'matrix-unbind-dialog.html',
    url: `${C}/page/account/matrix`,
    page: 'matrix',
    dialogs: ['matrix-unbind'],
  },
  { file: 'matrix-works.html', url: `${C}/page/account/matrix/works?gid=1`, page: 'matrix-works' },
  { file: 'matrix-not-whitelisted.html', url: `${C}/page/account/matrix`, page: 'matrix-not-whitelisted' },
  { file: 'works.html', url: `${C}/page/workspace/tb`, page: 'works' },
  { file: 'publish-pic.html', url: `${C}/page/pubNew/pic?pub_url=x&pub_scene=gg`, page: 'publish-image' },
  { file: 'no-permission-limited.html', url: `${C}/`, page: 'no-permission' },
  { file: 'matrix-list-empty.html', url: `${C}/page/account/matrix`, page: 'matrix' },
  { file: 'home-account-menu.html', url: `${C}/`, page: 'creator-home' },
  { file: 'publish-video.html', url: `${C}/page/pubNew/video?pub_url=x&pub_scene=gg`, page: 'publish-video' },
  {
    file: 'publish-video-frame.html',
    url: `${FRAME}/gg-video?from=creator`,
    frame: 'publish-frame',
    page: 'publish-frame-video',
  },
  {
    file: 'publish-pic-frame.html',
    url: `${FRAME}/gg-picture?from=creator`,
    frame: 'publish-frame',
    page: 'publish-frame-image',
  },
  { file: 'no-permission.html', url: `${C}/`, page: 'no-permission' },
  { file: 'mcn-home.html', url: 'https://mcn.guanghe.taobao.com/', page: 'mcn-home' },
  { file: 'mcn-talent.html', url: 'https://mcn.guanghe.taobao.com/page/talent', page: 'mcn-talent' },
  { file: 'mcn-talent-search.html', url: 'https://mcn.guanghe.taobao.com/page/talent', page: 'mcn-talent' },
  { file: 'mcn-talent-empty.html', url: 'https://mcn.guanghe.taobao.com/page/talent', page: 'mcn-talent' },
  // 达人管理's 解绑 confirmation: Fusion's Dialog.confirm (alertdialog, no header, no ARIA name).
  {
    file: 'mcn-talent-unbind-dialog.html',
    url: 'https://mcn.guanghe.taobao.com/page/talent',
    page: 'mcn-talent',
    dialogs: ['matrix-unbind'],
  },
  // Publishing for a creator: 独立发布 and 批量发布, known by the 发布器 iframe they embed (批量发布's
  // has no title, only a hashed class: its src says what it is) and their path.
  {
    file: 'mcn-publish.html',
    url: `${M}/page/unify/ContentPublish?type=video&gid=4410000002`,
    page: 'mcn-publish',
  },
  {
    file: 'mcn-batch-publish.html',
    url: `${M}/page/unify/creation-tool/batch-publish?ugc_scene=short_drama_multipublish`,
    page: 'mcn-batch-publish',
  },
  // Either page's path without the frame (still loading, or a page the platform put there) is the
  // institution platform, not a publish page; the frame under another path is not one either.
  { file: 'mcn-home.html', url: `${M}/page/unify/ContentPublish?type=video`, page: 'mcn-home' },
  { file: 'mcn-home.html', url: `${M}/page/unify/creation-tool/batch-publish`, page: 'mcn-home' },
  { file: 'mcn-batch-publish.html', url: `${M}/page/talent/works?gid=1`, page: 'mcn-home' },
  // The creator platform's publish page at the institution's path: another host, not its page.
  { file: 'publish-video.html', url: `${C}/page/unify/ContentPublish`, page: 'unknown' },
  // The roster's markup on another host is not the roster; the search box is what makes it one.
  { file: 'mcn-talent.html', url: `${C}/page/talent`, page: 'unknown' },
  // The first-visit guide (.guide-modal, 我知道了) over the page changes nothing.
  { file: 'matrix-guide-overlay.html', url: `${C}/page/account/matrix`, page: 'matrix' },
  { file: 'home.html', url: `${C}/page/home`, page: 'creator-home' },
  // A creator page the table does not know shows the header's user block too: that says who is
  // logged in, not that this is the home page.
  { file: 'settings-ggh.html', url: `${C}/page/setting/ggh`, page: 'unknown' },
  { file: 'home.html', url: `${C}/page/somewhere-new`, page: 'unknown' },
  // A redesign the table does not know must come out as unknown, not as a wrong page.
  { file: 'matrix-redesign.html', url: `${C}/page/account/matrix`, page: 'unknown' },
];

describe('page recognition on saved pages', () => {
  for (const c of CASES) {
    it(`${c.file} → ${c.page}${c.dialogs ? ` + ${c.dialogs.join(',')}` : ''}`, () => {
      const r = recognise(load(c.file), c.url, c.frame ?? 'top');
      expect(r.page).toBe(c.page);
      expect(r.dialogs).toEqual(c.dialogs ?? []);
    });
  }

  it('every page signature in the table is exercised by a saved page', () => {
    const seen = new Set(CASES.map((c) => c.page));
    for (const sig of PAGES) expect(seen, `no saved page for ${sig.id}`).toContain(sig.id);
    const dialogs = new Set(CASES.flatMap((c) => c.dialogs ?? []));
    for (const d of DIALOGS) expect(dialogs, `no saved page for dialog ${d.id}`).toContain(d.id);
    for (const s of SUBMITS) {
      const where = 'dialog' in s.where ? s.where.dialog : s.where.page;
      expect([...seen, ...dialogs], `no saved page for submit ${s.kind}`).toContain(where);
    }
  });

  it('a login page or a foreign host is never recognised as a 光合 page', () => {
    expect(recognise(load('login.html'), 'https://login.taobao.com/member/login.jhtml', 'top').page).toBe(
      'unknown',
    );
    expect(recognise(load('home.html'), 'https://example.com/', 'top').page).toBe('unknown');
    expect(recognise(load('home.html'), 'not a url', 'top').page).toBe('unknown');
  });

  it('reads the logged-in account from the user block', () => {
    const r = recognise(load('home.html'), `${C}/`, 'top');
    expect(r.account?.guangguangId).toMatch(/^\d+$/);
    expect(r.account?.nickname).toBeTruthy();
    expect(r.account?.nickname).not.toContain('逛逛号');
  });

  it('reads the logged-in account from the header on every creator page, known or not', () => {
    const home = recognise(load('home.html'), `${C}/`, 'top').account;
    expect(home?.nickname).toBeTruthy();
    for (const [file, url] of [
      ['matrix-list.html', `${C}/page/account/matrix`],
      ['matrix-guide-overlay.html', `${C}/page/account/matrix`],
      ['works.html', `${C}/page/workspace/tb`],
      ['publish-video.html', `${C}/page/pubNew/video`],
      ['matrix-redesign.html', `${C}/page/account/matrix`],
      ['settings-ggh.html', `${C}/page/setting/ggh`],
    ] as const) {
      const a = recognise(load(file), url, 'top').account;
      expect(a, file).toEqual(home);
    }
    // Not in the publish frame (its document has no header), nor from the counts or the status line.
    expect(
      recognise(load('publish-video-frame.html'), `${FRAME}/gg-video`, 'publish-frame').account,
    ).toBeNull();
    expect(home?.nickname).not.toMatch(/粉丝|关注|获赞|账号正常|账号管理/);
  });

  it('reads matrix rows by column header, not by position', () => {
    const rows = readMatrixRows(load('matrix-list.html'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.guangguangId).toMatch(/^\d+$/);
      expect(row.bindingText).toMatch(/待接受|已绑定|已拒绝|已解绑/);
    }
  });
});

describe('the recognition table itself', () => {
  it('its selectors use roles and elements, and of class names only Fusion’s own next-* (never hashed)', () => {
    const classes = Object.values(SELECTORS).flatMap((sel) =>
      [...sel.matchAll(/\.([\w-]+)/g)].map((m) => m[1]!),
    );
    for (const c of classes) expect(c, c).toMatch(/^next-[a-z-]+$/);
    expect(JSON.stringify(SELECTORS)).not.toMatch(/--[a-zA-Z0-9]{5}/);
  });

  it('has unique ids and never uses class names', () => {
    const ids = PAGES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const json = JSON.stringify({ PAGES, DIALOGS, SUBMITS });
    expect(json).not.toMatch(/\.next-|--[a-zA-Z0-9]{5}|className/);
  });

  it('every page except host-only ones has at least one non-path probe', () => {
    for (const sig of PAGES) {
      const probes = [...sig.all, ...(sig.any ?? [])];
      const real = probes.filter((p) => !('path' in p));
      if (sig.id !== 'mcn-home') expect(real.length, sig.id).toBeGreaterThan(0);
    }
  });
});
