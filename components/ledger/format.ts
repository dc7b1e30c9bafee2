/** Labels and time formatting for the ledger views, in both languages from the catalogue (picked when shown). */
import '@/utils/i18n/ledger';
import type { Bi, MessageKey } from '@/utils/i18n';
import { both, translate } from '@/utils/i18n';
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

export type { Bi };

export const bindingLabel = (s: BindingState): Bi => both(`binding.${s}`);
export const permissionLabel = (s: PermissionState): Bi => both(`permission.${s}`);
export const scopeLabel = (s: PermissionScope): Bi => both(`scope.${s}`);
export const identityLabel = (s: Identity): Bi => both(`identity.${s}`);
export const NO_BINDING: Bi = both('binding.none');

export const sourceLabel = (s: EventSource): Bi => both(s === 'manual' ? 'source.manual' : 'source.page');

const pad = (n: number) => String(n).padStart(2, '0');

/** `2024-05-01 14:03` in the user's local time zone. */
export function localTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** How long ago, in both languages; the future (clock skew) reads as "just now". */
export function relativeAge(since: number, now: number): Bi {
  const ms = Math.max(0, now - since);
  const min = Math.floor(ms / 60_000);
  if (min < 1) return both('age.now');
  if (min < 60) return both('age.minutes', { n: min });
  const h = Math.floor(min / 60);
  if (h < 24) return both('age.hours', { n: h });
  return both('age.days', { n: Math.floor(ms / DAY_MS) });
}

export const joinBi = (parts: readonly Bi[], sep: Bi = both('list.and')): Bi => ({
  zh: parts.map((p) => p.zh).join(sep.zh),
  en: parts.map((p) => p.en).join(sep.en),
});

const FIELDS = new Set([
  'nickname',
  'guangguangId',
  'identity',
  'storeName',
  'storeType',
  'note',
  'phone',
  'name',
]);
const fieldLabel = (f: string | null): Bi =>
  f && FIELDS.has(f)
    ? both(`field.${f}` as MessageKey & `field.${string}`)
    : f
      ? { zh: f, en: f }
      : both('field.other');

function stateValue(e: EventRow, v: string | null): Bi {
  if (v === null) return { zh: '—', en: '—' };
  if (e.entityType === 'binding' && v in zhLabels.binding) return bindingLabel(v as BindingState);
  if (e.entityType === 'permission' && v in zhLabels.permission) return permissionLabel(v as PermissionState);
  if (e.entityType === 'account' && e.action === 'created')
    return both(v === 'main' ? 'event.main' : 'event.matrix');
  return { zh: v, en: v };
}

const CAUSES = new Set(['unbind', 'binding-left-accepted', 're-invite', 'import']);

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
  if (e.entityType === 'binding') what = both('event.binding');
  else if (e.entityType === 'permission') {
    what = e.scope
      ? {
          zh: translate('zh', 'event.permission', { scope: scopeLabel(e.scope).zh }),
          en: translate('en', 'event.permission', { scope: scopeLabel(e.scope).en }),
        }
      : both('event.permissionAny');
  } else if (e.entityType === 'account') {
    what = e.action === 'created' ? both('event.accountAdded') : fieldLabel(e.field);
  } else what = both('event.workspace');
  const textual = e.action === 'updated';
  if (e.entityType === 'binding' && textual && e.field === 'unconfirmed')
    return {
      what: both('event.confirmation'),
      from: confirmationValue(e.from),
      to: confirmationValue(e.to),
      jump: false,
      cause: null,
    };
  return {
    what,
    from: e.action === 'created' ? null : textual ? plain(e.from) : stateValue(e, e.from),
    to: textual ? plain(e.to) : stateValue(e, e.to),
    jump: e.action === 'jump',
    cause: e.cause ? (CAUSES.has(e.cause) ? both(`cause.${e.cause}`) : { zh: e.cause, en: e.cause }) : null,
  };
}

/** `submitted` / `missing` / `confirmed`: the binding's confirmation by the matrix list. */
function confirmationValue(v: string | null): Bi {
  return v === 'submitted' || v === 'missing' || v === 'confirmed' ? both(`confirm.${v}`) : plain(v);
}

function plain(v: string | null): Bi {
  if (v === null || v === '') return both('event.empty');
  return { zh: v, en: v };
}

export { errorText } from './error-text';
