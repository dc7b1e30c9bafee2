/**
 * Every page, dialog, field and submit button of 光合平台 the extension knows, as data, and every
 * other word the recognisers and extractors (utils/pages/) and the content script read on a page: the
 * page-anchor part of the platform vocabulary (tests/unit/platform-vocabulary.test.ts checks it and
 * that no code outside utils/platform/ spells a platform word).
 *
 * Only stable anchors are used (README.md, "Map of the code", the `utils/pages/` row):
 * visible headings and button text, placeholders, role/aria attributes, `data-autolog` values and the
 * publish iframe's title. Never hashed CSS-module class names: they change with every platform release.
 * When the platform renames a label, add the new one here and keep the old one with a dated note
 * until it has been gone for a release or two.
 */
import type { DialogId, NoticeId, PageId } from '../pages/types.ts';
import {
  CREATOR_HOST,
  INSTITUTION_HOST,
  PORTAL_HOST,
  PUBLISH_FRAME_HOST,
  PUBLISH_FRAME_PATH,
} from './hosts.ts';

export type Probe =
  /** A heading (h1–h4, role=heading) whose text contains this. */
  | { heading: string }
  /** A button, role=button or link whose whole text is this. */
  | { button: string }
  /** An input/textarea with exactly this placeholder. */
  | { placeholder: string }
  /** An element whose data-autolog contains this. */
  | { autolog: string }
  /** An iframe with this title. */
  | { iframeTitle: string }
  /** An iframe whose src contains this (`//host/path/`: absolute or protocol-relative; spaces do not matter). */
  | { iframeSrc: string }
  /** This text somewhere in the page. Costlier: use only for short status pages. */
  | { text: string }
  /**
   * The URL path, with a `/` appended, starts with this: `/page/home` is that page and below it, `//`
   * is the root only. A hint only: never enough on its own for a top-level page.
   */
  | { path: string };

export interface PageSignature {
  id: PageId;
  /** The page's host (each page lives on one). */
  host: string;
  /** Every probe must match. */
  all: readonly Probe[];
  /** If given, at least one must match as well. */
  any?: readonly Probe[];
}

const CREATOR = CREATOR_HOST;
const MCN = INSTITUTION_HOST;
const PUBLISH_FRAME = PUBLISH_FRAME_HOST;
/**
 * The 发布器 iframe by its src: 批量发布's has no title and only a hashed class (`publish-content--…`,
 * observed), so the institution's publish pages are known by the frame they embed.
 */
const EMBEDS_PUBLISHER: Probe = { iframeSrc: `//${PUBLISH_FRAME_HOST}${PUBLISH_FRAME_PATH}` };
/** 达人管理's search box (observed on the real institution platform, 2026). */
const ROSTER_SEARCH = '请输入创作者昵称/逛逛号进行搜索';
/** The 发布器's title field (observed: `maxlength="30"`). */
const TITLE_PLACEHOLDER = '加个标题让内容更吸引人';

/** First match wins, so the more specific signatures come first. */
export const PAGES: readonly PageSignature[] = [
  {
    id: 'no-permission',
    host: CREATOR,
    all: [],
    any: [{ text: '当前子账号无运营权限' }, { text: '暂无运营权限' }, { text: '无权访问' }],
  },
  {
    id: 'publish-frame-video',
    host: PUBLISH_FRAME,
    all: [{ path: '/wow/z/guang/gg_publish/gg-video' }, { placeholder: TITLE_PLACEHOLDER }],
  },
  {
    id: 'publish-frame-image',
    host: PUBLISH_FRAME,
    all: [{ path: '/wow/z/guang/gg_publish/gg-picture' }, { placeholder: TITLE_PLACEHOLDER }],
  },
  { id: 'publish-video', host: CREATOR, all: [{ iframeTitle: '发布器' }, { path: '/page/pubNew/video' }] },
  { id: 'publish-image', host: CREATOR, all: [{ iframeTitle: '发布器' }, { path: '/page/pubNew/pic' }] },
  { id: 'confirm-info', host: CREATOR, all: [{ heading: '个人信息确认' }] },
  {
    id: 'matrix-not-whitelisted',
    host: CREATOR,
    all: [{ heading: '矩阵账号管理' }],
    any: [{ text: '白名单' }],
  },
  { id: 'matrix', host: CREATOR, all: [{ heading: '矩阵账号管理' }, { button: '新增矩阵账号' }] },
  {
    id: 'matrix-works',
    host: CREATOR,
    all: [{ heading: '作品管理' }],
    any: [{ text: '收录状态' }, { text: '话题状态' }],
  },
  { id: 'works', host: CREATOR, all: [{ placeholder: '请输入作品ID或关键字' }] },
  // The user block is in the header of every creator page (observed 2026): on its own it says who is
  // logged in, not which page this is, so home is also known by its path (`/` or `/page/home`).
  {
    id: 'creator-home',
    host: CREATOR,
    all: [{ autolog: '用户模块-账号管理' }],
    any: [{ path: '//' }, { path: '/page/home' }],
  },
  { id: 'mcn-talent', host: MCN, all: [{ placeholder: ROSTER_SEARCH }] },
  // Publishing for a creator (达人管理 → a row's 发布): 独立发布 and 批量发布.
  { id: 'mcn-publish', host: MCN, all: [EMBEDS_PUBLISHER, { path: '/page/unify/ContentPublish' }] },
  {
    id: 'mcn-batch-publish',
    host: MCN,
    all: [EMBEDS_PUBLISHER, { path: '/page/unify/creation-tool/batch-publish' }],
  },
  { id: 'mcn-home', host: MCN, all: [] },
  {
    id: 'portal',
    host: PORTAL_HOST,
    all: [],
    any: [{ button: '创作者服务' }, { button: '机构服务' }, { button: '立即入驻' }],
  },
];

