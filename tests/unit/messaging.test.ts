import { describe, expect, it } from 'vitest';
import { isFromExtensionPage, isFromOurPage } from '@/utils/messaging';
import { CONTENT_MATCHES, isLoginUrl, isOurPageUrl } from '@/utils/hosts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('sender checks', () => {
  it('accepts our content script on each 光合 host and the publish frame path', () => {
    for (const url of [
      'https://guanghe.taobao.com/',
      'https://creator.guanghe.taobao.com/page/account/matrix',
      'https://mcn.guanghe.taobao.com/',
      'https://huodong.taobao.com/wow/z/guang/gg_publish/gg-video?x=1',
    ])
      expect(isFromOurPage({ id: ID, url, tab: { id: 3 } }, ID), url).toBe(true);
  });

  it('rejects other extensions, other hosts, login pages, look-alike hosts and senders without a tab', () => {
    const bad = [
      { id: 'other', url: 'https://creator.guanghe.taobao.com/', tab: { id: 1 } },
      { id: ID, url: 'https://login.taobao.com/member/login.jhtml', tab: { id: 1 } },
      { id: ID, url: 'https://evil.example/guanghe.taobao.com/', tab: { id: 1 } },
      { id: ID, url: 'https://creator.guanghe.taobao.com.evil.example/', tab: { id: 1 } },
      { id: ID, url: 'http://creator.guanghe.taobao.com/', tab: { id: 1 } },
      { id: ID, url: 'https://huodong.taobao.com/wow/other/', tab: { id: 1 } },
      { id: ID, url: 'https://creator.guanghe.taobao.com/' },
      { id: ID, url: 'not a url', tab: { id: 1 } },
      {},
    ];
    for (const s of bad) expect(isFromOurPage(s, ID), JSON.stringify(s)).toBe(false);
  });

  it('accepts only our own extension pages as panel senders', () => {
    expect(isFromExtensionPage({ id: ID, url: `${ORIGIN}sidepanel.html` }, ID, ORIGIN)).toBe(true);
    expect(isFromExtensionPage({ id: ID, url: 'https://creator.guanghe.taobao.com/' }, ID, ORIGIN)).toBe(
      false,
    );
    expect(isFromExtensionPage({ id: 'x', url: `${ORIGIN}sidepanel.html` }, ID, ORIGIN)).toBe(false);
    expect(isFromExtensionPage({ id: ID }, ID, ORIGIN)).toBe(false);
  });
});

describe('hosts', () => {
  it('match patterns cover exactly the hosts isOurPageUrl accepts', () => {
    expect(CONTENT_MATCHES).toEqual([
      'https://guanghe.taobao.com/*',
      'https://creator.guanghe.taobao.com/*',
      'https://mcn.guanghe.taobao.com/*',
      'https://huodong.taobao.com/wow/z/guang/gg_publish/*',
    ]);
    expect(isOurPageUrl('https://passport.taobao.com/')).toBe(false);
    expect(isOurPageUrl(undefined)).toBe(false);
  });

  it('recognises a referrer from the Taobao login pages, and nothing else', () => {
    expect(isLoginUrl('https://login.taobao.com/')).toBe(true);
    expect(isLoginUrl('https://login.taobao.com/member/login.jhtml?redirectURL=x')).toBe(true);
    expect(isLoginUrl('https://passport.taobao.com/ac/password_find.htm')).toBe(true);
    expect(isLoginUrl('https://creator.guanghe.taobao.com/')).toBe(false);
    expect(isLoginUrl('https://login.taobao.com.evil.example/')).toBe(false);
    expect(isLoginUrl('')).toBe(false);
    expect(isLoginUrl('not a url')).toBe(false);
    expect(isLoginUrl(undefined)).toBe(false);
  });
});
