/**
 * What the extension knows about each 光合 tab, kept in `storage.session` so it survives the service
 * worker being stopped, and so the panel can read it and follow changes without a message round trip.
 * Only the background writes it (the session area is not exposed to content scripts).
 */
import type { PageAccount, PageId, PageReport } from './pages/types';
import type { Finding } from './rules';

export interface CheckRecord {
  checkId: string;
  at: number;
  kind: string;
  verdict: 'allow' | 'warn' | 'block';
  findings: Finding[];
  outcome?: 'released' | 'continued' | 'cancelled' | 'failed-open';
  detail?: string;
  /** What the platform showed after the submit went through (phones masked). */
  reply?: string[];
}

/** One line of the persistent check log (newest last, capped). */
export interface CheckLogEntry {
  checkId: string;
  at: number;
  kind: string;
  verdict: 'allow' | 'warn' | 'block';
  ruleIds: string[];
  /** Path of the page, without query (no ids or tokens from the URL are kept). */
  path: string;
  outcome?: 'released' | 'continued' | 'cancelled' | 'failed-open';
  /** The reason the user gave when continuing despite warnings. */
  reason?: string;
  /** What the platform showed after the submit went through (phones masked). */
  reply?: string[];
  /**
   * On the institution platform: the 逛逛号 of the creator the check was for (the one a publish
   * form publishes as, else the 达人管理 row that opened it; the creator an unbind names). Never a
   * phone. Entries written before it existed have none and belong to no creator.
   */
  creator?: string;
}

export interface TabState {
  tabId: number;
  updatedAt: number;
  top?: PageReport;
  /**
   * The account last seen logged in on this tab. Only some pages show it (the creator home's user
   * block), so it is kept while the user moves to pages that do not, and replaced when another shows.
   */
  account?: PageAccount;
  /**
   * The tab came back from a Taobao login page and no page since has shown who is logged in: the
   * previous `account` was dropped (it may be someone else now) and the panel and rules say so.
   */
  accountUnconfirmed?: true;
  /** The 发布器 iframe, when the publish page embeds it. */
  publishFrame?: PageReport;
  lastCheck?: CheckRecord;
  /** Set when the top page unloads; cleared by the next report. The panel shows "left 光合" after a grace period. */
  leftAt?: number;
  /**
   * Something of ours went wrong on this tab; the panel says so. `source: 'ledger'`: recording what
   * the page showed failed (say, a full disk); cleared by the next report recorded without error.
   */
  error?: { at: number; zh: string; en: string; source?: 'ledger' };
}

/** The institution's pages for publishing for a creator (独立发布, 批量发布). */
const OWN_GUIDE: readonly PageId[] = ['mcn-publish', 'mcn-batch-publish'];
/** Top pages that embed the 发布器 iframe: its report is kept while the top page stays one of them. */
const FRAME_PAGES: readonly PageId[] = ['publish-video', 'publish-image', ...OWN_GUIDE];

export const TAB_KEY_PREFIX = 'tab:';
export const tabKey = (tabId: number) => `${TAB_KEY_PREFIX}${tabId}`;

export function applyReport(
  prev: TabState | undefined,
  tabId: number,
  report: PageReport,
  now: number,
): TabState {
  const next: TabState = { ...(prev ?? { tabId }), tabId, updatedAt: now };
  if (report.frame === 'top') {
    // A check's verdict and our errors belong to the page they happened on: a new page starts clean.
    if (prev?.top && prev.top.page !== report.page) {
      delete next.lastCheck;
      delete next.error;
    }
    next.top = report;
    if (report.freshLogin && !report.account) {
      delete next.account;
      next.accountUnconfirmed = true;
    }
    if (report.account) {
      next.account = report.account;
      delete next.accountUnconfirmed;
    }
    delete next.leftAt;
    // Leaving the publish page drops the frame's report with it.
    if (!FRAME_PAGES.includes(report.page)) delete next.publishFrame;
  } else {
    next.publishFrame = report;
  }
  return next;
}

/** The page the user is on, preferring the publish frame when the top page embeds it. */
export function effectivePage(state: TabState | undefined): PageReport | undefined {
  return state?.publishFrame ?? state?.top;
}

/**
 * The page the panel names and guides: the institution's publish pages as themselves (what the
 * checks hold there is more than the form's own rules), any other as `effectivePage`.
 */
export function guidedPage(state: TabState | undefined): PageId | undefined {
  const top = state?.top?.page;
  return top && OWN_GUIDE.includes(top) ? top : effectivePage(state)?.page;
}