export interface DialogSignature {
  id: DialogId;
  /** The dialog's title contains one of these. */
  titles: readonly string[];
}

export const DIALOGS: readonly DialogSignature[] = [
  { id: 'matrix-invite', titles: ['新增矩阵账号'] },
  { id: 'matrix-permission', titles: ['申请代理权限', '代理权限'] },
  { id: 'matrix-unbind', titles: ['解绑', '确认解绑'] },
];

/**
 * The one dialog whose one-line fields submit on Enter (新增矩阵账号: its inputs call 确定, a guess the
 * mock follows). Enter elsewhere in a known dialog is left to the page: Fusion's Dialog has no
 * Enter-to-OK of its own.
 */
export const ENTER_DIALOG: DialogId = 'matrix-invite';

export interface FieldSignature {
  /** Text of the field's label (compared with `normaliseText`: spaces, colons, `*` do not matter). */
  labels: readonly string[];
  /** Placeholders that identify the field on their own. */
  placeholders: readonly string[];
  /**
   * Last resort, for markup the table has never seen: a label or placeholder containing one of these
   * words (and none of `unless`) is this field.
   */
  words?: readonly string[];
  unless?: readonly string[];
}

export const FIELDS = {
  inviteGuangguangId: {
    labels: ['逛逛号'],
    placeholders: ['请输入逛逛号'],
    words: ['逛逛号'],
    unless: ['手机'],
  },
  invitePhone: {
    labels: ['手机号', '手机号码'],
    placeholders: ['请输入该逛逛号绑定的手机号', '请输入手机号'],
    words: ['手机'],
  },
  nickname: { labels: ['昵称'], placeholders: [] },
  title: { labels: ['标题'], placeholders: [TITLE_PLACEHOLDER], words: ['标题'] },
  // A Cangjie rich-text editor (`div[data-cangjie-content]`, contenteditable) on the real form, its
  // #tags void tokens inside; read by its form label.
  // GUESS (the mock's): the placeholder, the one way to tell a 批量发布 item's description box, which
  // sits in a table cell with no label.
  description: {
    labels: ['描述', '正文', '作品描述'],
    placeholders: ['添加作品描述，让更多人看到你的作品'],
  },
  // 请选择日期和时间: the real 定时发布 date picker's placeholder (a read-only combobox, value
  // `YYYY/MM/DD HH:mm`), as public scripts that drive the real 发布器 report it.
  scheduleAt: {
    labels: ['定时发布时间', '发布时间'],
    placeholders: ['请选择发布时间', '请选择日期和时间'],
    words: ['日期', '时间'],
  },
  publishAccount: { labels: ['发布账号', '发布身份'], placeholders: [] },
} as const satisfies Record<string, FieldSignature>;

export type FieldId = keyof typeof FIELDS;

/** Buttons whose click the content script holds for a check, and where they count. */
/** Every kind of submit the assistant holds and checks. */
export const SUBMIT_KINDS = [
  'matrix-invite',
  'permission-request',
  'unbind',
  'nickname-confirm',
  'proxy-publish-video',
  'proxy-publish-image',
] as const;

