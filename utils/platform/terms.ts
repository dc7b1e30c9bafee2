/**
 * The platform's words: every status, scope, identity and role word the extension shares with 光合平台,
 * each with its label in both languages. The recognisers (utils/ledger/capture.ts), the page → ledger
 * mapping (from-page.ts), the ledger's labels (types.ts `zhLabels`), the rules' labels
 * (utils/rules/data/labels.ts), the CSV export and the panel's catalogues (checked by
 * tests/unit/platform-vocabulary.test.ts) all take their words from here. Pure data: no imports but types.
 *
 * Sources, in our words: the matrix-account help page (seed-001) says the main account 回收 (takes back)
 * permissions, and that a matrix account that wants to leave must apply by email to 解除绑定 and 收回授权;
 * the login help (seed-000) lists Taobao and Tmall merchants, merchant sub-accounts, Taobao users and
 * brand accounts. The mock platform's matrix list shows 待接受 / 已绑定 / 已拒绝 / 已解绑 and, per scope,
 * 未申请 / 待确认 / 已开通 / 已拒绝.
 */
import type {
  AccountRole,
  BindingState,
  Identity,
  PermissionScope,
  PermissionState,
} from '../ledger/types.ts';

/** A word in both languages. Structurally the rules' `LocalizedText`. */
export interface Term {
  readonly zh: string;
  readonly en: string;
}

/** An older or other form the platform may still show: recognised, never displayed. */
export interface Fallback {
  readonly word: string;
  /** Why it is kept, dated (`YYYY-MM-DD: …`), and when it can go. */
  readonly note: string;
  /** The date after which it may be removed if no capture has shown it. */
  readonly until: string;
}

export interface StateTerm {
  /** The short status word, as the panel, the CSV and the platform's list show it. */
  readonly label: Term;
  /** A longer reading for the rules' messages ("invited, waiting for them to accept"). */
  readonly phrase: Term;
  /** Fragments of the platform's status text that mean this state (tried after an exact label). */
  readonly words: readonly string[];
  readonly fallbacks?: readonly Fallback[];
}

export const BINDING_TERMS: Readonly<Record<BindingState, StateTerm>> = {
  draft: {
    label: { zh: '草稿', en: 'draft' },
    phrase: { zh: '草稿（未发出邀请）', en: 'draft (no invite sent)' },
    words: [],
  },
  pending: {
    label: { zh: '待接受', en: 'pending' },
    phrase: { zh: '已邀请，等待对方接受', en: 'invited, waiting for them to accept' },
    words: ['待', '邀请中', '确认中', '审核中'],
  },
  accepted: {
    label: { zh: '已绑定', en: 'bound' },
    phrase: { zh: '已绑定', en: 'bound' },
    words: ['已绑定', '绑定成功', '已关联', '生效'],
  },
  declined: {
    label: { zh: '已拒绝', en: 'declined' },
    phrase: { zh: '对方已拒绝', en: 'declined by them' },
    words: ['拒绝'],
  },
  expired: {
    label: { zh: '已过期', en: 'expired' },
    phrase: { zh: '邀请已过期', en: 'invite expired' },
    words: ['过期', '失效', '超时'],
  },
  cancelled: {
    label: { zh: '已取消', en: 'cancelled' },
    phrase: { zh: '邀请已撤回', en: 'invite cancelled' },
    words: ['取消', '撤回', '撤销'],
  },
  unbound: {
    label: { zh: '已解绑', en: 'unbound' },
    phrase: { zh: '已解绑', en: 'unbound' },
    words: ['解绑', '解除'],
  },
};

/** The order the binding words are tried in: "已解绑" must not read as bound, "拒绝…待…" not as pending. */
export const BINDING_MATCH_ORDER: readonly BindingState[] = [
  'unbound',
  'accepted',
  'declined',
  'expired',
  'cancelled',
  'pending',
];

