import { useCallback } from 'react';
import { getProgressCounts, type AccountView, type ProgressCounts } from '@/utils/ledger/queries';
import type { AccountRow } from '@/utils/ledger/types';
import type { MatrixProgress } from '@/utils/guides/matrix';
import type { PageAccount } from '@/utils/pages/types';
import { ledgerDb } from '../ledger/db';
import { useLedgerHeader } from '../ledger/header';
import { useLiveQuery, useWhitelisted } from '../ledger/hooks';

export interface WorkspaceStatus {
  progress: MatrixProgress;
  /** Pending invites of the selected workspace (the 台账 tab's badge). */
  pending: number;
  /** The selected workspace's main account, if any. */
  main: AccountRow | null;
  /** The workspace whose main account is logged in on the page, when it is not the selected one. */
  pageWorkspace: { id: string; name: string } | null;
  /** The page's account is known and is not the selected workspace's main account. */
  mismatch: boolean;
}

const NO_COUNTS: ProgressCounts = {
  accounts: 0,
  pending: 0,
  accepted: 0,
  grantedProxy: 0,
  grantedProducts: 0,
  unbound: 0,
};

const EMPTY: MatrixProgress = { whitelisted: 'unknown', ...NO_COUNTS };

/**
 * The checklist's counts over the selected workspace's matrix accounts, from their views. Pure: what
 * `getProgressCounts` reads from the indexes instead (tests/unit/workspace-status.test.ts compares them).
 */
export function progressCounts(views: readonly AccountView[]): ProgressCounts {
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

/**
 * Ledger facts the panel needs: whether the page is someone else, the 台账 tab's badge (pending
 * invites), and the checklist's progress, counted only while `withProgress` (the checklist is on
 * screen: its granted-permission counts read the workspace's granted permissions, which no other
 * part of the first screen needs). `progress` is all zeros until counted.
 */
export function useWorkspaceStatus(
  pageAccount: PageAccount | undefined,
  withProgress: boolean,
): WorkspaceStatus {
  const { value } = useLedgerHeader();
  const selected =
    value?.workspaces.find((w) => w.workspace.id === value.settings.selectedWorkspaceId) ?? null;
  const wsId = selected?.workspace.id ?? null;
  const countsQuery = useCallback(
    () => (wsId ? getProgressCounts(ledgerDb(), wsId) : Promise.resolve(NO_COUNTS)),
    [wsId],
  );
  const counts = useLiveQuery(withProgress ? countsQuery : null);
  const whitelisted = useWhitelisted(selected?.mainAccount?.guangguangId);
  const main = selected?.mainAccount ?? null;
  const progress: MatrixProgress = {
    ...EMPTY,
    ...(withProgress ? counts.value : undefined),
    whitelisted,
  };
  const gg = pageAccount?.guangguangId;
  const mismatch = Boolean(gg && main && main.guangguangId !== gg);
  const other = gg ? value?.workspaces.find((w) => w.mainAccount?.guangguangId === gg) : undefined;
  return {
    progress,
    pending: selected?.pendingInvites ?? 0,
    main,
    mismatch,
    pageWorkspace: mismatch && other ? { id: other.workspace.id, name: other.workspace.name } : null,
  };
}
