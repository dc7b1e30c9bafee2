/**
 * The matrix-account (1+N) workflow as a checklist (seed 001). Which steps are done comes from the
 * ledger; which step is current comes from the page the user is on. Pure: the panel passes both in.
 */
import type { DialogId, PageId } from '../pages/types';
import type { Bi } from './pages';

export type MatrixStepId =
  'whitelist' | 'find-id' | 'invite' | 'acceptance' | 'permissions' | 'products' | 'works' | 'unbind';

/** Where on the page a step's action is, for the spotlight. Button text as the platform shows it. */
export interface SpotlightTarget {
  button?: string;
  text?: string;
}

export interface MatrixStep {
  id: MatrixStepId;
  title: Bi;
  how: Bi;
  spotlight?: SpotlightTarget;
}

export const MATRIX_STEPS: readonly MatrixStep[] = [
  {
    id: 'whitelist',
    title: { zh: '确认已开通白名单', en: 'Check you are whitelisted' },
    how: {
      zh: '账号资产 → 账号管理 → 矩阵账号管理。看不到这个菜单说明未开通：联系行业小二开白名单。',
      en: '账号资产 → 账号管理 → 矩阵账号管理. No menu item means not whitelisted: ask your industry operator (行业小二).',
    },
    spotlight: { text: '矩阵账号管理' },
  },
  {
    id: 'find-id',
    title: { zh: '拿到对方的逛逛号', en: "Get the other account's 逛逛号" },
    how: {
      zh: '对方登录光合平台 → 点头像 → 设置 → 我的逛逛号。同时确认对方注册手机号。',
      en: 'They log in to 光合平台 → avatar → 设置 → 我的逛逛号. Also confirm their registered phone.',
    },
  },
  {
    id: 'invite',
    title: { zh: '发起绑定邀请', en: 'Send the binding invite' },
    how: {
      zh: '点「新增矩阵账号」，填逛逛号和该逛逛号的注册手机号，校验后确定。只绑定与你有合作或归你所有的账号。',
      en: 'Click 新增矩阵账号, enter the 逛逛号 and its registered phone, verify, confirm. Bind only accounts you work with or own.',
    },
    spotlight: { button: '新增矩阵账号' },
  },
  {
    id: 'acceptance',
    title: { zh: '等待对方接受', en: 'Wait for acceptance' },
    how: {
      zh: '对方在自己的光合平台接受邀请。助手在你打开矩阵列表时更新状态，超过提醒期限会提醒你。',
      en: 'They accept on their own 光合平台. The assistant updates the status when you open the matrix list and reminds you when it goes stale.',
    },
  },
  {
    id: 'permissions',
    title: { zh: '申请代理权限', en: 'Request proxy permissions' },
    how: {
      zh: '在已绑定的账号行点「申请代理权限」：代理发布（发布、编辑、删除、置顶、隐私）和代理互动（评论、回复、点赞），对方同意后生效。代理行为的后果由矩阵账号承担。',
      en: 'On a bound row click 申请代理权限: proxy publish (publish, edit, delete, pin, privacy) and proxy interaction (comment, reply, like); effective once they accept. The matrix account bears the consequences of proxy actions.',
    },
    spotlight: { button: '申请代理权限' },
  },
  {
    id: 'products',
    title: { zh: '开放商品池和店铺卡片', en: 'Share product pool and shop card' },
    how: {
      zh: '同一页面可把商品池给矩阵账号（挂主店商品免佣金），矩阵账号主页可挂主店卡片。',
      en: "On the same page, give the product pool (the matrix account links your shop's products commission-free) and the shop card on its homepage.",
    },
  },
  {
    id: 'works',
    title: { zh: '作品管理', en: 'Manage works' },
    how: {
      zh: '在账号行点「作品管理」，查看审核、收录、话题状态并操作。',
      en: 'Click 作品管理 on a row to see review, indexing and topic status and act on them.',
    },
    spotlight: { button: '作品管理' },
  },
  {
    id: 'unbind',
    title: { zh: '需要时解绑', en: 'Unbind when done' },
    how: {
      zh: '主账号在矩阵列表点「解绑」，全部权限随之回收。矩阵账号想解绑需发邮件申请。',
      en: 'The main account clicks 解绑 in the list; every permission is withdrawn. A matrix account that wants out must apply by email.',
    },
    spotlight: { button: '解绑' },
  },
];

/** What the ledger knows, reduced to what the checklist needs. */
export interface MatrixProgress {
  whitelisted: boolean | 'unknown';
  accounts: number;
  pending: number;
  accepted: number;
  grantedProxy: number;
  grantedProducts: number;
  unbound: number;
}

export type StepStatus = 'done' | 'current' | 'todo' | 'blocked';

export function currentStepOf(page: PageId | undefined, dialogs: readonly DialogId[]): MatrixStepId | null {
  if (dialogs.includes('matrix-invite')) return 'invite';
  if (dialogs.includes('matrix-permission')) return 'permissions';
  if (dialogs.includes('matrix-unbind')) return 'unbind';
  if (page === 'matrix-works') return 'works';
  if (page === 'matrix-not-whitelisted') return 'whitelist';
  return null;
}

export function checklist(
  progress: MatrixProgress,
  page: PageId | undefined,
  dialogs: readonly DialogId[],
): { step: MatrixStep; status: StepStatus }[] {
  const done: Record<MatrixStepId, boolean> = {
    whitelist: progress.whitelisted === true,
    'find-id': progress.accounts > 0,
    invite: progress.pending + progress.accepted + progress.unbound > 0,
    acceptance: progress.accepted + progress.unbound > 0,
    permissions: progress.grantedProxy > 0,
    products: progress.grantedProducts > 0,
    works: false,
    unbind: progress.unbound > 0,
  };
  const current = currentStepOf(page, dialogs) ?? MATRIX_STEPS.find((s) => !done[s.id])?.id ?? null;
  return MATRIX_STEPS.map((step) => ({
    step,
    status:
      step.id === 'whitelist' && progress.whitelisted === false
        ? 'blocked'
        : step.id === current
          ? 'current'
          : done[step.id]
            ? 'done'
            : 'todo',
  }));
}
