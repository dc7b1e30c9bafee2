/** Labels and time formatting for the ledger views (Chinese from `zhLabels`, short English beside it). */
import {
  DAY_MS,
  zhLabels,
  type BindingState,
  type EventRow,
  type EventSource,
  type Identity,
  type PermissionScope,
  type PermissionState,
} from '@/utils/ledger/types';

export interface Bi {
  zh: string;
  en: string;
}

const EN = {
  binding: {
    draft: 'draft',
    pending: 'pending',
    accepted: 'bound',
    declined: 'declined',
    expired: 'expired',
    cancelled: 'cancelled',
    unbound: 'unbound',
  } satisfies Record<BindingState, string>,
  permission: {
    requested: 'requested',
    granted: 'granted',
    declined: 'declined',
    revoked: 'revoked',
  } satisfies Record<PermissionState, string>,
  scope: {
    'proxy-publish': 'proxy publishing',
    'proxy-interaction': 'proxy interaction',
    'product-pool': 'product pool',
    'shop-card': 'shop card',
  } satisfies Record<PermissionScope, string>,
  identity: {
    'taobao-merchant': 'Taobao merchant',
    'tmall-merchant': 'Tmall merchant',
    'sub-account': 'sub-account',
    'taobao-user': 'Taobao user',
    brand: 'brand',
    expert: 'expert',
    institution: 'institution',
  } satisfies Record<Identity, string>,
};

export const bindingLabel = (s: BindingState): Bi => ({ zh: zhLabels.binding[s], en: EN.binding[s] });
export const permissionLabel = (s: PermissionState): Bi => ({
  zh: zhLabels.permission[s],
  en: EN.permission[s],
});
export const scopeLabel = (s: PermissionScope): Bi => ({ zh: zhLabels.scope[s], en: EN.scope[s] });
export const identityLabel = (s: Identity): Bi => ({ zh: zhLabels.identity[s], en: EN.identity[s] });
export const NO_BINDING: Bi = { zh: '未邀请', en: 'not invited' };

export const sourceLabel = (s: EventSource): Bi =>
  s === 'manual' ? { zh: '手动', en: 'manual' } : { zh: '页面', en: 'page' };

const pad = (n: number) => String(n).padStart(2, '0');

/** `2024-05-01 14:03` in the user's local time zone. */
export function localTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "3 天前 · 3 days ago" as `{ zh, en }`; the future (clock skew) reads as "just now". */
export function relativeAge(since: number, now: number): Bi {
  const ms = Math.max(0, now - since);
  const min = Math.floor(ms / 60_000);
  if (min < 1) return { zh: '刚刚', en: 'just now' };
  if (min < 60) return { zh: `${min} 分钟前`, en: `${min} minute${min === 1 ? '' : 's'} ago` };
  const h = Math.floor(min / 60);
  if (h < 24) return { zh: `${h} 小时前`, en: `${h} hour${h === 1 ? '' : 's'} ago` };
  const d = Math.floor(ms / DAY_MS);
  return { zh: `${d} 天前`, en: `${d} day${d === 1 ? '' : 's'} ago` };
}

export const joinBi = (parts: readonly Bi[], sepZh = '、', sepEn = ', '): Bi => ({
  zh: parts.map((p) => p.zh).join(sepZh),
  en: parts.map((p) => p.en).join(sepEn),
});

const FIELD_LABELS: Record<string, Bi> = {
  nickname: { zh: '昵称', en: 'nickname' },
  guangguangId: { zh: '逛逛号', en: '逛逛号' },
  identity: { zh: '身份', en: 'identity' },
  storeName: { zh: '店铺名', en: 'store name' },
  storeType: { zh: '店铺类型', en: 'store type' },
  note: { zh: '备注', en: 'note' },
  phone: { zh: '手机号', en: 'phone' },
  name: { zh: '名称', en: 'name' },
};

function stateValue(e: EventRow, v: string | null): Bi {
  if (v === null) return { zh: '—', en: '—' };
  if (e.entityType === 'binding' && v in zhLabels.binding) return bindingLabel(v as BindingState);
  if (e.entityType === 'permission' && v in zhLabels.permission) return permissionLabel(v as PermissionState);
  if (e.entityType === 'account' && e.action === 'created')
    return v === 'main' ? { zh: '主账号', en: 'main account' } : { zh: '矩阵号', en: 'matrix account' };
  return { zh: v, en: v };
}

const CAUSES: Record<string, Bi> = {
  unbind: { zh: '因解绑自动收回', en: 'withdrawn by the unbind' },
  'binding-left-accepted': { zh: '绑定已不再有效，自动收回', en: 'withdrawn: the binding ended' },
  're-invite': { zh: '重新邀请', en: 're-invite' },
  import: { zh: '来自导入', en: 'from an import' },
};

export interface EventText {
  /** What changed: "绑定状态" / "代理发布 权限" / "昵称" … */
  what: Bi;
  from: Bi | null;
  to: Bi | null;
  /** `jump`: the page showed a state that was not one legal step away. */
  jump: boolean;
  cause: Bi | null;
}

export function describeEvent(e: EventRow): EventText {
  let what: Bi;
  if (e.entityType === 'binding') what = { zh: '绑定状态', en: 'binding' };
  else if (e.entityType === 'permission') {
    const s = e.scope ? scopeLabel(e.scope) : { zh: '权限', en: 'permission' };
    what = { zh: `${s.zh} 权限`, en: `${s.en} permission` };
  } else if (e.entityType === 'account') {
    what =
      e.action === 'created'
        ? { zh: '账号记入台账', en: 'account added to the ledger' }
        : (FIELD_LABELS[e.field ?? ''] ?? { zh: e.field ?? '字段', en: e.field ?? 'field' });
  } else what = { zh: '工作区', en: 'workspace' };
  const textual = e.action === 'updated';
  return {
    what,
    from: e.action === 'created' ? null : textual ? plain(e.from) : stateValue(e, e.from),
    to: textual ? plain(e.to) : stateValue(e, e.to),
    jump: e.action === 'jump',
    cause: e.cause ? (CAUSES[e.cause] ?? { zh: e.cause, en: e.cause }) : null,
  };
}

function plain(v: string | null): Bi {
  if (v === null || v === '') return { zh: '（空）', en: '(empty)' };
  return { zh: v, en: v };
}

/** A short, readable text for an unknown error (a Dexie or DOM error has a name and a message). */
export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 300);
  if (typeof e === 'string') return e.slice(0, 300);
  try {
    return JSON.stringify(e).slice(0, 300);
  } catch {
    return 'unknown error';
  }
}
