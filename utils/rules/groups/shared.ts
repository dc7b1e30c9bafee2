/** Small helpers the rule groups share. */
import type { CheckEnv } from '../engine.ts';
import { normalizeGuangguangId } from '../guangguang-id.ts';
import { joinEn, joinZh, quote } from '../text.ts';
import type { AccountRef, KnownAccount, LocalizedText, PermissionScope, PermissionState } from '../types.ts';
import { SCOPE_LABELS } from '../data/labels.ts';

/** The id as shown in a message: normalised and shortened. */
export function shownId(raw: string): string {
  return quote(normalizeGuangguangId(raw) || raw.trim());
}

/** `nickname（逛逛号 id）`, or whichever of the two is known. */
export function accountLabel(ref: AccountRef | null | undefined): LocalizedText {
  const id = ref?.guangguangId ? shownId(ref.guangguangId) : '';
  const name = ref?.nickname ? quote(ref.nickname.trim()) : '';
  if (id && name) return { zh: `${name}（逛逛号 ${id}）`, en: `${name} (逛逛号 ${id})` };
  if (id) return { zh: `逛逛号 ${id}`, en: `逛逛号 ${id}` };
  return { zh: name || '未知账号', en: name || 'unknown account' };
}

/** The ledger's state of one permission of an account, `none` when never requested. */
export function permissionState(
  account: KnownAccount | undefined,
  scope: PermissionScope,
): PermissionState | 'none' {
  let state: PermissionState | 'none' = 'none';
  for (const p of account?.permissions ?? []) if (p.scope === scope) state = p.state;
  return state;
}

export function scopeList(scopes: readonly PermissionScope[]): LocalizedText {
  return {
    zh: joinZh(scopes.map((s) => SCOPE_LABELS[s].label.zh)),
    en: joinEn(scopes.map((s) => SCOPE_LABELS[s].label.en)),
  };
}

export function list(items: readonly LocalizedText[]): LocalizedText {
  return { zh: joinZh(items.map((i) => i.zh)), en: joinEn(items.map((i) => i.en)) };
}

/** No 逛逛号 at all once labels, `@` and spaces are stripped. */
export function isBlankId(id: string): boolean {
  return normalizeGuangguangId(id) === '';
}

/** The ledger's account for a 逛逛号, or undefined when empty or unknown. */
export function accountFor(env: CheckEnv, id: string): KnownAccount | undefined {
  return isBlankId(id) ? undefined : env.account(id);
}