export interface SubmitSignature {
  kind: (typeof SUBMIT_KINDS)[number];
  where: { dialog: DialogId } | { page: PageId };
  buttons: readonly string[];
}

export const SUBMITS: readonly SubmitSignature[] = [
  { kind: 'matrix-invite', where: { dialog: 'matrix-invite' }, buttons: ['确定', '确认', '提交'] },
  { kind: 'permission-request', where: { dialog: 'matrix-permission' }, buttons: ['提交申请', '确定'] },
  { kind: 'unbind', where: { dialog: 'matrix-unbind' }, buttons: ['确认解绑', '确定'] },
  { kind: 'nickname-confirm', where: { page: 'confirm-info' }, buttons: ['确认', '确认提交'] },
  {
    kind: 'proxy-publish-video',
    where: { page: 'publish-frame-video' },
    // 批量发布: the institution's batch of items in the same frame (GUESS: the button's word).
    buttons: ['立即发布', '定时发布', '发布', '批量发布'],
  },
  {
    kind: 'proxy-publish-image',
    where: { page: 'publish-frame-image' },
    buttons: ['立即发布', '定时发布', '发布'],
  },
];

/** Page texts that matter on any page. */
export const NOTICES: readonly { id: NoticeId; texts: readonly string[] }[] = [
  { id: 'rate-limited', texts: ['操作过于频繁', '系统繁忙'] },
  { id: 'session-expired', texts: ['登录已失效', '请重新登录'] },
];

/** The user block on creator pages (nickname, status, 逛逛号). */
export const ACCOUNT_BLOCK_AUTOLOG = '用户模块-账号管理';
// Digits only: React renders sibling elements with no whitespace between them ("2210000002粉丝").
export const GUANGGUANG_ID_LABEL = /逛逛号\s*[:：]?\s*(\d{5,})/;

/** Matrix list columns by header text. */
export const MATRIX_COLUMNS = {
  nickname: ['昵称', '账号昵称', '账号'],
  guangguangId: ['逛逛号'],
  binding: ['绑定状态'],
  permission: ['权限状态'],
} as const;

/**
 * Where the recognisers look, as selectors. Roles and plain elements first; the Fusion library's own
 * `next-*` class names only as a fallback for markup that carries no role. The platform is built on
 * Fusion (@alifd/next), whose class names are the library's and stay from release to release, unlike
 * the hashed CSS-module names beside them (`user--J5npn8g_`), which are never used.
 */
export const SELECTORS = {
  /** Dialogs: ARIA roles, else Fusion's dialog box. */
  dialog: '[role=dialog],[role=alertdialog],.next-dialog',
  /** A dialog's title when it names none by ARIA. */
  dialogTitle: 'h1,h2,h3,h4,[role=heading],header,.next-dialog-header,.next-dialog-title',
  /** Headings of a page. */
  heading: 'h1,h2,h3,h4,[role=heading]',
  /** Things a user clicks as a button. */
  button: 'button,[role=button],input[type=submit],input[type=button],.next-btn',
  /** Probes of `{ button }` also accept links (portal entrances are links styled as buttons). */
  buttonOrLink: 'button,[role=button],a,.next-btn',
  /** Navigation, whose items repeat every page's name: never a page's heading. */
  navigation:
    'nav,[role=navigation],[role=menu],[role=menubar],[role=tablist],.next-menu,.next-breadcrumb,.next-nav',
  /** Tables, outermost first: Fusion draws header and body as two <table>s inside one .next-table. */
  table: '.next-table,table,[role=table],[role=grid]',
  columnHeader: 'th,[role=columnheader]',
  row: 'tbody tr,[role=row],.next-table-row',
  cell: 'td,[role=cell],[role=gridcell]',
  /** Form-item labels. */
  label: 'label,.next-form-item-label,[class*=label]',
} as const;

// ---- words read inside lists, forms and replies ------------------------------------------------

/** The 逛逛号 label, and a 逛逛号 written after it in a row or a dialog (letters, digits, `_`). */
/** The creator a 达人管理 confirmation names, in 「」 (e.g. 确认解绑达人「糖糖探店记」？). */
export const CREATOR_IN_CONFIRM = /「([^」]{1,100})」/;
export const GUANGGUANG_ID_WORD = '逛逛号';
export const GUANGGUANG_ID_IN_TEXT = /逛逛号\s*:?\s*(\w{4,32})/;
/** The status line of the user block (账号正常 …): never the nickname. */
export const ACCOUNT_STATUS_LINE = /^账号(正常|异常|受限)/;
/** 个人信息确认 for a Tmall store (the nickname is derived from the store name) says so. */
export const TMALL_WORD = '天猫';
/** The store name line of 个人信息确认. */
export const STORE_NAME_LINE = /店铺名称\s*[:：]?\s*[「"“]?\s*([^」"”\s]+)/;

