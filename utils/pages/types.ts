/** What the content script tells the background about a page. Plain data, serialisable. */

export type PageId =
  | 'portal'
  | 'confirm-info'
  | 'creator-home'
  | 'matrix'
  | 'matrix-not-whitelisted'
  | 'matrix-works'
  | 'works'
  | 'publish-video'
  | 'publish-image'
  | 'publish-frame-video'
  | 'publish-frame-image'
  | 'no-permission'
  | 'mcn-home'
  | 'unknown';

export type DialogId = 'matrix-invite' | 'matrix-permission' | 'matrix-unbind';

/** Things the platform says that matter whatever the page. */
export type NoticeId = 'rate-limited' | 'session-expired';

export interface PageAccount {
  nickname?: string;
  guangguangId?: string;
}

/** One row of the platform's matrix-account list, as text read from the page. */
export interface MatrixRow {
  nickname: string;
  guangguangId: string;
  bindingText: string;
  permissionText: string;
}

export interface PageReport {
  url: string;
  frame: 'top' | 'publish-frame';
  page: PageId;
  dialogs: DialogId[];
  notices: NoticeId[];
  account: PageAccount | null;
  /** Present on the matrix list page. */
  matrixRows?: MatrixRow[];
  /** Present on the personal-info confirmation page. */
  confirmVariant?: 'tmall' | 'other';
  /**
   * The first report of a top document reached from a Taobao login page (its referrer): whoever was
   * logged in before may not be logged in now.
   */
  freshLogin?: true;
}
