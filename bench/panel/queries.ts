/**
 * `@/utils/ledger/queries` as the floor page sees it (vite.config.ts redirects the components'
 * imports here): everything of the real module, with the reads the panel's first screen makes
 * answered by `held.ts` (from memory when replaying, from the real ledger when recording).
 * The 台账 tab's other reads are swapped the same way in `tab-queries.ts`.
 */
import type { LedgerDb } from '../../utils/ledger/db';
import * as real from '../../utils/ledger/queries';
import { answer } from './held';

export * from '../../utils/ledger/queries';

export const listWorkspaces = (db: LedgerDb) => answer('listWorkspaces', [], () => real.listWorkspaces(db));
export const getSettings = (db: LedgerDb) => answer('getSettings', [], () => real.getSettings(db));
export const listAccounts = (db: LedgerDb, workspaceId: string, filter?: real.AccountFilter) =>
  answer('listAccounts', [workspaceId, filter ?? {}], () => real.listAccounts(db, workspaceId, filter));
export const getProgressCounts = (db: LedgerDb, workspaceId: string) =>
  answer('getProgressCounts', [workspaceId], () => real.getProgressCounts(db, workspaceId));
