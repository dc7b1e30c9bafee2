/** The rule catalogue's view of the ledger: a plain `RuleContext` built from the account list. */
import type { AccountView } from '@/utils/ledger/queries';
import type { Finding, KnownAccount, PermissionRecord, RuleContext } from '@/utils/rules';

export type Whitelisted = boolean | 'unknown';

/**
 * `whitelisted`: what the background learnt from the matrix page for this main account (stored in
 * `browser.storage.local` under `whitelist`: `whitelistItem` of utils/storage-items.ts, read by `useWhitelisted`), else `'unknown'`.
 */
export function contextFromLedger(
  views: readonly AccountView[],
  now: number,
  whitelisted: Whitelisted = 'unknown',
): RuleContext {
  const main = views.find((v) => v.account.role === 'main')?.account ?? null;
  const accounts: KnownAccount[] = [];
  for (const v of views) {
    if (v.account.role !== 'matrix' || !v.binding) continue;
    const permissions: PermissionRecord[] = [];
    for (const p of Object.values(v.permissions)) if (p) permissions.push({ scope: p.scope, state: p.state });
    accounts.push({
      guangguangId: v.account.guangguangId,
      nickname: v.account.nickname,
      state: v.binding.state,
      ...(v.account.phoneHash ? { phoneHash: v.account.phoneHash } : {}),
      permissions,
    });
  }
  return {
    now,
    workspace: main
      ? {
          guangguangId: main.guangguangId,
          nickname: main.nickname,
          ...(main.identity ? { identity: main.identity } : {}),
        }
      : null,
    accounts,
    whitelisted,
    pageAccount: null,
  };
}

/**
 * A phone is optional when recording an account in the ledger by hand (the invite may have been sent
 * on the platform already). The catalogue's "phone required" blocks a real invite form; here it is
 * kept as a note so the user still reads it, but it does not stop saving.
 */
export function phoneOptional(findings: Finding[], phoneTyped: boolean): Finding[] {
  if (phoneTyped) return findings;
  const out = findings.map((f) =>
    f.ruleId === 'invite.phone.required' ? { ...f, severity: 'info' as const } : f,
  );
  const rank = { block: 0, warn: 1, info: 2 } as const;
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank[a.f.severity] - rank[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}
