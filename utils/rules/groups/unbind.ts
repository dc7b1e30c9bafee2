/** Unbinding a matrix account (seed-001 rules 5–7, platform.md §3.4). */
import { BINDING_STATE_LABELS } from '../data/labels.ts';
import { defineRule } from '../engine.ts';
import { formatBeijingDate } from '../schedule.ts';
import { quote } from '../text.ts';
import type { PermissionScope } from '../types.ts';
import { accountFor, accountLabel, isBlankId, scopeList, shownId } from './shared.ts';

export const unbindRules = [
  defineRule({
    id: 'unbind.not-bound',
    kinds: ['unbind'],
    severity: 'block',
    field: 'guangguangId',
    source: 'seed-001',
    when: {
      zh: '主账号解绑，但台账里该账号的状态不是「已绑定」',
      en: 'The main account unbinds an account whose ledger state is not “bound”',
    },
    message: {
      zh: '{id} 的状态是「{state}」，没有生效的绑定，不需要解绑。',
      en: '{id} is “{state}”: there is no binding in effect to undo.',
    },
    check: (s, env) => {
      if (s.by !== 'main') return null;
      const account = accountFor(env, s.guangguangId);
      if (!account || account.state === 'accepted') return null;
      return { params: { id: shownId(s.guangguangId), state: BINDING_STATE_LABELS[account.state] } };
    },
  }),

  defineRule({
    id: 'unbind.withdraws-permissions',
    kinds: ['unbind'],
    severity: 'warn',
    field: 'guangguangId',
    source: 'seed-001',
    when: {
      zh: '主账号解绑一个已授予权限的矩阵账号',
      en: 'The main account unbinds a matrix account that has granted permissions',
    },
    message: {
      zh: '解绑后，主账号在 {id} 上的全部权限都会被回收：{scopes}。如果只是想停用其中几项，可以在矩阵账号管理页单独回收权限，不必解绑。',
      en: 'Unbinding withdraws every permission the main account has on {id}: {scopes}. To stop only some of them, withdraw those permissions on the matrix page instead of unbinding.',
    },
    check: (s, env) => {
      if (s.by !== 'main') return null;
      const account = accountFor(env, s.guangguangId);
      if (!account || account.state !== 'accepted') return null;
      const granted: PermissionScope[] = [];
      for (const p of account.permissions)
        if (p.state === 'granted' && !granted.includes(p.scope)) granted.push(p.scope);
      if (granted.length === 0) return null;
      return { params: { id: shownId(s.guangguangId), scopes: scopeList(granted) } };
    },
  }),

  defineRule({
    id: 'unbind.matrix-by-email',
    kinds: ['unbind'],
    severity: 'info',
    source: 'seed-001',
    when: {
      zh: '矩阵账号一方想解除绑定或收回授权',
      en: 'The matrix account wants to unbind or withdraw authorisation',
    },
    message: {
      zh: '矩阵账号不能在页面上自行解绑，需要通过邮件申请解除绑定和收回授权（收件地址以平台的矩阵账号规则为准）。邮件可以这样写——主题：申请解除矩阵账号绑定；主账号：{main}；矩阵账号逛逛号：{id}；解绑原因：{reason}；申请日期：{date}。',
      en: 'A matrix account cannot unbind on the page: it applies by email to unbind and withdraw authorisation (send it to the address in the platform’s matrix account rules). Template — Subject: Request to unbind a matrix account; Main account: {main}; Matrix account 逛逛号: {id}; Reason: {reason}; Date: {date}.',
    },
    assumption: {
      zh: '来源没有给出邮箱地址，助手不编造地址。',
      en: 'The source gives no email address; the assistant does not make one up.',
    },
    check: (s, env) => {
      if (s.by !== 'matrix') return null;
      const main = env.ctx.workspace;
      const date = formatBeijingDate(env.ctx.now);
      return {
        params: {
          main:
            main && (main.guangguangId || main.nickname)
              ? accountLabel(main)
              : { zh: '〈主账号〉', en: '<main account>' },
          id: !isBlankId(s.guangguangId)
            ? shownId(s.guangguangId)
            : { zh: '〈矩阵账号逛逛号〉', en: '<matrix 逛逛号>' },
          reason: s.reason.trim() ? quote(s.reason.trim(), 200) : { zh: '〈原因〉', en: '<reason>' },
          date: date || { zh: '〈日期〉', en: '<date>' },
        },
      };
    },
  }),
];
