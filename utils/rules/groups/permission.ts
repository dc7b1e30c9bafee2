/** Requesting proxy permissions and giving the product pool (seed-001, platform.md §3.4). */
import { PERMISSION_STATE_LABELS, SCOPE_LABELS } from '../data/labels.ts';
import { defineRule } from '../engine.ts';
import { joinEn, joinZh, quote } from '../text.ts';
import type { PermissionScope } from '../types.ts';
import { accountFor, list, permissionState, shownId } from './shared.ts';

export const permissionRules = [
  defineRule({
    id: 'permission.scopes.empty',
    kinds: ['permission-request'],
    severity: 'block',
    field: 'scopes',
    source: 'seed-001',
    when: { zh: '没有勾选任何权限', en: 'No permission is selected' },
    message: {
      zh: '请至少选择一项要申请的权限：代理发布（发布、二次编辑、删除、置顶、隐私设置）或代理互动（评论、回复、点赞）。',
      en: 'Select at least one permission to request: proxy publishing (publish, edit again, delete, pin, privacy) or proxy interaction (comment, reply, like).',
    },
    check: (s) => s.scopes.length === 0 && s.unknownScopes.length === 0,
  }),

  defineRule({
    id: 'permission.scope.unknown',
    kinds: ['permission-request'],
    severity: 'warn',
    field: 'scopes',
    source: 'seed-001',
    when: {
      zh: '申请里有助手不认识的权限',
      en: 'The request names a permission the assistant does not know',
    },
    message: {
      zh: '助手不认识这些权限：{scopes}，没有检查它们。矩阵账号的权限有代理发布、代理互动、商品池和店铺卡片。',
      en: 'The assistant does not know these permissions and did not check them: {scopes}. Matrix permissions are proxy publishing, proxy interaction, product pool and shop card.',
    },
    check: (s) => {
      if (s.unknownScopes.length === 0) return null;
      const shown = s.unknownScopes.map((x) => `「${quote(x.trim(), 20)}」`);
      return { params: { scopes: { zh: joinZh(shown), en: joinEn(shown) } } };
    },
  }),

  defineRule({
    id: 'permission.scope.already',
    kinds: ['permission-request'],
    severity: 'warn',
    field: 'scopes',
    source: 'seed-001',
    when: {
      zh: '申请的权限已经授权，或已申请、正在等对方同意',
      en: 'A requested permission is already granted, or already requested and waiting for them',
    },
    message: {
      zh: '{id} 的这些权限不需要再申请：{scopes}。',
      en: 'These permissions of {id} need no new request: {scopes}.',
    },
    check: (s, env) => {
      const account = accountFor(env, s.guangguangId);
      if (!account) return null;
      const dup = s.scopes
        .map((scope) => ({ scope, state: permissionState(account, scope) }))
        .filter((x) => x.state === 'granted' || x.state === 'requested');
      if (dup.length === 0) return null;
      const items = dup.map(({ scope, state }) => ({
        zh: `${SCOPE_LABELS[scope].label.zh}（${PERMISSION_STATE_LABELS[state].zh}）`,
        en: `${SCOPE_LABELS[scope].label.en} (${PERMISSION_STATE_LABELS[state].en})`,
      }));
      return { params: { id: shownId(s.guangguangId), scopes: list(items) } };
    },
  }),

  defineRule({
    id: 'permission.matrix-must-accept',
    kinds: ['permission-request'],
    severity: 'info',
    source: 'seed-001',
    when: { zh: '申请权限时', en: 'When requesting permissions' },
    message: {
      zh: '申请后要等矩阵账号同意才生效。同意后主账号可以：{allows}。',
      en: 'The request takes effect only when the matrix account accepts it. Then the main account can: {allows}.',
    },
    check: (s) => {
      if (s.scopes.length === 0) return null;
      const items = s.scopes.map((scope) => ({
        zh: `${SCOPE_LABELS[scope].label.zh}（${SCOPE_LABELS[scope].allows.zh}）`,
        en: `${SCOPE_LABELS[scope].label.en} (${SCOPE_LABELS[scope].allows.en})`,
      }));
      return {
        params: { allows: { zh: items.map((i) => i.zh).join('；'), en: items.map((i) => i.en).join('; ') } },
      };
    },
  }),

  defineRule({
    id: 'permission.responsibility',
    kinds: ['permission-request'],
    severity: 'info',
    source: 'seed-001',
    when: { zh: '申请代理发布或代理互动时', en: 'When requesting proxy publishing or proxy interaction' },
    message: {
      zh: '主账号代理矩阵账号所做的发布和互动，后果由矩阵账号承担（包括内容安全责任）。如果利用该功能违法违规或侵害他人权益，淘宝有权立即终止使用权限并处罚。',
      en: 'The consequences of what the main account publishes or does as the matrix account are borne by the matrix account (including content-safety responsibility). If the feature is used to break laws or rules or infringe others’ rights, Taobao may terminate it at once and penalise.',
    },
    check: (s) => s.scopes.some((x: PermissionScope) => x === 'proxy-publish' || x === 'proxy-interaction'),
  }),
];

export const productPoolRules = [
  defineRule({
    id: 'product-pool.already-granted',
    kinds: ['product-pool-grant'],
    severity: 'warn',
    field: 'guangguangId',
    source: 'seed-001',
    when: {
      zh: '台账显示已经把商品池（和要求的店铺卡片）给了这个矩阵账号',
      en: 'The ledger shows the product pool (and the shop card, if asked) already given to this matrix account',
    },
    message: {
      zh: '{id} 已经有主账号的商品池{card}，不需要再给一次。',
      en: '{id} already has the main account’s product pool{card}; no need to give it again.',
    },
    check: (s, env) => {
      const account = accountFor(env, s.guangguangId);
      if (permissionState(account, 'product-pool') !== 'granted') return null;
      if (s.shopCard && permissionState(account, 'shop-card') !== 'granted') return null;
      return {
        params: {
          id: shownId(s.guangguangId),
          card: s.shopCard ? { zh: '和店铺卡片', en: ' and shop card' } : '',
        },
      };
    },
  }),

  defineRule({
    id: 'product-pool.what-it-does',
    kinds: ['product-pool-grant'],
    severity: 'info',
    source: 'seed-001',
    when: { zh: '给出商品池时', en: 'When giving the product pool' },
    message: {
      zh: '给出商品池后，{id} 发布内容时可以挂主账号店铺的商品，免创作者挂品佣金（平台佣金照常）。{card}',
      en: 'With the product pool, {id} can link the main shop’s products when publishing, without the creator commission (the platform commission still applies).{card}',
    },
    check: (s) => ({
      params: {
        id: shownId(s.guangguangId) || '—',
        card: s.shopCard
          ? {
              zh: '矩阵账号主页还会展示主账号的店铺卡片。',
              en: ' The matrix homepage will also show the main shop card.',
            }
          : '',
      },
    }),
  }),
];
