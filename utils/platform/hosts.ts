/**
 * Where the extension runs. Kept narrow on purpose (see PRIVACY.md): the three 光合 hosts, plus
 * only the path of the 发布器 iframe that the publish pages embed from huodong.taobao.com.
 * Taobao's login and security-check hosts are never matched: passwords are typed there.
 */
/** The portal, where one logs in and picks a platform. */
export const PORTAL_HOST = 'guanghe.taobao.com';
/** The creator platform (达人, merchants, their matrix accounts). */
export const CREATOR_HOST = 'creator.guanghe.taobao.com';
/** The institution (机构/MCN) platform, where agency staff work (达人管理). */
export const INSTITUTION_HOST = 'mcn.guanghe.taobao.com';

export const GUANGHE_HOSTS = [PORTAL_HOST, CREATOR_HOST, INSTITUTION_HOST] as const;

/** True when a URL is on the institution platform. */
export function isInstitutionUrl(raw: string | undefined): boolean {
  try {
    return new URL(raw ?? '').hostname === INSTITUTION_HOST;
  } catch {
    return false;
  }
}

/** The publish form is served in an iframe from this host, under this path only. */
export const PUBLISH_FRAME_HOST = 'huodong.taobao.com';
export const PUBLISH_FRAME_PATH = '/wow/z/guang/gg_publish/';

// Spelt out, not mapped from GUANGHE_HOSTS: without a call in it, a bundle that does not use it
// (the content script's, registration.ts) drops it.
export const CONTENT_MATCHES = [
  `https://${PORTAL_HOST}/*`,
  `https://${CREATOR_HOST}/*`,
  `https://${INSTITUTION_HOST}/*`,
  `https://${PUBLISH_FRAME_HOST}${PUBLISH_FRAME_PATH}*`,
];

/** Hosts where the user is sent to log in; recognised from outside, never scripted. */
export const LOGIN_HOSTS = ['login.taobao.com', 'passport.taobao.com', 'aq.taobao.com'] as const;

/** True when a URL (or a referrer) is a Taobao login page: the user has just logged in, maybe as another account. */
export function isLoginUrl(raw: string | undefined): boolean {
  if (!raw) return false;
  try {
    return (LOGIN_HOSTS as readonly string[]).includes(new URL(raw).hostname);
  } catch {
    return false;
  }
}

/** True when a URL is one the content script is allowed to run on. */
export function isOurPageUrl(raw: string | undefined): boolean {
  if (!raw) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if ((GUANGHE_HOSTS as readonly string[]).includes(url.hostname)) return true;
  return url.hostname === PUBLISH_FRAME_HOST && url.pathname.startsWith(PUBLISH_FRAME_PATH);
}
