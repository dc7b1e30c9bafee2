/** Which homepage entrance fits whom, and how sub-accounts log in (seed-000, platform.md §2, §3.1). */
import { ENTRANCES, IDENTITY_LABELS, PLATFORM_LABELS, PLATFORM_OF_IDENTITY } from '../data/labels.ts';
import { defineRule } from '../engine.ts';
import { clean, quote } from '../text.ts';

const CREATOR_ENTRANCES = {
  zh: `「${ENTRANCES.settle.label.zh}」或「${ENTRANCES['creator-service'].label.zh}」`,
  en: `${ENTRANCES.settle.label.en} or ${ENTRANCES['creator-service'].label.en}`,
};
const INSTITUTION_ENTRANCE = {
  zh: `「${ENTRANCES['institution-service'].label.zh}」`,
  en: ENTRANCES['institution-service'].label.en,
};

export const entranceRules = [
  defineRule({
    id: 'entrance.identity-mismatch',
    kinds: ['entrance-choice'],
    severity: 'warn',
    field: 'entrance',
    source: 'seed-000',
    when: {
      zh: '所选入口通往的平台和身份不符：机构走了「立即入驻」/「创作者服务」，或达人、商家等走了「机构服务」',
      en: 'The entrance leads to the wrong platform for the identity: an institution using 立即入驻/创作者服务, or an expert, merchant etc. using 机构服务',
    },
    message: {
      zh: '{identity}应从{expected}进入{platform}；你选的「{chosen}」进入的是{chosenPlatform}。请返回首页换一个入口。',
      en: '{identity} should enter the {platform} through {expected}; “{chosen}” leads to the {chosenPlatform}. Go back to the homepage and use the other entrance.',
    },
    check: (s) => {
      if (!s.identity || !s.entrance) return null;
      const want = PLATFORM_OF_IDENTITY[s.identity];
      const got = ENTRANCES[s.entrance].platform;
      if (want === got) return null;
      return {
        params: {
          identity: IDENTITY_LABELS[s.identity],
          expected: want === 'creator' ? CREATOR_ENTRANCES : INSTITUTION_ENTRANCE,
          platform: PLATFORM_LABELS[want],
          chosen: { zh: ENTRANCES[s.entrance].label.zh, en: ENTRANCES[s.entrance].label.zh },
          chosenPlatform: PLATFORM_LABELS[got],
        },
      };
    },
  }),

  defineRule({
    id: 'entrance.identity-unknown',
    kinds: ['entrance-choice'],
    severity: 'info',
    field: 'identity',
    source: 'seed-000',
    when: { zh: '还不知道用户的身份', en: "The user's identity is not known yet" },
    message: {
      zh: '达人和商家（也包括淘宝用户、品牌号、商家子账号）从「立即入驻」或「创作者服务」进入创作者平台；机构从「机构服务」进入机构平台。',
      en: 'Experts and merchants (and Taobao users, brand accounts, merchant sub-accounts) enter the creator platform through 立即入驻 or 创作者服务; institutions enter the institution platform through 机构服务.',
    },
    assumption: {
      zh: '来源只点名了达人和商家走创作者平台；淘宝用户、品牌号、商家子账号也能登录，助手同样把他们引向创作者平台。',
      en: 'The source names only experts and merchants for the creator platform; Taobao users, brand accounts and sub-accounts may log in too, and are sent there as well.',
    },
    check: (s) => s.identity === null,
  }),

  defineRule({
    id: 'entrance.first-login-confirmation',
    kinds: ['entrance-choice'],
    severity: 'info',
    source: 'seed-000',
    when: { zh: '进入创作者平台时', en: 'When entering the creator platform' },
    message: {
      zh: '第一次登录创作者平台会进入个人信息确认：昵称和头像会在逛逛和直播统一。天猫商家的昵称按天猫店铺名生成，确认后不能修改。',
      en: 'At the first login the creator platform asks you to confirm your personal info: nickname and avatar become the same across 逛逛 and live broadcast. A Tmall merchant’s nickname is derived from the store name and cannot be changed after confirming.',
    },
    check: (s) => s.entrance !== null && ENTRANCES[s.entrance].platform === 'creator',
  }),

  defineRule({
    id: 'login.sub-account.no-colon',
    kinds: ['entrance-choice'],
    severity: 'warn',
    field: 'loginName',
    source: 'platform.md §2',
    when: {
      zh: '身份是商家子账号，但登录名里没有冒号',
      en: 'The identity is a merchant sub-account but the login name has no colon',
    },
    message: {
      zh: '商家子账号要用「主账号:子账号」的格式登录（中间是英文冒号），例如「我的小店:客服01」。你填的「{name}」里没有冒号。',
      en: 'A merchant sub-account logs in as 主账号:子账号 (main account, colon, sub-account), e.g. 我的小店:客服01. “{name}” has no colon.',
    },
    check: (s) => {
      const name = s.loginName.trim();
      if (s.identity !== 'sub-account' || name === '' || /[:：]/.test(name)) return null;
      return { params: { name: quote(name) } };
    },
  }),

  defineRule({
    id: 'login.sub-account.fullwidth-colon',
    kinds: ['entrance-choice'],
    severity: 'warn',
    field: 'loginName',
    source: 'platform.md §2',
    when: { zh: '登录名里用了中文（全角）冒号「：」', en: 'The login name uses the full-width colon ：' },
    message: {
      zh: '登录名里用了中文冒号「：」，子账号登录要用英文冒号。请改成：{fixed}',
      en: 'The login name uses the full-width colon ：; sub-accounts log in with an ASCII colon. Use: {fixed}',
    },
    check: (s) => {
      if (!s.loginName.includes('：')) return null;
      const fixed = s.loginName.trim().replace(/\s*[:：]\s*/g, ':');
      return { params: { fixed } };
    },
  }),

  defineRule({
    id: 'login.sub-account.empty-part',
    kinds: ['entrance-choice'],
    severity: 'warn',
    field: 'loginName',
    source: 'platform.md §2',
    when: {
      zh: '登录名有冒号，但冒号前的主账号或冒号后的子账号是空的，或有不止一个冒号',
      en: 'The login name has a colon but the main account before it or the sub-account after it is empty, or there is more than one colon',
    },
    message: {
      zh: '子账号登录名应为「主账号:子账号」，冒号两边都不能为空，且只有一个冒号。你填的是「{name}」。',
      en: 'A sub-account login name is 主账号:子账号 with exactly one colon and text on both sides. You typed “{name}”.',
    },
    check: (s) => {
      const name = s.loginName.trim();
      if (!/[:：]/.test(name)) return null;
      const parts = name.split(/[:：]/);
      const ok = parts.length === 2 && parts.every((p) => p.trim() !== '');
      return ok ? null : { params: { name: quote(name) } };
    },
  }),

  defineRule({
    id: 'login.colon-not-sub-account',
    kinds: ['entrance-choice'],
    severity: 'info',
    field: 'identity',
    source: 'platform.md §2',
    when: {
      zh: '登录名是「主账号:子账号」的格式，但身份不是商家子账号',
      en: 'The login name looks like 主账号:子账号 but the identity is not a merchant sub-account',
    },
    message: {
      zh: '「{name}」是商家子账号的登录格式。如果你用的是子账号，请把身份选为「商家子账号」，助手才能按子账号核对。',
      en: '“{name}” is the login form of a merchant sub-account. If you use a sub-account, choose the identity “merchant sub-account” so the checks fit.',
    },
    check: (s) => {
      const name = clean(s.loginName);
      if (!s.identity || s.identity === 'sub-account' || !name.includes(':')) return null;
      return { params: { name: quote(name) } };
    },
  }),
];
