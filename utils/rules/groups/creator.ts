/**
 * Publishing for a creator on the institution platform (platform.md, "Institution (机构/MCN) platform":
 * each 达人管理 row has 发布, which opens 独立发布 / 批量发布 / 发图文 for that creator). The form says
 * whom it publishes as (its 发布账号); the row that opened it is named by the page's address. Both are
 * compared, and the creator is looked up in the roster the assistant recorded from 达人管理.
 */
import { defineRule, type CheckEnv } from '../engine.ts';
import { sameGuangguangId } from '../guangguang-id.ts';
import { quote } from '../text.ts';
import type { LocalizedText, RosterMemberRef } from '../types.ts';
import { isBlankId, shownId } from './shared.ts';

const FOR_A_CREATOR = ['proxy-publish-video', 'proxy-publish-image', 'batch-publish'] as const;

function memberWithId(env: CheckEnv, id: string): RosterMemberRef | undefined {
  return env.ctx.roster?.members.find((m) => m.guangguangId !== null && sameGuangguangId(m.guangguangId, id));
}

/** `「name」（逛逛号 id）`, the name from the form or else the roster. */
function creatorLabel(env: CheckEnv, id: string, nickname = ''): LocalizedText {
  const name = quote((nickname.trim() || memberWithId(env, id)?.nickname) ?? '');
  const gg = shownId(id);
  return name
    ? { zh: `「${name}」（逛逛号 ${gg}）`, en: `“${name}” (逛逛号 ${gg})` }
    : { zh: `逛逛号 ${gg}`, en: `逛逛号 ${gg}` };
}

export const creatorPublishRules = [
  defineRule({
    id: 'publish.creator.other-than-row',
    kinds: FOR_A_CREATOR,
    severity: 'warn',
    field: 'creator',
    source: 'platform.md §6 (observed)',
    when: {
      zh: '发布表单显示的发布账号，和打开它的「达人管理」那一行（页面地址里的逛逛号）不是同一位达人',
      en: 'The 发布账号 the publish form shows is not the creator of the 达人管理 row that opened it (the 逛逛号 in the page’s address)',
    },
    message: {
      zh: '这个表单会以 {form} 发布，但它是从「达人管理」里 {row} 那一行的「发布」打开的。请确认要为哪位达人发布，再继续。',
      en: 'This form publishes as {form}, but it was opened from the 发布 of {row} on 达人管理. Make sure which creator you are publishing for before you continue.',
    },
    assumption: {
      zh: '平台没有公开机构发布页怎样显示发布账号；助手读表单上的「发布账号」和其中的逛逛号。',
      en: 'How the institution’s publish pages show whom they publish as is not documented; the assistant reads the form’s 发布账号 and the 逛逛号 in it.',
    },
    check: (s, env) => {
      const form = s.creator.guangguangId;
      if (isBlankId(form) || isBlankId(s.openedFor) || sameGuangguangId(form, s.openedFor)) return null;
      return {
        params: {
          form: creatorLabel(env, form, s.creator.nickname),
          row: creatorLabel(env, s.openedFor),
        },
      };
    },
  }),

  defineRule({
    id: 'publish.creator.not-in-roster',
    kinds: FOR_A_CREATOR,
    severity: 'warn',
    field: 'creator',
    source: 'platform.md §6 (observed)',
    when: {
      zh: '在机构平台为一位达人发布，而 TA 不是助手记下的名单里「已绑定」的达人（或还没读到名单）',
      en: 'Publishing for a creator on the institution platform who is not a bound (已绑定) creator of the roster the assistant recorded (or no roster was read yet)',
    },
    message: {
      zh: '{creator} {why}。机构只能为已绑定的达人发布：请在「达人管理」的「已绑定」里核对。',
      en: '{creator} {why}. An institution publishes only for its bound creators: check under 达人管理 → 已绑定.',
    },
    check: (s, env) => {
      // Only on the institution platform, where the check is given a roster (null: none read yet).
      if (env.ctx.roster === undefined) return null;
      const id = isBlankId(s.creator.guangguangId) ? s.openedFor : s.creator.guangguangId;
      if (isBlankId(id)) return null;
      const m = memberWithId(env, id);
      if (m && m.status === 'listed' && m.binding === 'bound') return null;
      const roster = env.ctx.roster;
      const why: LocalizedText = !roster
        ? {
            zh: '无法核对：助手还没有读到本机构的达人名单（先打开「达人管理」的「已绑定」）',
            en: 'cannot be checked: the assistant has not read this institution’s roster yet (open 达人管理, tab 已绑定, first)',
          }
        : !m
          ? {
              zh: `不在助手记下的「${quote(roster.institution)}」名单里`,
              en: `is not in the roster the assistant recorded for “${quote(roster.institution)}”`,
            }
          : m.status === 'listed'
            ? {
                zh: '最近一次出现在「已绑定」以外的标签页',
                en: 'was last seen under another tab than 已绑定',
              }
            : m.status === 'missing'
              ? {
                  zh: '没有出现在最近一次完整的「已绑定」列表里',
                  en: 'was missing from the latest complete 已绑定 list',
                }
              : { zh: '已被你确认离开本机构', en: 'was confirmed gone by you' };
      return { params: { creator: creatorLabel(env, id, s.creator.nickname), why } };
    },
  }),
];
