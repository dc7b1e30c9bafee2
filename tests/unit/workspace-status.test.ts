/**
 * The "now" view's checklist counts (components/hooks/useWorkspaceStatus.ts): counted inside the
 * ledger query, so the panel keeps the counts and not a second copy of every account view.
 */
import { describe, expect, it } from 'vitest';
import { progressCounts } from '../../components/hooks/useWorkspaceStatus';
import type { AccountView } from '../../utils/ledger/queries';

function view(binding: string | null, granted: string[] = []): AccountView {
  return {
    account: { id: `a-${Math.random()}`, role: 'matrix' },
    binding: binding ? { id: 'b', state: binding } : null,
    permissions: Object.fromEntries(granted.map((scope) => [scope, { scope, state: 'granted' }])),
  } as unknown as AccountView;
}

describe('progressCounts', () => {
  it('counts accounts, bindings by state and the two permission groups', () => {
    const views = [
      view('pending'),
      view('accepted', ['proxy-publish']),
      view('accepted', ['proxy-interaction', 'shop-card']),
      view('accepted', ['product-pool', 'shop-card']),
      view('unbound'),
      view(null),
    ];
    expect(progressCounts(views)).toEqual({
      accounts: 6,
      pending: 1,
      accepted: 3,
      grantedProxy: 2,
      grantedProducts: 2,
      unbound: 1,
    });
  });

  it('does not count a requested or revoked permission as granted', () => {
    const v = view('accepted');
    v.permissions = {
      'proxy-publish': { state: 'requested' },
      'product-pool': { state: 'revoked' },
    } as unknown as AccountView['permissions'];
    expect(progressCounts([v])).toMatchObject({ grantedProxy: 0, grantedProducts: 0, accepted: 1 });
  });

  it('is all zeros for no accounts', () => {
    expect(progressCounts([])).toEqual({
      accounts: 0,
      pending: 0,
      accepted: 0,
      grantedProxy: 0,
      grantedProducts: 0,
      unbound: 0,
    });
  });
});
