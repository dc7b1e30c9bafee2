/** What the panel says about each recognised page: where the user is and what comes next. */
import { PLATFORM_TERMS, titled } from '../platform/terms';
import type { DialogId, NoticeId, PageId } from '../pages/types';

export interface Bi {
  zh: string;
  en: string;
}

export interface PageGuide {
  title: Bi;
  /** Where this page sits in the workflow and what to do here. */
  step: Bi;
}

export const PAGE_GUIDES: Record<PageId, PageGuide> = {
  portal: {
    title: { zh: '光合平台首页', en: 'Guanghe portal' },
    step: {
      zh: '选择入口：达人和商家点「立即入驻」或「创作者服务」进入创作者平台；机构点「机构服务」进入机构平台。',
      en: 'Pick an entrance: creators and merchants use 立即入驻 or 创作者服务 (creator platform); institutions use 机构服务.',
    },
  },
  'confirm-info': {
    title: { zh: '个人信息确认', en: 'Personal-info confirmation' },
    step: {
      zh: '首次登录需确认昵称和头像（逛逛与直播统一）。天猫商家的昵称由店铺名生成，确认后不能修改。',
      en: 'First login: confirm nickname and avatar (shared by 逛逛 and live). Tmall nicknames come from the store name and cannot be changed afterwards.',
    },
  },
  'creator-home': {
    title: { zh: '创作者平台首页', en: 'Creator platform home' },
    step: {
      zh: '矩阵账号在「账号资产 → 账号管理 → 矩阵账号管理」。没有这个菜单说明账号不在白名单。',
      en: 'Matrix accounts are under 账号资产 → 账号管理 → 矩阵账号管理. No such menu item means the account is not whitelisted.',
    },
  },
  matrix: {
    title: { zh: '矩阵账号管理', en: 'Matrix account management' },
    step: {
      zh: '点「新增矩阵账号」，填对方的逛逛号和其注册手机号，校验后提交；对方接受后再申请代理权限。',
      en: 'Click 新增矩阵账号, enter the 逛逛号 and its registered phone, verify, submit; request proxy permissions after they accept.',
    },
  },
  'matrix-not-whitelisted': {
    title: { zh: '矩阵账号管理（未开通）', en: 'Matrix accounts (not enabled)' },
    step: {
      zh: '矩阵账号功能仅对白名单商家开放，请联系行业小二开通。',
      en: 'The matrix feature is open to whitelisted merchants only; ask your industry operator (行业小二) to enable it.',
    },
  },
  'matrix-works': {
    title: { zh: '矩阵账号作品管理', en: "Matrix account's works" },
    step: {
      zh: '查看矩阵账号作品的审核、收录和话题状态。',
      en: "Review the matrix account's works: review, indexing and topic status.",
    },
  },
  works: {
    title: { zh: '作品管理', en: 'Works management' },
    step: {
      zh: '按作品 ID 或关键字搜索，查看审核状态。',
      en: 'Search by work ID or keyword and check review status.',
    },
  },
  'publish-video': {
    title: { zh: '发布视频', en: 'Publish video' },
    step: {
      zh: '标题不超过 30 字，描述不超过 1000 字（含 #标签）；定时发布需在 2 小时后、30 天内。',
      en: 'Title ≤ 30 chars, description ≤ 1000 with its #tags; scheduled posts must be 2 h to 30 days ahead.',
    },
  },
  'publish-image': {
    title: { zh: '发布图文', en: 'Publish image post' },
    step: {
      zh: '1–9 张图片，标题不超过 30 字，正文不超过 1000 字。',
      en: '1–9 images, title ≤ 30 chars, body ≤ 1000.',
    },
  },
  'publish-frame-video': {
    title: { zh: '发布视频（发布器）', en: 'Publish video (publisher frame)' },
    step: {
      zh: '标题不超过 30 字，描述不超过 1000 字（含 #标签），声明默认「内容无需标注」；提交前助手会检查。',
      en: 'Title ≤ 30 chars, description ≤ 1000 with its #tags, declaration preset 内容无需标注; the assistant checks before submit.',
    },
  },
  'publish-frame-image': {
    title: { zh: '发布图文（发布器）', en: 'Publish image post (publisher frame)' },
    step: {
      zh: '1–9 张图片，标题和正文不能都为空。',
      en: '1–9 images; title and body cannot both be empty.',
    },
  },
  'no-permission': {
    title: { zh: '无运营权限', en: 'No operating rights' },
    step: {
      zh: '当前子账号没有运营权限，请让主账号在子账号管理中授权，或用主账号登录。',
      en: 'This sub-account has no operating rights: ask the main account to grant them, or log in as the main account.',
    },
  },
  'mcn-talent': {
    title: { zh: '达人管理（机构）', en: 'Creator roster (institution)' },
    step: {
      zh: '机构绑定的达人列表：可搜索昵称或逛逛号，按行发布、管理作品或解绑。',
      en: 'The creators bound to the institution: search by nickname or 逛逛号; publish, manage works or unbind per row.',
    },
  },
  'mcn-publish': {
    title: { zh: '为达人发布（机构）', en: 'Publish for a creator (institution)' },
    step: {
      zh: '规则同代理发布，提交前检查；发布账号不是打开它的达人管理那一行的达人时提醒。',
      en: 'Checked before submit by the proxy-publish rules; a warning when the 发布账号 is not the creator of the 达人管理 row that opened it.',
    },
  },
  'mcn-batch-publish': {
    title: { zh: '批量发布（机构）', en: 'Batch publish (institution)' },
    step: {
      zh: '按代理发布的规则逐条检查，标出有问题的条目；发布账号不是那一行的达人时提醒。',
      en: 'Each item checked by the proxy-publish rules, a failing one named; a warning when the 发布账号 is not the row’s creator.',
    },
  },
  'mcn-home': {
    title: titled(PLATFORM_TERMS.institution),
    step: { zh: '机构（MCN）在这里管理旗下达人。', en: 'Institutions (MCN) manage their creators here.' },
  },
  unknown: {
    title: { zh: '未识别的页面', en: 'Page not recognised' },
    step: {
      zh: '助手认不出这个页面（平台可能改版了）。下面的指引仍然适用；平台本身不受影响。',
      en: 'The assistant does not recognise this page (the platform may have changed). The guides below still apply; the platform itself is unaffected.',
    },
  },
};

export const DIALOG_GUIDES: Record<DialogId, Bi> = {
  'matrix-invite': {
    zh: '新增矩阵账号：逛逛号 + 该逛逛号的注册手机号，先校验再确定。',
    en: 'Add matrix account: 逛逛号 + its registered phone; verify, then confirm.',
  },
  'matrix-permission': {
    zh: '申请代理权限：仅对已绑定的账号；对方同意后生效。',
    en: 'Request proxy permissions: bound accounts only; effective once they accept.',
  },
  'matrix-unbind': {
    zh: '解绑：主账号获得的全部权限将被回收。',
    en: 'Unbind: every permission the main account holds is withdrawn.',
  },
};

export const NOTICE_GUIDES: Record<NoticeId, Bi> = {
  'rate-limited': {
    zh: '平台提示操作过于频繁或系统繁忙：稍等几分钟再试，不要重复提交。',
    en: 'The platform says you are going too fast or it is busy: wait a few minutes, do not resubmit.',
  },
  'session-expired': {
    zh: '登录已失效：重新登录后回到光合平台，助手会继续。',
    en: 'Session expired: log in again and come back; the assistant picks up where you were.',
  },
};
