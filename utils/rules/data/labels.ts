import type {
  BindingState,
  Entrance,
  Identity,
  InteractionAction,
  LocalizedText,
  PermissionScope,
  PermissionState,
} from '../types.ts';
import {
  BINDING_TERMS,
  ENTRANCE_TERMS,
  IDENTITY_TERMS,
  PERMISSION_TERMS,
  PLATFORM_TERMS,
  SCOPE_TERMS,
  type StateTerm,
} from '../../platform/terms.ts';

/** Identities as the platform names them (utils/platform/terms.ts). */
export const IDENTITY_LABELS: Readonly<Record<Identity, LocalizedText>> = IDENTITY_TERMS;

export type Platform = 'creator' | 'institution';

/** Homepage entrances and the platform each leads to (seed-000, platform.md §3.1). */
export const ENTRANCES: Readonly<Record<Entrance, { label: LocalizedText; platform: Platform }>> = {
  settle: { label: ENTRANCE_TERMS.settle, platform: 'creator' },
  'creator-service': { label: ENTRANCE_TERMS['creator-service'], platform: 'creator' },
  'institution-service': { label: ENTRANCE_TERMS['institution-service'], platform: 'institution' },
};

export const PLATFORM_LABELS: Readonly<Record<Platform, LocalizedText>> = PLATFORM_TERMS;

/**
 * Which platform fits each identity. seed-000 names 达人 and merchants for the creator platform and
 * institutions for the institution platform; ordinary users, brand accounts and sub-accounts may log
 * in too and publish as creators, so they are sent to the creator platform as well.
 */
export const PLATFORM_OF_IDENTITY: Readonly<Record<Identity, Platform>> = {
  'taobao-merchant': 'creator',
  'tmall-merchant': 'creator',
  'sub-account': 'creator',
  'taobao-user': 'creator',
  brand: 'creator',
  expert: 'creator',
  institution: 'institution',
};

/** Matrix permissions and what each lets the main account do (seed-001). */
export const SCOPE_LABELS: Readonly<
  Record<PermissionScope, { label: LocalizedText; allows: LocalizedText }>
> = {
  'proxy-publish': {
    label: SCOPE_TERMS['proxy-publish'],
    allows: {
      zh: '发布、二次编辑、删除、置顶、设置隐私状态',
      en: 'publish, edit again, delete, pin, set privacy',
    },
  },
  'proxy-interaction': {
    label: SCOPE_TERMS['proxy-interaction'],
    allows: { zh: '发送评论、回复、点赞', en: 'comment, reply, like' },
  },
  'product-pool': {
    label: SCOPE_TERMS['product-pool'],
    allows: {
      zh: '挂主账号店铺的商品，免创作者挂品佣金（非平台佣金）',
      en: "link the main shop's products without the creator commission (the platform commission still applies)",
    },
  },
  'shop-card': {
    label: SCOPE_TERMS['shop-card'],
    allows: { zh: '在矩阵账号主页展示主账号店铺', en: "show the main shop on the matrix account's homepage" },
  },
};

export const ACTION_LABELS: Readonly<Record<InteractionAction, LocalizedText>> = {
  comment: { zh: '评论', en: 'comment' },
  reply: { zh: '回复', en: 'reply' },
  like: { zh: '点赞', en: 'like' },
};

/** Binding states of the local ledger, as the user would read them in a message. */
export const BINDING_STATE_LABELS: Readonly<Record<BindingState, LocalizedText>> = phrasesOf(BINDING_TERMS);

export const PERMISSION_STATE_LABELS: Readonly<Record<PermissionState | 'none', LocalizedText>> = {
  ...phrasesOf(PERMISSION_TERMS),
  none: { zh: '尚未申请', en: 'not requested yet' },
};

function phrasesOf<K extends string>(terms: Readonly<Record<K, StateTerm>>): Record<K, LocalizedText> {
  return Object.fromEntries(Object.entries<StateTerm>(terms).map(([k, t]) => [k, t.phrase])) as Record<
    K,
    LocalizedText
  >;
}

/** Phone segment categories, for messages. */
export const SEGMENT_CATEGORY_LABELS = {
  mobile: { zh: '普通手机', en: 'ordinary mobile' },
  virtual: { zh: '虚拟运营商', en: 'virtual operator' },
  'data-only': { zh: '上网卡（数据卡）', en: 'data-only (上网卡)' },
  iot: { zh: '物联网', en: 'IoT (物联网)' },
  satellite: { zh: '卫星电话', en: 'satellite phone' },
} as const satisfies Record<string, LocalizedText>;
