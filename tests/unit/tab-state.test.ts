import { describe, expect, it } from 'vitest';
import { applyReport, effectivePage, guidedPage } from '@/utils/tab-state';
import type { PageReport } from '@/utils/pages/types';

const report = (over: Partial<PageReport>): PageReport => ({
  url: 'https://creator.guanghe.taobao.com/',
  frame: 'top',
  page: 'creator-home',
  dialogs: [],
  notices: [],
  account: null,
  ...over,
});

describe('tab state', () => {
  it('keeps the logged-in account across pages that do not show it, until a fresh login', () => {
    const shop = { nickname: '小林的杂货铺', guangguangId: '2210000002' };
    let s = applyReport(undefined, 1, report({ account: shop }), 1);
    s = applyReport(s, 1, report({ page: 'matrix' }), 2);
    expect(s.account).toEqual(shop);
    expect(s.accountUnconfirmed).toBeUndefined();

    // Back from the login page, straight to a page that does not show the account: unknown now.
    s = applyReport(s, 1, report({ page: 'matrix', freshLogin: true }), 3);
    expect(s.account).toBeUndefined();
    expect(s.accountUnconfirmed).toBe(true);
    s = applyReport(s, 1, report({ page: 'works' }), 4);
    expect(s.accountUnconfirmed).toBe(true);

    // The home page shows who it is.
    const expert = { nickname: '穿搭研究所阿May', guangguangId: '3310000009' };
    s = applyReport(s, 1, report({ account: expert }), 5);
    expect(s.account).toEqual(expert);
    expect(s.accountUnconfirmed).toBeUndefined();

    // A fresh login that lands on the home page is confirmed at once.
    s = applyReport(s, 1, report({ account: shop, freshLogin: true }), 6);
    expect(s.account).toEqual(shop);
    expect(s.accountUnconfirmed).toBeUndefined();
  });

  it('a publish frame never drops the account', () => {
    const shop = { nickname: '小林的杂货铺', guangguangId: '2210000002' };
    let s = applyReport(undefined, 1, report({ account: shop }), 1);
    s = applyReport(
      s,
      1,
      report({ frame: 'publish-frame', page: 'publish-frame-video', freshLogin: true }),
      2,
    );
    expect(s.account).toEqual(shop);
  });

  it('keeps the publish frame while on a publish page and prefers it', () => {
    let s = applyReport(undefined, 1, report({ page: 'publish-video' }), 1);
    s = applyReport(s, 1, report({ frame: 'publish-frame', page: 'publish-frame-video' }), 2);
    expect(effectivePage(s)?.page).toBe('publish-frame-video');
    s = applyReport(s, 1, report({ page: 'publish-video', dialogs: [] }), 3);
    expect(effectivePage(s)?.page).toBe('publish-frame-video');
  });

  it('on the institution’s publish pages keeps the frame, and the panel guides the page itself', () => {
    for (const top of ['mcn-publish', 'mcn-batch-publish'] as const) {
      let s = applyReport(undefined, 1, report({ page: top }), 1);
      expect(guidedPage(s)).toBe(top);
      s = applyReport(s, 1, report({ frame: 'publish-frame', page: 'publish-frame-video' }), 2);
      // The top page reports again (its DOM changed): the frame's report stays.
      s = applyReport(s, 1, report({ page: top, dialogs: [] }), 3);
      expect(effectivePage(s)?.page).toBe('publish-frame-video');
      expect(guidedPage(s)).toBe(top);
      s = applyReport(s, 1, report({ page: 'mcn-talent' }), 4);
      expect(s.publishFrame).toBeUndefined();
      expect(guidedPage(s)).toBe('mcn-talent');
    }
    // The creator platform's publish page is guided as its frame, as before.
    let s = applyReport(undefined, 1, report({ page: 'publish-video' }), 1);
    s = applyReport(s, 1, report({ frame: 'publish-frame', page: 'publish-frame-video' }), 2);
    expect(guidedPage(s)).toBe('publish-frame-video');
  });

  it('drops the frame report when the top page leaves the publish page', () => {
    let s = applyReport(undefined, 1, report({ page: 'publish-video' }), 1);
    s = applyReport(s, 1, report({ frame: 'publish-frame', page: 'publish-frame-video' }), 2);
    s = applyReport(s, 1, report({ page: 'works' }), 3);
    expect(s.publishFrame).toBeUndefined();
    expect(effectivePage(s)?.page).toBe('works');
    expect(s.updatedAt).toBe(3);
  });

  it('forgets the last check and error when the top page changes, keeps them on the same page', () => {
    let s = applyReport(undefined, 1, report({ page: 'matrix' }), 1);
    s = {
      ...s,
      lastCheck: { checkId: 'c', at: 2, kind: 'matrix-invite', verdict: 'block', findings: [] },
      error: { at: 2, zh: 'x', en: 'x' },
    };
    s = applyReport(s, 1, report({ page: 'matrix', dialogs: ['matrix-invite'] }), 3);
    expect(s.lastCheck?.checkId).toBe('c');
    s = applyReport(s, 1, report({ page: 'creator-home' }), 4);
    expect(s.lastCheck).toBeUndefined();
    expect(s.error).toBeUndefined();
  });
});