export const PERMISSION_TERMS: Readonly<Record<PermissionState, StateTerm>> = {
  requested: {
    label: { zh: '申请中', en: 'requested' },
    phrase: { zh: '已申请，等待对方同意', en: 'requested, waiting for them to accept' },
    words: ['待', '申请中', '审核中'],
  },
  granted: {
    label: { zh: '已授权', en: 'granted' },
    phrase: { zh: '已授权', en: 'granted' },
    words: ['已授权', '已同意', '已开通', '生效'],
  },
  declined: {
    label: { zh: '已拒绝', en: 'declined' },
    phrase: { zh: '对方已拒绝', en: 'declined by them' },
    words: ['拒绝'],
  },
  revoked: {
    // seed-001: the main account 回收 permissions (权限进行回收, 权限都将回收).
    label: { zh: '已回收', en: 'withdrawn' },
    phrase: { zh: '已回收', en: 'withdrawn' },
    words: ['回收', '撤回', '撤销', '取消', '解除', '失效'],
    fallbacks: [
      {
        word: '收回',
        note: '2026-12-02: seed-001 says 收回授权 for a matrix account leaving by email, and the panel showed 已收回 until this date; a page may still say it. Remove after 2027-06-30 if no capture shows it.',
        until: '2027-06-30',
      },
    ],
  },
};

/** The order the permission words are tried in. */
export const PERMISSION_MATCH_ORDER: readonly PermissionState[] = [
  'declined',
  'revoked',
  'granted',
  'requested',
];

/** What the list shows for a scope nothing was asked for: no permission row at all. */
export const PERMISSION_NONE_WORDS: readonly string[] = ['未申请'];

/** Matrix permission scopes (seed-001), as the platform names them. */
export const SCOPE_TERMS: Readonly<Record<PermissionScope, Term>> = {
  'proxy-publish': { zh: '代理发布', en: 'proxy publishing' },
  'proxy-interaction': { zh: '代理互动', en: 'proxy interaction' },
  'product-pool': { zh: '商品池', en: 'product pool' },
  'shop-card': { zh: '店铺卡片', en: 'shop card' },
};

/** Who logs in (seed-000): merchant sub-accounts and brand accounts by those names. */
export const IDENTITY_TERMS: Readonly<Record<Identity, Term>> = {
  'taobao-merchant': { zh: '淘宝商家', en: 'Taobao merchant' },
  'tmall-merchant': { zh: '天猫商家', en: 'Tmall merchant' },
  'sub-account': { zh: '商家子账号', en: 'merchant sub-account' },
  'taobao-user': { zh: '淘宝用户', en: 'Taobao user' },
  brand: { zh: '品牌号', en: 'brand account' },
  expert: { zh: '达人', en: 'creator' },
  institution: { zh: '机构', en: 'institution' },
};

export const ROLE_TERMS: Readonly<Record<AccountRole, Term>> = {
  main: { zh: '主账号', en: 'main account' },
  matrix: { zh: '矩阵号', en: 'matrix account' },
};

/** `{ state: zh label }` of a term table. */
export function zhOf<K extends string>(terms: Readonly<Record<K, StateTerm>>): Record<K, string> {
  return Object.fromEntries(Object.entries<StateTerm>(terms).map(([k, t]) => [k, t.label.zh])) as Record<
    K,
    string
  >;
}

/**
 * The state a status text names, or null. An exact label wins; then each state's words (and fallback
 * words) in `order`. Whitespace is ignored.
 */
export function stateFromText<S extends string>(
  text: string,
  terms: Readonly<Record<S, StateTerm>>,
  order: readonly S[],
): S | null {
  const t = text.replace(/\s+/g, '');
  if (!t) return null;
  for (const [state, term] of Object.entries<StateTerm>(terms)) if (t === term.label.zh) return state as S;
  for (const state of order) {
    const term = terms[state];
    if (term.words.some((w) => t.includes(w))) return state;
    if (term.fallbacks?.some((f) => t.includes(f.word))) return state;
  }
  return null;
}

/** The portal's entrances (seed-000); English readers see the button word and a gloss. */
export const ENTRANCE_TERMS = {
  settle: { zh: '立即入驻', en: '立即入驻 (Join now)' },
  'creator-service': { zh: '创作者服务', en: '创作者服务 (Creator services)' },
  'institution-service': { zh: '机构服务', en: '机构服务 (Institution services)' },
} as const satisfies Record<string, Term>;

/** The two platforms behind the portal. */
export const PLATFORM_TERMS = {
  creator: { zh: '创作者平台', en: 'creator platform' },
  institution: { zh: '机构平台', en: 'institution platform' },
} as const satisfies Record<string, Term>;

/** A term with its English capitalised, for titles and headers. */
export function titled(t: Term): Term {
  return { zh: t.zh, en: t.en.replace(/^./, (c) => c.toUpperCase()) };
}
