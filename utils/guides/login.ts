/**
 * The login-entrance guide: which door of 光合平台 fits which kind of account (seed 000), what the
 * login name looks like, and what happens at first login.
 */
import { ENTRANCE_TERMS, IDENTITY_TERMS, titled } from '../platform/terms';
import type { Identity } from '../rules/types';
import type { Bi } from './pages';

/** The same identities as the rule catalogue (type only: nothing of the rules is bundled here). */
export type { Identity };

export interface EntranceAdvice {
  identity: Identity;
  label: Bi;
  platform: 'creator' | 'institution';
  /** Entrance buttons on the portal, in the platform's own words. */
  entrances: readonly string[];
  loginName: Bi;
  firstLogin: Bi;
}

const CREATOR_ENTRANCES = [ENTRANCE_TERMS.settle.zh, ENTRANCE_TERMS['creator-service'].zh] as const;

const FIRST_LOGIN_CREATOR: Bi = {
  zh: '首次登录要确认昵称和头像（逛逛和直播统一）。确认后新信息在逛逛浏览页和个人主页展示；与直播间不一致的，4 月生效。',
  en: 'First login asks you to confirm nickname and avatar (shared by 逛逛 and live). They then show on browse and your homepage; if they differ from your live room, they take effect in April.',
};

export const ENTRANCES: readonly EntranceAdvice[] = [
  {
    identity: 'expert',
    label: { zh: '达人 / 创作者', en: 'Creator (达人)' },
    platform: 'creator',
    entrances: CREATOR_ENTRANCES,
    loginName: { zh: '用你的淘宝账号登录。', en: 'Log in with your Taobao account.' },
    firstLogin: FIRST_LOGIN_CREATOR,
  },
  {
    identity: 'taobao-merchant',
    label: titled(IDENTITY_TERMS['taobao-merchant']),
    platform: 'creator',
    entrances: CREATOR_ENTRANCES,
    loginName: { zh: '用店铺主账号登录。', en: "Log in with the shop's main account." },
    firstLogin: {
      zh: `${FIRST_LOGIN_CREATOR.zh}新信息不影响店铺内的展示。`,
      en: `${FIRST_LOGIN_CREATOR.en} Your shop's own display is not affected.`,
    },
  },
  {
    identity: 'tmall-merchant',
    label: titled(IDENTITY_TERMS['tmall-merchant']),
    platform: 'creator',
    entrances: CREATOR_ENTRANCES,
    loginName: { zh: '用店铺主账号登录。', en: "Log in with the shop's main account." },
    firstLogin: {
      zh: '昵称按天猫店铺名统一生成，确认后不能再改：「XXXX官方旗舰店」→「XXXX天猫官方」；专卖店、专营店去掉「店」字。',
      en: 'The nickname is generated from the Tmall store name and cannot be changed after confirming: “XXXX官方旗舰店” → “XXXX天猫官方”; 专卖店/专营店 drop the word 店.',
    },
  },
  {
    identity: 'sub-account',
    label: titled(IDENTITY_TERMS['sub-account']),
    platform: 'creator',
    entrances: CREATOR_ENTRANCES,
    loginName: {
      zh: '登录名写成「主账号:子账号」（英文冒号）。子账号需要主账号授予运营权限，否则会看到「当前子账号无运营权限」。',
      en: 'Log in as “main:sub” (ASCII colon). The sub-account needs operating rights from the main account, or it sees 当前子账号无运营权限.',
    },
    firstLogin: FIRST_LOGIN_CREATOR,
  },
  {
    identity: 'taobao-user',
    label: titled(IDENTITY_TERMS['taobao-user']),
    platform: 'creator',
    entrances: CREATOR_ENTRANCES,
    loginName: { zh: '用你的淘宝账号登录。', en: 'Log in with your Taobao account.' },
    firstLogin: FIRST_LOGIN_CREATOR,
  },
  {
    identity: 'brand',
    label: titled(IDENTITY_TERMS['brand']),
    platform: 'creator',
    entrances: CREATOR_ENTRANCES,
    loginName: { zh: '用品牌账号登录。', en: 'Log in with the brand account.' },
    firstLogin: FIRST_LOGIN_CREATOR,
  },
  {
    identity: 'institution',
    label: { zh: '机构 / MCN', en: 'Institution / MCN' },
    platform: 'institution',
    entrances: [ENTRANCE_TERMS['institution-service'].zh],
    loginName: { zh: '用机构账号登录。', en: 'Log in with the institution account.' },
    firstLogin: {
      zh: '机构平台的「达人管理」列出已绑定的达人：可以为某位达人发布（发视频 → 独立发布 / 批量发布，或发图文）、管理作品、解绑。发布前先核对表单是为哪位达人发的。',
      en: "The institution platform's 达人管理 (creator management) lists your bound creators: publish for one of them (发视频 → 独立发布 / 批量发布, or 发图文), manage their works, or unbind. Before publishing, check which creator the form is for.",
    },
  },
];

export function adviceFor(identity: Identity): EntranceAdvice {
  return ENTRANCES.find((e) => e.identity === identity) ?? ENTRANCES[0]!;
}
