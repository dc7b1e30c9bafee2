/**
 * An institution (机构) unbinding one of its creators on 达人管理 (platform.md, "Institution (机构/MCN)
 * platform": rows of bound creators with 发布 / 作品管理 / 解绑). What an unbind removes is not
 * documented; what follows from the page is: the creator leaves 已绑定, so the institution can no
 * longer publish for them or manage their works there, and working together again means inviting them
 * again (the 邀约中 tab) and waiting for their consent.
 */
import { defineRule, type CheckEnv } from '../engine.ts';
import { sameGuangguangId } from '../guangguang-id.ts';
import { quote } from '../text.ts';
import type { RosterMemberRef } from '../types.ts';
import { shownId } from './shared.ts';

/** The roster member with this 逛逛号 (or, without one, this exact nickname), if recorded. */
function memberFor(env: CheckEnv, id: string, nickname: string): RosterMemberRef | undefined {
  const members = env.ctx.roster?.members ?? [];
  return (
    members.find((m) => m.guangguangId !== null && sameGuangguangId(m.guangguangId, id)) ??
    (nickname ? members.find((m) => m.guangguangId === null && m.nickname === nickname) : undefined)
  );
}

/** `「name」（逛逛号 id）` with what is known. */
function creatorLabel(nickname: string, id: string): { zh: string; en: string } {
  const name = nickname.trim() ? quote(nickname.trim()) : '';
  const gg = id.trim() ? shownId(id) : '';
  if (name && gg) return { zh: `「${name}」（逛逛号 ${gg}）`, en: `“${name}” (逛逛号 ${gg})` };
  if (name) return { zh: `「${name}」`, en: `“${name}”` };
  if (gg) return { zh: `逛逛号 ${gg}`, en: `逛逛号 ${gg}` };
  return { zh: '这位达人', en: 'this creator' };
}

export const rosterRules = [
  defineRule({
    id: 'roster-unbind.consequences',
    kinds: ['roster-unbind'],
    severity: 'warn',
    source: 'platform.md §6 (observed)',
    when: {
      zh: '机构在「达人管理」解绑一位达人',
      en: 'An institution unbinds one of its creators on 达人管理',
    },
    message: {
      zh: '解绑 {creator} 后，TA 不再出现在「已绑定」里：机构不能再为 TA 发布作品、管理 TA 的作品。这一步不能撤销；要再合作，需要重新邀约，等 TA 同意后才会回到「已绑定」。请确认是这位达人。',
      en: 'After unbinding {creator}, they leave “已绑定” (bound): the institution can no longer publish for them or manage their works. This cannot be undone; to work together again, invite them again and wait for their consent. Make sure it is the right creator.',
    },
    assumption: {
      zh: '平台没有公开解绑的全部后果；以上是从「达人管理」页面的标签和操作推断的。',
      en: 'The platform does not publish everything an unbind changes; this is inferred from the tabs and actions of 达人管理.',
    },
    check: (s) => ({ params: { creator: creatorLabel(s.nickname, s.guangguangId) } }),
  }),

  defineRule({
    id: 'roster-unbind.not-in-roster',
    kinds: ['roster-unbind'],
    severity: 'warn',
    field: 'guangguangId',
    source: 'platform.md §6 (observed)',
    when: {
      zh: '要解绑的达人不在助手记下的本机构名单里（或还没读到名单）',
      en: 'The creator to unbind is not in the roster the assistant recorded (or no roster was read yet)',
    },
    message: {
      zh: '{creator} 不在助手记下的{institution}名单里{why}。请在「已绑定」里核对，确认解绑的是对的达人。',
      en: '{creator} is not in the roster the assistant recorded{institution}{why}. Check under “已绑定” that this is the right creator.',
    },
    check: (s, env) => {
      if (memberFor(env, s.guangguangId, s.nickname)) return null;
      const roster = env.ctx.roster;
      return {
        params: {
          creator: creatorLabel(s.nickname, s.guangguangId),
          institution: roster
            ? { zh: `「${quote(roster.institution)}」`, en: ` for “${quote(roster.institution)}”` }
            : { zh: '', en: '' },
          why: roster
            ? { zh: '', en: '' }
            : {
                zh: '（还没有读到名单：先打开「达人管理」的「已绑定」）',
                en: ' (no roster read yet: open 达人管理, tab 已绑定, first)',
              },
        },
      };
    },
  }),

  defineRule({
    id: 'roster-unbind.not-bound',
    kinds: ['roster-unbind'],
    severity: 'warn',
    field: 'guangguangId',
    source: 'platform.md §6 (observed)',
    when: {
      zh: '要解绑的达人在助手的名单里已经不是「已绑定」',
      en: 'The creator to unbind is no longer “bound” in the assistant’s roster',
    },
    message: {
      zh: '在助手的名单里，{creator} {state}：可能已经解绑过了。请刷新「已绑定」列表再确认。',
      en: 'In the assistant’s roster, {creator} {state}: they may have been unbound already. Reload the “已绑定” list and check again.',
    },
    check: (s, env) => {
      const m = memberFor(env, s.guangguangId, s.nickname);
      if (!m || (m.status === 'listed' && m.binding === 'bound')) return null;
      const state =
        m.status === 'gone'
          ? { zh: '已被你确认离开', en: 'was confirmed gone by you' }
          : m.status === 'missing'
            ? {
                zh: '没有出现在最近一次完整的「已绑定」列表里',
                en: 'was missing from the latest complete “已绑定” list',
              }
            : { zh: '最近一次出现在其他标签页', en: 'was last seen under another tab' };
      return { params: { creator: creatorLabel(s.nickname || m.nickname, s.guangguangId), state } };
    },
  }),
];
