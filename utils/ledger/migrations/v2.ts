import type { LedgerMigration } from './types';

/**
 * v2: the institution roster (机构 workspaces and the creators bound to them). New tables only; no
 * v1 table changes, so v1 rows stay exactly as they were (no upgrade function).
 * - institutions `platformId`, `name`: find the workspace of the institution a page shows.
 * - members `[workspaceId+guangguangId]`: upsert a creator by 逛逛号; `[workspaceId+status]`: counts and
 *   the missing list; `[workspaceId+lastSeenAt]`: the roster sorted by last seen.
 * - memberEvents `[memberId+at+seq]`: a member's timeline newest first; `workspaceId`: delete an
 *   institution; `[at+seq]`: the next `seq` for a given millisecond.
 */
export const v2: LedgerMigration = {
  version: 2,
  stores: {
    institutions: 'id, platformId, name',
    members: 'id, workspaceId, [workspaceId+guangguangId], [workspaceId+status], [workspaceId+lastSeenAt]',
    memberEvents: 'id, workspaceId, [memberId+at+seq], [at+seq]',
  },
};