/** Chips with a remove button labelled `删除<kind> <name>` (aria-label), by the kinds the form has. */
export const REMOVE_WORD = '删除';
export const CHIP_KINDS = {
  images: ['图片'],
  tags: ['内容标签', '标签'],
  // 关联商品 are picked in a dialog, not typed: the chips name the product (or the 店铺 card).
  products: ['商品'],
  shops: ['店铺'],
  topics: ['话题'],
} as const;

/** 发布账号 as the publish form lists an account it publishes for (`昵称（矩阵账号·代理发布）`). */
export const PROXY_PUBLISH_MARK = /代理发布/;
export const ACTING_AS_MARK = /矩阵账号|代理/;
/** The bracketed note after the nickname in 发布账号 (full-width or not), cut to get the nickname. */
export const ACCOUNT_NOTE = /[（(].*$/;

/**
 * 批量发布 on the institution platform: the frame's scene (observed in the page's address), and the
 * query parameter that names the creator a publish page was opened for (GUESS: the mock's `gid`).
 */
export const BATCH_SCENE = 'short_drama_multipublish';
export const SCENE_PARAM = 'ugc_scene';
export const CREATOR_PARAM = 'gid';

/** 定时发布: the submit button's word, and the choice that turns it on. */
export const SCHEDULE_BUTTON_WORD = '定时';
export const SCHEDULE_CHOICE = '定时发布';
/** A value that reads as a date and time (`2025/06/01 14:30`, `2025-06-01T14:30`, `2025年6月1日 …`). */
export const DATE_TIME_VALUE =
  /^\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?\s*(T|\s)?\s*\d{1,2}\s*[:：时点]/;

/** How the platform words a failed or a successful submit in its toast or inline message. */
export const REPLY_FAILURE =
  /失败|错误|出错|不一致|不正确|不存在|不合法|不能|无法|不可|请先|请输入|请选择|超过|上限|频繁|异常|已存在|未通过|过期|FAIL_/;
export const REPLY_SUCCESS = /成功|已发送|已提交|已邀请/;

/** Fields whose Enter is their own (a search box): never a form's submit. */
export const OWN_ENTER_WORDS = ['回车', '搜索', 'enter', 'search'];

// ---- the institution platform's 达人管理 (read by utils/pages/roster.ts, never the content script) ----

/**
 * 达人管理: the search box, the tab of bound creators, the columns by header text, and what a level
 * cell shows when there is none. Observed: 已绑定, the search placeholder, a level column and
 * `逛逛号：ID` in the row; the column names are the mock's guesses plus likely alternatives.
 */
export const ROSTER = {
  search: ROSTER_SEARCH,
  boundTabs: ['已绑定'],
  columns: {
    creator: ['达人信息', '达人', '达人昵称', '创作者', '创作者信息', '昵称'],
    level: ['达人等级', '等级', '创作者等级'],
    guangguangId: ['逛逛号'],
  },
  noLevel: ['-', '--', '—', '暂无', '无'],
} as const;

/** A row's 逛逛号 as the page writes it, on `normaliseText`ed text: `逛逛号：4410000061` and nothing else. */
export const ROSTER_GUANGGUANG_ID = /^逛逛号:?(\w{4,32})$/;

/**
 * GUESS: the institution platform's header block, modelled on the creator header's user block
 * (data-autolog with 用户模块-账号管理): first text the institution's name, then `机构ID：…`. Neither
 * the key nor the ID line has been seen on the real site.
 */
export const INSTITUTION_BLOCK_AUTOLOG = '机构模块-机构信息';
export const INSTITUTION_ID_LABEL = /机构ID\s*:?\s*(\w{4,32})/;

/**
 * Where the roster reader looks, as selectors: ARIA first, Fusion's own next-* classes as the
 * fallback (tabs, pagination), never hashed names.
 */
export const ROSTER_SELECTORS = {
  selectedTab: '[role=tab][aria-selected=true],.next-tabs-tab.active',
  tabLabel: '.next-tabs-tab-inner',
  pagination: '.next-pagination',
  pageItem: '.next-pagination-item',
  currentPage: '.next-pagination-item.next-current,[aria-current=page]',
  emptyRow: '.next-table-empty-row,.next-table-empty',
} as const;
