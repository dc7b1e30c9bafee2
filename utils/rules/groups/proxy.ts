/**
 * Acting as a matrix account (代理发布 / 代理互动, seed-001) and acting from the right account.
 * For proxy actions the page is logged in as the main account, which publishes or interacts *as*
 * the chosen matrix account (`actingAs`).
 */
import {
  ACTION_LABELS,
  BINDING_STATE_LABELS,
  PERMISSION_STATE_LABELS,
  SCOPE_LABELS,
} from '../data/labels.ts';
import { SUBMISSION_KINDS } from '../coerce.ts';
import { defineRule } from '../engine.ts';
import { sameGuangguangId } from '../guangguang-id.ts';
import { clean } from '../text.ts';
import type { AccountRef, SubmissionKind } from '../types.ts';
import { accountFor, accountLabel, isBlankId, permissionState, shownId } from './shared.ts';

/** True when both accounts are known well enough to compare and they differ. */
function differs(a: AccountRef | null, b: AccountRef | null): boolean {
  if (!a || !b) return false;
  if (a.guangguangId?.trim() && b.guangguangId?.trim())
    return !sameGuangguangId(a.guangguangId, b.guangguangId);
  if (a.nickname?.trim() && b.nickname?.trim()) return clean(a.nickname) !== clean(b.nickname);
  return false;
}

/** Every submit made as the logged-in account: all but choosing a login entrance. */
const AS_AN_ACCOUNT = SUBMISSION_KINDS.filter(
  (k): k is Exclude<SubmissionKind, 'entrance-choice'> => k !== 'entrance-choice',
);

