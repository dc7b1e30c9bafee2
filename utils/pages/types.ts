/** What the content script tells the background about a page. Plain data, serialisable. */

/** Every page the recognisers name (the background refuses a report of any other). */
export const PAGE_IDS = [
  'portal',
  'confirm-info',
  'creator-home',
  'matrix',
  'matrix-not-whitelisted',
  'matrix-works',
  'works',
  'publish-video',
  'publish-image',
  'publish-frame-video',
  'publish-frame-image',
  'no-permission',
  'mcn-talent',
  'mcn-publish',
  'mcn-batch-publish',
  'mcn-home',
  'unknown',
] as const;
export type PageId = (typeof PAGE_IDS)[number];

export const DIALOG_IDS = ['matrix-invite', 'matrix-permission', 'matrix-unbind'] as const;
export type DialogId = (typeof DIALOG_IDS)[number];

/** Things the platform says that matter whatever the page. */
export const NOTICE_IDS = ['rate-limited', 'session-expired'] as const;
export type NoticeId = (typeof NOTICE_IDS)[number];

/**
 * The shapes of a page report (`PageAccount`, `MatrixRow`, `PageReport`) are inferred from the
 * schemas the background checks them with (utils/schemas/messages.ts): one source for the type and
 * the check. Type-only here, so the content script carries no validator.
 */
export type { MatrixRow, PageAccount, PageReport } from '../schemas/messages';

/**
 * What the institution platform's 达人管理 page shows (read on demand by the background, never by
 * the content script: entrypoints/roster.ts). `filtered`: the search box holds a term. `complete`:
 * page 1 of 1 and not filtered, so `rows` is the whole list of this tab. A row whose 逛逛号 the page
 * does not show as such has `guangguangId: null`, never a guess from other digits.
 */
export interface RosterList {
  institution: { name: string; id?: string } | null;
  tab: 'bound' | 'other';
  rows: { nickname: string; guangguangId: string | null; level: string | null }[];
  filtered: boolean;
  complete: boolean;
  page: number;
  pageCount: number | null;
}
