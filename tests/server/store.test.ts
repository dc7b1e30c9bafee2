/**
 * The store's contract, the same for both back ends: SQLite (always) and PostgreSQL when
 * TEST_DATABASE_URL names a reachable server (skipped otherwise; each run in a schema of its own,
 * dropped after).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store-postgres.ts';
import { openSqliteStore } from '../../server/store-sqlite.ts';
import { UnknownUserError, type Store } from '../../server/store.ts';
import { reachablePostgres } from './harness.ts';

const PG_URL = await reachablePostgres();
const havePostgres = PG_URL !== null;

interface Backend {
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

const backends: [string, boolean, () => Backend][] = [
  [
    'sqlite',
    true,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'sharing-store-'));
      return {
        open: () => Promise.resolve(openSqliteStore(join(dir, 'sharing.sqlite'))),
        cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      };
    },
  ],
  [
    'postgres',
    havePostgres,
    () => {
      const schema = `sharing_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL! });
      const url = new URL(PG_URL!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        open: async () => {
          await admin.connect();
          await admin.query(`CREATE SCHEMA ${schema}`);
          return openPostgresStore(url.toString());
        },
        cleanup: async () => {
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
          await admin.end();
        },
      };
    },
  ],
];

for (const [name, available, make] of backends) {
  describe.skipIf(!available)(`store (${name})`, () => {
    let backend: Backend;
    let store: Store;
    // Names of their own in every test: a server that ignores the schema option still isolates them.
    let doc: string, other: string, alice: string, bob: string, carol: string;

    async function fresh() {
      backend = make();
      store = await backend.open();
      const id = randomBytes(4).toString('hex');
      [doc, other] = [`ws:${crypto.randomUUID()}`, `ws:${crypto.randomUUID()}`];
      [alice, bob, carol] = [`alice-${id}`, `bob-${id}`, `carol-${id}`];
    }
    afterEach(async () => {
      await store.close();
      await backend.cleanup();
    });

    it('keeps users and their roles per document', async () => {
      await fresh();
      expect(await store.addUser(bob)).toBe(true);
      expect(await store.addUser(alice)).toBe(true);
      expect(await store.addUser(alice)).toBe(false);
      expect((await store.listUsers()).filter((u) => u.endsWith(alice.slice(5)))).toEqual([alice, bob]);
      expect(await store.hasUser(carol)).toBe(false);
      await expect(store.grant(carol, doc, 'viewer')).rejects.toBeInstanceOf(UnknownUserError);

      await store.grant(alice, doc, 'owner');
      await store.grant(bob, doc, 'viewer');
      await store.grant(bob, other, 'editor');
      expect(await store.roleOf(alice, doc)).toBe('owner');
      expect(await store.roleOf(alice, other)).toBe(null);
      expect(await store.listMembers(doc)).toEqual([
        { user: alice, doc, role: 'owner' },
        { user: bob, doc, role: 'viewer' },
      ]);
      expect(
        (await store.listMembers())
          .filter((m) => m.user === bob)
          .map((m) => m.role)
          .sort(),
      ).toEqual(['editor', 'viewer']);
    });

    it('records each change of access (which concerns a live connection or a member list), in order', async () => {
      await fresh();
      await store.addUser(alice);
      await store.addUser(bob);
      const before = await store.lastChange();
      await store.grant(alice, doc, 'editor'); // first grant: the members' list changed
      const start = await store.lastChange();
      expect(start).toBeGreaterThan(before);
      expect((await store.changesSince(before)).map(({ user, doc }) => [user, doc])).toEqual([[alice, doc]]);
      await store.grant(alice, doc, 'editor'); // no change
      expect(await store.lastChange()).toBe(start);
      await store.grant(alice, doc, 'viewer');
      expect(await store.revoke(alice, doc)).toBe(true);
      expect(await store.revoke(alice, doc)).toBe(false);
      await store.grant(bob, other, 'owner');
      expect(await store.removeUser(bob)).toBe(true);
      expect(await store.removeUser(bob)).toBe(false);
      const changes = await store.changesSince(start);
      expect(changes.map(({ user, doc }) => [user, doc])).toEqual([
        [alice, doc],
        [alice, doc],
        [bob, other],
        [bob, null],
      ]);
      expect(changes.map((c) => c.seq)).toEqual([...changes.map((c) => c.seq)].sort((a, b) => a - b));
      expect(await store.lastChange()).toBe(changes.at(-1)!.seq);
      expect(await store.changesSince(changes.at(-1)!.seq)).toEqual([]);
      expect(await store.roleOf(bob, other)).toBe(null);
    });

    it('stores and fetches a document state, the last one winning', async () => {
      await fresh();
      expect(await store.fetchDocument(doc)).toBe(null);
      await store.storeDocument(doc, new Uint8Array([1, 2, 3]));
      await store.storeDocument(doc, new Uint8Array([4, 5]));
      await store.storeDocument(other, new Uint8Array(70_000).fill(7));
      expect([...((await store.fetchDocument(doc)) ?? [])]).toEqual([4, 5]);
      expect((await store.fetchDocument(other))?.byteLength).toBe(70_000);
    });
  });
}
