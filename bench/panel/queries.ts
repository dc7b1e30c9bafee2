/**
 * `@/utils/ledger/queries` as the floor page sees it (vite.config.ts redirects the components'
 * imports here): everything of the real module, with the reads the panel's first screen makes
 * answered by `held.ts` (from memory when replaying, from the real ledger when recording).
 */
import type { LedgerDb } from '../../utils/ledger/db';
import * as real from '../../utils/ledger/queries';
import { answer } from './held';

export * from '../../utils/ledger/queries';

export const listWorkspaces = (db: LedgerDb) => answer('listWorkspaces', [], () => real.listWorkspaces(db));
export const listInstitutions = (db: LedgerDb) =>
  answer('listInstitutions', [], () => real.listInstitutions(db));
export const getSettings = (db: LedgerDb) => answer('getSettings', [], () => real.getSettings(db));
export const listAccounts = (db: LedgerDb, workspaceId: string, filter?: real.AccountFilter) =>
  answer('listAccounts', [workspaceId, filter ?? {}], () => real.listAccounts(db, workspaceId, filter));
// `now` is not part of the key: the ages are those of the recording (taken seconds before).
export const getPendingQueue = (db: LedgerDb, workspaceId: string | null, now: number) =>
  answer('getPendingQueue', [workspaceId], () => real.getPendingQueue(db, workspaceId, now));
export const getRoster = (db: LedgerDb, workspaceId: string, filter: real.RosterFilter) =>
  answer('getRoster', [workspaceId, filter], () => real.getRoster(db, workspaceId, filter));
export const getRosterCounts = (db: LedgerDb, workspaceId: string) =>
  answer('getRosterCounts', [workspaceId], () => real.getRosterCounts(db, workspaceId));
export const getRosterSlice = (db: LedgerDb, workspaceId: string, q: real.RosterSliceQuery) =>
  answer('getRosterSlice', [workspaceId, q], () => real.getRosterSlice(db, workspaceId, q));
