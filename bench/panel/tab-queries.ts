/**
 * `@/utils/ledger/tab-queries` as the floor page sees it (vite.config.ts redirects the components'
 * imports here): everything of the real module, with the reads of the 台账 tab's first screen and of
 * the roster answered by `held.ts`, as `queries.ts` does for the panel's first screen.
 */
import type { LedgerDb } from '../../utils/ledger/db';
import * as real from '../../utils/ledger/tab-queries';
import { answer } from './held';

export * from '../../utils/ledger/tab-queries';

export const listInstitutions = (db: LedgerDb) =>
  answer('listInstitutions', [], () => real.listInstitutions(db));
// `now` is not part of the key: the ages are those of the recording (taken seconds before).
export const getPendingQueue = (db: LedgerDb, workspaceId: string | null, now: number) =>
  answer('getPendingQueue', [workspaceId], () => real.getPendingQueue(db, workspaceId, now));
export const getRoster = (db: LedgerDb, workspaceId: string, filter: real.RosterFilter) =>
  answer('getRoster', [workspaceId, filter], () => real.getRoster(db, workspaceId, filter));
export const getRosterCounts = (db: LedgerDb, workspaceId: string) =>
  answer('getRosterCounts', [workspaceId], () => real.getRosterCounts(db, workspaceId));
export const getRosterSlice = (db: LedgerDb, workspaceId: string, q: real.RosterSliceQuery) =>
  answer('getRosterSlice', [workspaceId, q], () => real.getRosterSlice(db, workspaceId, q));
export const listAccountWindow = (db: LedgerDb, workspaceId: string, limit?: number) =>
  answer('listAccountWindow', [workspaceId, limit ?? real.ACCOUNT_WINDOW], () =>
    real.listAccountWindow(db, workspaceId, limit),
  );
