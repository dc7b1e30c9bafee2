/** Shared helpers for the ledger tests (not a test file itself). */
import type { DBCoreMutateRequest } from 'dexie';
import { afterEach } from 'vitest';
import { sha256Hex, stableStringify } from '@/utils/ledger/canonical';
import {
  createWorkspace,
  openLedger,
  recordInvite,
  requestPermission,
  transitionBinding,
  transitionPermission,
  type LedgerDb,
  type PermissionScope,
} from '@/utils/ledger';

const opened: LedgerDb[] = [];

/** A ledger with a fresh name, deleted after the test. */
export function freshDb(): LedgerDb {
  const db = openLedger(`ledger-test-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

export const ALL_TABLES = [
  'workspaces',
  'accounts',
  'bindings',
  'permissions',
  'events',
  'settings',
  'meta',
  'captures',
  'institutions',
  'members',
  'memberEvents',
  'pending',
] as const;

/** Every row of every table, sorted by primary key (a CryptoKey serialises as `{}`). */
export async function dumpAll(db: LedgerDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of ALL_TABLES) {
    // Rows come in primary-key order (`pending` has a compound key).
    out[t] = await db.table(t).toArray();
  }
  return out;
}

export async function contentHash(db: LedgerDb): Promise<string> {
  return sha256Hex(stableStringify(await dumpAll(db)));
}

export const T0 = Date.UTC(2025, 0, 6, 2, 0, 0); // 2025-01-06 10:00 in Shanghai
export const HOUR = 3_600_000;

/** A workspace with a main account. */
export async function newWorkspace(db: LedgerDb, name = '某某旗舰店', now = T0) {
  return createWorkspace(
    db,
    {
      name,
      mainAccount: { nickname: `${name}主号`, guangguangId: `main-${name}`, identity: 'tmall-merchant' },
    },
    { now },
  );
}

/** An accepted binding with the given permissions granted. */
export async function acceptedBinding(
  db: LedgerDb,
  workspaceId: string,
  gg: string,
  now = T0,
  grantScopes: PermissionScope[] = [],
) {
  const { binding, account } = await recordInvite(
    db,
    workspaceId,
    { account: { nickname: `昵称${gg}`, guangguangId: gg }, state: 'pending' },
    { now },
  );
  await transitionBinding(db, binding.id, 'accepted', { now: now + 1 });
  const requested = grantScopes.length
    ? await requestPermission(db, binding.id, grantScopes, { now: now + 2 })
    : [];
  const perms = [];
  for (const p of requested) perms.push(await transitionPermission(db, p.id, 'granted', { now: now + 3 }));
  return { binding: (await db.bindings.get(binding.id))!, account, perms };
}

/**
 * A Dexie middleware that makes writes fail with a DOMException `QuotaExceededError` while `arm`ed,
 * to simulate a full disk. Must be installed before the first use of `db`.
 */
export function quotaSimulator(db: LedgerDb) {
  let when: ((table: string, req: DBCoreMutateRequest) => boolean) | null = null;
  db.use({
    stack: 'dbcore',
    name: 'quota-simulator',
    create(down) {
      return {
        ...down,
        table(name) {
          const t = down.table(name);
          return {
            ...t,
            mutate(req) {
              if (when?.(name, req)) {
                return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
              }
              return t.mutate(req);
            },
          };
        },
      };
    },
  });
  return {
    arm(fn: (table: string, req: DBCoreMutateRequest) => boolean) {
      when = fn;
    },
    disarm() {
      when = null;
    },
  };
}
