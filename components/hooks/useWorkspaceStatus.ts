import { useCallback } from 'react';
import { getSettings, listAccounts, listWorkspaces, type AccountView } from '@/utils/ledger/queries';
import type { AccountRow } from '@/utils/ledger/types';
import type { MatrixProgress } from '@/utils/guides/matrix';
import type { PageAccount } from '@/utils/pages/types';
import { ledgerDb } from '../ledger/db';
import { useLiveQuery, useWhitelisted } from '../ledger/hooks';

export interface WorkspaceStatus {
  progress: MatrixProgress;
  /** The selected workspace's main account, if any. */
  main: AccountRow | null;
  /** The workspace whose main account is logged in on the page, when it is not the selected one. */
  pageWorkspace: { id: string; name: string } | null;
  /** The page's account is known and is not the selected workspace's main account. */
  mismatch: boolean;
}

const EMPTY: MatrixProgress = {
  whitelisted: 'unknown',
  accounts: 0,
  pending: 0,
  accepted: 0,
  grantedProxy: 0,
  grantedProducts: 0,
  unbound: 0,
};

type Counts = Omit<MatrixProgress, 'whitelisted'>;

/** The checklist's counts over the selected workspace's matrix accounts. Pure. */
export function progressCounts(views: readonly AccountView[]): Counts {
  const count = (f: (v: AccountView) => boolean) => views.filter(f).length;
  return {
    accounts: views.length,
    pending: count((v) => v.binding?.state === 'pending'),
    accepted: count((v) => v.binding?.state === 'accepted'),
    grantedProxy: count((v) =>
      ['proxy-publish', 'proxy-interaction'].some(
        (s) => v.permissions[s as 'proxy-publish']?.state === 'granted',
      ),
    ),
    grantedProducts: count((v) =>
      ['product-pool', 'shop-card'].some((s) => v.permissions[s as 'product-pool']?.state === 'granted'),
    ),
    unbound: count((v) => v.binding?.state === 'unbound'),
  };
}

/** Ledger facts the "now" view needs: checklist progress and whether the page is someone else. */
export function useWorkspaceStatus(pageAccount: PageAccount | undefined): WorkspaceStatus {
  const query = useCallback(async () => {
    const db = ledgerDb();
    const settings = await getSettings(db);
    const all = await listWorkspaces(db);
    const selected = all.find((w) => w.workspace.id === settings.selectedWorkspaceId) ?? null;
    const views = selected ? await listAccounts(db, selected.workspace.id, { role: 'matrix' }) : [];
    // Only the counts are kept: the panel's state does not hold a second copy of every account view
    // (the 台账 list holds its own), which halves what 1,000 accounts cost the panel's heap.
    return { all, selected, counts: progressCounts(views) };
  }, []);
  const { value } = useLiveQuery(query);
  const whitelisted = useWhitelisted(value?.selected?.mainAccount?.guangguangId);
  if (!value) return { progress: EMPTY, main: null, pageWorkspace: null, mismatch: false };
  const { all, selected, counts } = value;
  const main = selected?.mainAccount ?? null;
  const progress: MatrixProgress = { whitelisted, ...counts };
  const gg = pageAccount?.guangguangId;
  const mismatch = Boolean(gg && main && main.guangguangId !== gg);
  const other = gg ? all.find((w) => w.mainAccount?.guangguangId === gg) : undefined;
  return {
    progress,
    main,
    mismatch,
    pageWorkspace: mismatch && other ? { id: other.workspace.id, name: other.workspace.name } : null,
  };
}
