/** Rules shared by the matrix-account actions: whitelist, main account, target 逛逛号, binding (seed-001). */
import { BINDING_STATE_LABELS, IDENTITY_LABELS } from '../data/labels.ts';
import { defineRule } from '../engine.ts';
import type { Identity, LocalizedText, SubmissionKind } from '../types.ts';
import { accountFor, isBlankId, shownId } from './shared.ts';

/** Identities that are not a merchant's account: the matrix feature's main account is a merchant's. */
const NOT_MERCHANT: readonly Identity[] = ['expert', 'institution', 'taobao-user'];

const ACTION_OF_KIND: Partial<Record<SubmissionKind, LocalizedText>> = {
  'permission-request': { zh: '申请代理权限', en: 'request proxy permissions' },
  'product-pool-grant': { zh: '给出商品池', en: 'give the product pool' },
};

export const matrixRules = [
  defineRule({
    id: 'matrix.whitelist.required',
    kinds: ['matrix-invite', 'permission-request', 'product-pool-grant'],
    severity: 'block',
    source: 'seed-001',
    when: {
      zh: '已知主账号不在矩阵账号功能的白名单里',
      en: 'The main account is known not to be on the matrix feature’s whitelist',
    },
    message: {
      zh: '矩阵账号功能目前是内测，只对白名单商家开放，你的主账号不在白名单里（后台没有「账号资产 → 账号管理 → 矩阵账号管理」入口）。想开通请联系你的行业小二申请加入白名单。',
      en: 'The matrix account feature is in internal test, open to whitelisted merchants only, and your main account is not on the whitelist (no 账号资产 → 账号管理 → 矩阵账号管理 menu). To get it, ask your 行业小二 (industry operations contact) to whitelist you.',
    },
    check: (_s, env) => env.ctx.whitelisted === false,
  }),

  defineRule({
    id: 'matrix.whitelist.unknown',
    kinds: ['matrix-invite'],
    severity: 'info',
    source: 'seed-001',
    when: { zh: '还不知道主账号是否在白名单里', en: 'Whether the main account is whitelisted is not known' },
    message: {
      zh: '矩阵账号功能只对白名单商家开放。如果后台没有「矩阵账号管理」菜单，说明还没开通，请联系行业小二。',
      en: 'The matrix account feature is open to whitelisted merchants only. If you have no 矩阵账号管理 menu, you are not whitelisted yet: contact your 行业小二.',
    },
    check: (_s, env) => env.ctx.whitelisted === 'unknown',
  }),

  defineRule({
    id: 'matrix.main-account-identity',
    kinds: ['matrix-invite', 'product-pool-grant'],
    severity: 'warn',
    source: 'seed-001',
    when: {
      zh: '工作区主账号的身份已知，且不是商家（达人、机构、普通淘宝用户）',
      en: 'The workspace main account’s identity is known and is not a merchant’s (expert, institution, ordinary Taobao user)',
    },
    message: {
      zh: '矩阵账号是商家管理矩阵账号的功能，主账号应是商家账号；当前工作区的主账号是{identity}，可能无法使用。请确认工作区选对了。',
      en: 'The matrix feature lets a merchant manage matrix accounts, so the main account should be a merchant’s; the workspace’s main account is {identity} and may not be able to use it. Check that the right workspace is selected.',
    },
    assumption: {
      zh: '品牌号和商家子账号不提醒：它们代表商家操作。',
      en: 'Brand accounts and merchant sub-accounts are not flagged: they act for a merchant.',
    },
    check: (_s, env) => {
      const identity = env.ctx.workspace?.identity;
      if (!identity || !NOT_MERCHANT.includes(identity)) return null;
      return { params: { identity: IDENTITY_LABELS[identity] } };
    },
  }),

  defineRule({
    id: 'invite.guangguang-id.required',
    kinds: ['matrix-invite'],
    severity: 'block',
    field: 'guangguangId',
    source: 'seed-001',
    when: { zh: '邀请时没有填写逛逛号', en: 'The invite has no 逛逛号' },
    message: {
      zh: '请填写要绑定账号的逛逛号。逛逛号在对方的光合平台：头像 → 设置 → 我的逛逛号。',
      en: 'Enter the 逛逛号 of the account to bind. It is on their 光合平台: avatar → 设置 → 我的逛逛号.',
    },
    check: (s) => isBlankId(s.guangguangId),
  }),

  defineRule({
    id: 'account.guangguang-id.missing',
    kinds: ['permission-request', 'product-pool-grant', 'unbind'],
    severity: 'warn',
    field: 'guangguangId',
    source: 'seed-001',
    when: {
      zh: '没有读到这次操作针对的是哪个矩阵账号（逛逛号）',
      en: 'Which matrix account (逛逛号) the action is for was not read',
    },
    message: {
      zh: '助手没有读到这次操作针对的是哪个矩阵账号，无法核对它的绑定和权限。请确认页面上选中的矩阵账号没错再继续。',
      en: 'The assistant could not tell which matrix account this is for, so it cannot check the binding and permissions. Make sure the right matrix account is selected on the page before continuing.',
    },
    assumption: {
      zh: '这些操作的逛逛号来自页面上的那一行，不是用户填的；读不到是助手的识别问题，所以只提醒，不拦截。',
      en: 'For these actions the 逛逛号 comes from the row on the page, not from the user; not reading it is the assistant’s recognition problem, so it warns instead of blocking.',
    },
    check: (s) => isBlankId(s.guangguangId) && !(s.kind === 'unbind' && s.by === 'matrix'),
  }),

  defineRule({
    id: 'binding.not-accepted',
    kinds: ['permission-request', 'product-pool-grant'],
    severity: 'block',
    field: 'guangguangId',
    source: 'seed-001',
    when: {
      zh: '台账里该账号的绑定状态不是「已绑定」',
      en: 'The ledger’s binding state of the account is not “bound”',
    },
    message: {
      zh: '{id} 的绑定状态是「{state}」。要等对方接受邀请、绑定生效后，才能{action}。',
      en: 'The binding with {id} is “{state}”. You can {action} only after they accept the invite and the binding is in effect.',
    },
    check: (s, env) => {
      const account = accountFor(env, s.guangguangId);
      if (!account || account.state === 'accepted') return null;
      return {
        params: {
          id: shownId(s.guangguangId),
          state: BINDING_STATE_LABELS[account.state],
          action: ACTION_OF_KIND[s.kind] ?? '',
        },
      };
    },
  }),

  defineRule({
    id: 'binding.unknown',
    kinds: ['permission-request', 'product-pool-grant', 'unbind'],
    severity: 'warn',
    field: 'guangguangId',
    source: 'seed-001',
    when: { zh: '台账里没有该逛逛号的绑定记录', en: 'The ledger has no binding for this 逛逛号' },
    message: {
      zh: '助手的台账里没有 {id} 的绑定记录，无法核对绑定和授权状态。请确认对方已经接受绑定邀请（台账可能还没同步）。',
      en: 'The assistant’s ledger has no binding for {id}, so the binding and permissions cannot be checked. Make sure they accepted the invite (the ledger may be behind).',
    },
    assumption: {
      zh: '台账可能不完整（在助手之外完成的绑定），所以台账里没有的账号只提醒，不拦截。',
      en: 'The ledger may be incomplete (bindings made outside the assistant), so an account missing from it only warns, never blocks.',
    },
    check: (s, env) => {
      if (s.kind === 'unbind' && s.by === 'matrix') return null;
      if (isBlankId(s.guangguangId) || accountFor(env, s.guangguangId)) return null;
      return { params: { id: shownId(s.guangguangId) } };
    },
  }),
];