export const proxyRules = [
  defineRule({
    id: 'proxy.acting-as.missing',
    kinds: ['proxy-interaction'],
    severity: 'warn',
    field: 'actingAs',
    source: 'seed-001',
    when: {
      zh: '代理互动时没有读到以哪个矩阵账号的身份操作',
      en: 'For a proxy interaction, the matrix account to act as was not read',
    },
    message: {
      zh: '助手没有读到这次互动以哪个矩阵账号的身份进行，无法核对代理互动权限。请确认页面上选中的是已授予「代理互动」的矩阵账号。',
      en: 'The assistant could not tell which matrix account this interaction is made as, so it cannot check the proxy interaction permission. Make sure the selected account has granted proxy interaction.',
    },
    assumption: {
      zh: '读不到账号可能是页面识别失败，所以只提醒，不拦截。',
      en: 'Not reading the account may be a recognition failure, so it warns instead of blocking.',
    },
    check: (s) => isBlankId(s.actingAs),
  }),

  defineRule({
    id: 'publish.acting-as.self',
    kinds: ['proxy-publish-video', 'proxy-publish-image'],
    severity: 'info',
    field: 'actingAs',
    source: 'seed-001',
    when: {
      zh: '发布时没有选择矩阵账号作为发布账号（以登录的账号本身发布）',
      en: 'No matrix account is chosen as 发布账号 (publishing as the logged-in account itself)',
    },
    message: {
      zh: '这次会以页面上登录的账号本身发布。如果想代理矩阵账号发布，请在「发布账号」里选择该矩阵账号（需要对方已同意代理发布）。',
      en: 'This will be published as the account logged in on the page. To publish as a matrix account, choose it under 发布账号 (it must have accepted proxy publishing).',
    },
    assumption: {
      zh: '发布表单的 actingAs 是可选的：没有它时按本账号发布处理，只检查内容规则，不检查代理权限。',
      en: 'actingAs is optional on the publish forms: without it the post is treated as the account’s own, and only the content rules apply, not the proxy permission.',
    },
    // Publishing for a creator on the institution platform is not publishing as oneself.
    check: (s) => isBlankId(s.actingAs) && isBlankId(s.creator.guangguangId) && isBlankId(s.openedFor),
  }),

  defineRule({
    id: 'proxy.unknown-account',
    kinds: ['proxy-publish-video', 'proxy-publish-image', 'proxy-interaction'],
    severity: 'warn',
    field: 'actingAs',
    source: 'seed-001',
    when: { zh: '要代理的账号在台账里没有记录', en: 'The account to act as is not in the ledger' },
    message: {
      zh: '助手的台账里没有 {id}，无法核对它是否已绑定、是否授予了代理权限。请确认它是这个主账号的矩阵账号，并且已同意代理权限（台账可能还没同步）。',
      en: 'The assistant’s ledger does not have {id}, so it cannot check the binding or the proxy permission. Make sure it is a matrix account of this main account and has accepted the proxy permission (the ledger may be behind).',
    },
    assumption: {
      zh: '台账可能不完整，所以台账里没有的账号只提醒，不拦截；平台自己会拒绝没有权限的代理操作。',
      en: 'The ledger may be incomplete, so an unknown account only warns, never blocks; the platform itself refuses proxy actions without permission.',
    },
    check: (s, env) => {
      if (isBlankId(s.actingAs) || accountFor(env, s.actingAs)) return null;
      return { params: { id: shownId(s.actingAs) } };
    },
  }),

  defineRule({
    id: 'proxy.not-bound',
    kinds: ['proxy-publish-video', 'proxy-publish-image', 'proxy-interaction'],
    severity: 'block',
    field: 'actingAs',
    source: 'seed-001',
    when: {
      zh: '要代理的账号在台账里的绑定状态不是「已绑定」',
      en: 'The account to act as is not “bound” in the ledger',
    },
    message: {
      zh: '{id} 的绑定状态是「{state}」。只有绑定生效、并且对方同意了代理权限，才能以它的身份操作。',
      en: 'The binding with {id} is “{state}”. You can act as it only once the binding is in effect and it has accepted the proxy permission.',
    },
    check: (s, env) => {
      const account = accountFor(env, s.actingAs);
      if (!account || account.state === 'accepted') return null;
      return { params: { id: shownId(s.actingAs), state: BINDING_STATE_LABELS[account.state] } };
    },
  }),

  defineRule({
    id: 'proxy.permission.missing',
    kinds: ['proxy-publish-video', 'proxy-publish-image', 'proxy-interaction'],
    severity: 'block',
    field: 'actingAs',
    source: 'seed-001',
    when: {
      zh: '已绑定，但对应权限（发布 → 代理发布，互动 → 代理互动）没有被授予',
      en: 'Bound, but the matching permission (publishing → proxy publishing, interaction → proxy interaction) is not granted',
    },
    message: {
      zh: '{id} 的「{scope}」权限{state}。请先在矩阵账号管理页申请，等对方同意后再{action}。',
      en: '{id}: the “{scope}” permission is {state}. Request it on the matrix page and wait for them to accept before you {action}.',
    },
    check: (s, env) => {
      const account = accountFor(env, s.actingAs);
      if (!account || account.state !== 'accepted') return null;
      const scope = s.kind === 'proxy-interaction' ? 'proxy-interaction' : 'proxy-publish';
      const state = permissionState(account, scope);
      if (state === 'granted') return null;
      return {
        params: {
          id: shownId(s.actingAs),
          scope: SCOPE_LABELS[scope].label,
          state: PERMISSION_STATE_LABELS[state],
          action:
            s.kind === 'proxy-interaction'
              ? s.action
                ? ACTION_LABELS[s.action]
                : { zh: '互动', en: 'interact' }
              : { zh: '发布', en: 'publish' },
        },
      };
    },
  }),

  defineRule({
    id: 'account.page-unconfirmed',
    kinds: AS_AN_ACCOUNT,
    severity: 'warn',
    source: 'platform.md §3.3',
    assumption: {
      zh: '只有创作者首页的用户信息区显示登录账号；从淘宝登录页回来后，在看到它之前，无法确认登录的是谁',
      en: 'Only the creator home’s user block shows who is logged in; after coming back from the Taobao login page, who it is stays unknown until that block is seen',
    },
    when: {
      zh: '这个标签页刚从淘宝登录页回来，之后还没有页面显示登录账号，而助手有选中的工作区',
      en: 'The tab has just come back from the Taobao login page, no page since has shown the logged-in account, and a workspace is selected',
    },
    message: {
      zh: '刚重新登录过，助手还不能确认页面上登录的是不是工作区的主账号 {workspace}。请先打开创作者首页核对账号，或确认无误后再继续。',
      en: 'You have just logged in again, and the assistant cannot yet tell whether the page is logged in as the workspace’s main account {workspace}. Open the creator home to check, or continue once you are sure.',
    },
    check: (_s, env) => {
      const { pageAccount, pageAccountUnconfirmed, workspace } = env.ctx;
      if (!pageAccountUnconfirmed || pageAccount || !workspace) return null;
      return { params: { workspace: accountLabel(workspace) } };
    },
  }),

  defineRule({
    id: 'account.page-mismatch',
    kinds: AS_AN_ACCOUNT,
    severity: 'warn',
    source: 'platform.md §3.3',
    when: {
      zh: '页面上登录的账号已知，且和助手当前工作区的主账号不同（先比逛逛号，没有逛逛号再比昵称）',
      en: 'The account logged in on the page is known and differs from the selected workspace’s main account (compared by 逛逛号, else by nickname)',
    },
    message: {
      zh: '页面上登录的是 {page}，但助手当前的工作区是 {workspace}。请在页面上换成工作区的主账号，或在助手里切换工作区，再继续。代理发布和代理互动要由主账号登录后，选择矩阵账号作为发布账号来操作。',
      en: 'The page is logged in as {page}, but the assistant’s workspace is {workspace}. Switch the page to the workspace’s main account, or switch the workspace, before continuing. Proxy publishing and interaction are done logged in as the main account, choosing the matrix account as 发布账号.',
    },
    check: (_s, env) => {
      const { pageAccount, workspace } = env.ctx;
      if (!differs(pageAccount, workspace)) return null;
      return { params: { page: accountLabel(pageAccount), workspace: accountLabel(workspace) } };
    },
  }),
];
