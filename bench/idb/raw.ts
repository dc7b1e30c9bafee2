/**
 * The baselines written on raw IndexedDB: the same stores and indexes as the ledger's schema
 * (`utils/ledger/migrations`, as Dexie declares them), a hand-written `getPendingQueue`, and a bulk
 * insert without validation or merge planning.
 */
import { LEDGER_VERSIONS } from '../../utils/ledger/migrations';
import type { AccountRow, BindingRow, PendingRow, PermissionRow } from '../../utils/ledger/types';
import { pendingItemOf, pendingItems, type PendingItem } from '../../utils/ledger/tab-queries';

const req = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });

const done = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });

/** Dexie's index spec → IndexedDB key path (`[a+b]` → ['a', 'b']). */
function keyPathOf(spec: string): string | string[] {
  const s = spec.replace(/^[&*]|^\+\+/, '');
  return s.startsWith('[') ? s.slice(1, -1).split('+') : s;
}

/** The ledger's final schema (every version's `stores` merged), table → Dexie store spec. */
export function ledgerStores(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of LEDGER_VERSIONS)
    for (const [table, spec] of Object.entries(m.stores)) {
      if (spec === null) delete out[table];
      else out[table] = spec;
    }
  return out;
}

/** A fresh raw database with the ledger's stores and indexes (names as Dexie gives them). */
export async function createRawLedger(name: string): Promise<IDBDatabase> {
  await req(indexedDB.deleteDatabase(name));
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    for (const [table, spec] of Object.entries(ledgerStores())) {
      const [pk, ...indexes] = spec.split(',').map((s) => s.trim());
      const store = db.createObjectStore(table, { keyPath: keyPathOf(pk!) });
      for (const ix of indexes)
        store.createIndex(ix.replace(/^[&*]/, ''), keyPathOf(ix), {
          unique: ix.startsWith('&'),
          multiEntry: ix.startsWith('*'),
        });
    }
  };
  return req(open);
}

export function openRaw(name: string): Promise<IDBDatabase> {
  return req(indexedDB.open(name));
}

export function deleteRaw(name: string): Promise<unknown> {
  return req(indexedDB.deleteDatabase(name));
}

/** Parses the backup text and puts every row in one transaction: what an import costs at least. */
export async function rawBulkInsert(
  db: IDBDatabase,
  text: string,
  tables: readonly string[],
): Promise<number> {
  const data = JSON.parse(text) as Record<string, unknown[]>;
  const tx = db.transaction([...tables], 'readwrite');
  const finished = done(tx);
  let n = 0;
  for (const t of tables) {
    const store = tx.objectStore(t);
    for (const row of data[t] ?? []) {
      store.put(row);
      n++;
    }
  }
  await finished;
  return n;
}

/** The key range of a workspace's rows on the pending table's `[workspaceId+since+id]` index. */
const pendingRange = (workspaceId: string) =>
  IDBKeyRange.bound([workspaceId, -Infinity, ''], [workspaceId, Infinity, '']);

/**
 * `getPendingQueue(db, workspaceId, now)` of `utils/ledger/tab-queries.ts` on raw IndexedDB: the same
 * read (one `getAll` on the pending table's `[workspaceId+since+id]` index), the same items.
 */
export async function rawPendingQueue(
  db: IDBDatabase,
  workspaceId: string,
  now: number,
): Promise<PendingItem[]> {
  const tx = db.transaction('pending', 'readonly');
  const rows = (await req(
    tx.objectStore('pending').index('[workspaceId+since+id]').getAll(pendingRange(workspaceId)),
  )) as PendingRow[];
  return rows.map((r) => pendingItemOf(r, now));
}

/**
 * The floor of the pending-queue figure: ONE raw range read of exactly the rows the answer shows (the
 * workspace's rows of the pending table, `getAll` on its queue index), nothing done with them.
 */
export async function rawRangeRead(db: IDBDatabase, workspaceId: string): Promise<number> {
  const tx = db.transaction('pending', 'readonly');
  const rows = await req(
    tx.objectStore('pending').index('[workspaceId+since+id]').getAll(pendingRange(workspaceId)),
  );
  return rows.length;
}

/**
 * Not a baseline: the floor as it was before schema v3, ONE `getAll` of `n` account rows of the
 * workspace (`n` the number of items shown; account rows are wider than pending rows).
 */
export async function rawAccountRowsRead(db: IDBDatabase, workspaceId: string, n: number): Promise<number> {
  const tx = db.transaction('accounts', 'readonly');
  const rows = await req(tx.objectStore('accounts').index('workspaceId').getAll(workspaceId, n));
  return rows.length;
}

/**
 * Not a baseline: the reads of the queue before schema v3 on raw IndexedDB (`[workspaceId+state]` of
 * bindings and permissions, then a `get` per binding of a permission and per account shown, ~600
 * requests for ~350 items), one read transaction, the same result. Measured to show what v3 saves.
 */
export async function rawPendingQueueV2(
  db: IDBDatabase,
  workspaceId: string,
  now: number,
): Promise<PendingItem[]> {
  const tx = db.transaction(['bindings', 'permissions', 'accounts'], 'readonly');
  const bindingsStore = tx.objectStore('bindings');
  const [bindings, perms] = await Promise.all([
    req(bindingsStore.index('[workspaceId+state]').getAll([workspaceId, 'pending'])) as Promise<BindingRow[]>,
    req(
      tx.objectStore('permissions').index('[workspaceId+state]').getAll([workspaceId, 'requested']),
    ) as Promise<PermissionRow[]>,
  ]);
  const bindingById = new Map<string, BindingRow>(bindings.map((b) => [b.id, b]));
  const permBindingIds = [...new Set(perms.map((p) => p.bindingId))];
  const permBindings = await Promise.all(
    permBindingIds.map((id) => req(bindingsStore.get(id)) as Promise<BindingRow | undefined>),
  );
  for (const b of permBindings) if (b) bindingById.set(b.id, b);
  const accountsStore = tx.objectStore('accounts');
  const accountIds = [...new Set([...bindingById.values()].map((b) => b.matrixAccountId))];
  const accounts = await Promise.all(
    accountIds.map((id) => req(accountsStore.get(id)) as Promise<AccountRow | undefined>),
  );
  const accountById = new Map<string, AccountRow>();
  for (const a of accounts) if (a) accountById.set(a.id, a);
  return pendingItems(bindings, perms, bindingById, accountById, now);
}

/**
 * Puts `rows` into `store` in ONE readwrite transaction, in chunks: a chunk is issued, the next one
 * generated while IndexedDB writes it, then issued once the previous chunk's last put succeeded (so
 * no more than two chunks are held in memory). Returns the rows written.
 */
export function rawPutAll(
  db: IDBDatabase,
  store: string,
  rows: Iterable<unknown>,
  chunk = 10_000,
): Promise<number> {
  const tx = db.transaction(store, 'readwrite');
  const finished = done(tx);
  const os = tx.objectStore(store);
  const it = rows[Symbol.iterator]();
  let n = 0;
  const take = (): unknown[] => {
    const out: unknown[] = [];
    while (out.length < chunk) {
      const r = it.next();
      if (r.done) break;
      out.push(r.value);
    }
    return out;
  };
  const issue = (batch: unknown[]) => {
    if (!batch.length) return;
    let last: IDBRequest | null = null;
    for (const row of batch) last = os.put(row);
    n += batch.length;
    const next = take();
    last!.onsuccess = () => issue(next);
  };
  issue(take());
  return finished.then(() => n);
}
