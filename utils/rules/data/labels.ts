import type {
  BindingState,
  Entrance,
  Identity,
  InteractionAction,
  LocalizedText,
  PermissionScope,
  PermissionState,
} from '../types.ts';

/** Identities as the user would name them (seed-000). */
export const IDENTITY_LABELS: Readonly<Record<Identity, LocalizedText>> = {
  'taobao-merchant': { zh: '淘宝商家', en: 'Taobao merchant' },
  'tmall-merchant': { zh: '天猫商家', en: 'Tmall merchant' },
  'sub-account': { zh: '商家子账号', en: 'merchant sub-account' },
  'taobao-user': { zh: '淘宝用户', en: 'Taobao user' },
  brand: { zh: '品牌号', en: 'brand account' },
  expert: { zh: '达人', en: 'expert (达人)' },
  institution: { zh: '机构', en: 'institution' },
};

export type Platform = 'creator' | 'institution';

/** Homepage entrances and the platform each leads to (seed-000, platform.md §3.1). */
export const ENTRANCES: Readonly<Record<Entrance, { label: LocalizedText; platform: Platform }>> = {
  settle: { label: { zh: '立即入驻', en: '立即入驻 (Join now)' }, platform: 'creator' },
  'creator-service': {
    label: { zh: '创作者服务', en: '创作者服务 (Creator services)' },
    platform: 'creator',
  },
  'institution-service': {
    label: { zh: '机构服务', en: '机构服务 (Institution services)' },
    platform: 'institution',
  },
};

export const PLATFORM_LABELS: Readonly<Record<Platform, LocalizedText>> = {
  creator: { zh: '创作者平台', en: 'creator platform' },
  institution: { zh: '机构平台', en: 'institution platform' },
};

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
    label: { zh: '代理发布', en: 'proxy publishing' },
    allows: {
      zh: '发布、二次编辑、删除、置顶、设置隐私状态',
      en: 'publish, edit again, delete, pin, set privacy',
    },
  },
  'proxy-interaction': {
    label: { zh: '代理互动', en: 'proxy interaction' },
    allows: { zh: '发送评论、回复、点赞', en: 'comment, reply, like' },
  },
  'product-pool': {
    label: { zh: '商品池', en: 'product pool' },
    allows: {
      zh: '挂主账号店铺的商品，免创作者挂品佣金（非平台佣金）',
      en: "link the main shop's products without the creator commission (the platform commission still applies)",
    },
  },
  'shop-card': {
    label: { zh: '店铺卡片', en: 'shop card' },
    allows: { zh: '在矩阵账号主页展示主账号店铺', en: "show the main shop on the matrix account's homepage" },
  },
};

export const ACTION_LABELS: Readonly<Record<InteractionAction, LocalizedText>> = {
  comment: { zh: '评论', en: 'comment' },
  reply: { zh: '回复', en: 'reply' },
  like: { zh: '点赞', en: 'like' },
};

/** Binding states of the local ledger, as the user would read them. */
export const BINDING_STATE_LABELS: Readonly<Record<BindingState, LocalizedText>> = {
  draft: { zh: '草稿（未发出邀请）', en: 'draft (no invite sent)' },
  pending: { zh: '已邀请，等待对方接受', en: 'invited, waiting for them to accept' },
  accepted: { zh: '已绑定', en: 'bound' },
  declined: { zh: '对方已拒绝', en: 'declined by them' },
  expired: { zh: '邀请已过期', en: 'invite expired' },
  cancelled: { zh: '邀请已撤回', en: 'invite cancelled' },
  unbound: { zh: '已解绑', en: 'unbound' },
};

export const PERMISSION_STATE_LABELS: Readonly<Record<PermissionState | 'none', LocalizedText>> = {
  requested: { zh: '已申请，等待对方同意', en: 'requested, waiting for them to accept' },
  granted: { zh: '已授权', en: 'granted' },
  declined: { zh: '对方已拒绝', en: 'declined by them' },
  revoked: { zh: '已回收', en: 'withdrawn' },
  none: { zh: '尚未申请', en: 'not requested yet' },
};

/** Phone segment categories, for messages. */
export const SEGMENT_CATEGORY_LABELS = {
  mobile: { zh: '普通手机', en: 'ordinary mobile' },
  virtual: { zh: '虚拟运营商', en: 'virtual operator' },
  'data-only': { zh: '上网卡（数据卡）', en: 'data-only (上网卡)' },
  iot: { zh: '物联网', en: 'IoT (物联网)' },
  satellite: { zh: '卫星电话', en: 'satellite phone' },
} as const satisfies Record<string, LocalizedText>;
