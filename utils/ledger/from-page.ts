/**
 * Turn what the content script read from the matrix list (text) into a ledger page capture.
 * Pure. Status words are mapped by `bindingStateFromText` / `permissionStateFromText`; a text we do
 * not know maps to null and the capture reports the row as unrecognised instead of guessing.
 */
import type { MatrixRow } from '../pages/types';
import { bindingStateFromText, permissionStateFromText, type PageCaptureRow } from './capture';
import { SCOPE_TERMS } from '../platform/terms';
import { PERMISSION_SCOPES, type PermissionScope, type PermissionState } from './types';

/** "<scope>：<status> <scope>：<status>" → per-scope states (a "none" word → absent: nothing was asked). */
export function parsePermissionText(text: string): Partial<Record<PermissionScope, PermissionState>> {
  const out: Partial<Record<PermissionScope, PermissionState>> = {};
  const labels = PERMISSION_SCOPES.map((s) => [s, SCOPE_TERMS[s].zh] as const);
  for (const [scope, label] of labels) {
    const at = text.indexOf(label);
    if (at < 0) continue;
    // The status is what follows the label up to the next label (or the end).
    let end = text.length;
    for (const [, other] of labels) {
      const j = text.indexOf(other, at + label.length);
      if (j >= 0 && j < end) end = j;
    }
    const status = text.slice(at + label.length, end).replace(/^[\s:：]+/, '');
    const state = permissionStateFromText(status);
    if (state) out[scope] = state;
  }
  return out;
}

export function captureRowsFromPage(rows: readonly MatrixRow[]): PageCaptureRow[] {
  return rows.map((r) => {
    const permissions = parsePermissionText(r.permissionText);
    return {
      guangguangId: r.guangguangId,
      ...(r.nickname ? { nickname: r.nickname } : {}),
      state: bindingStateFromText(r.bindingText),
      statusText: r.bindingText.slice(0, 100),
      ...(Object.keys(permissions).length ? { permissions } : {}),
    };
  });
}
