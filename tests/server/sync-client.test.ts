/**
 * The extension's shared-workspace document (utils/sync) over the real sharing server: what one
 * member writes reaches another, and what the server stores holds no phone data in any form.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../server/config.ts';
import { readDoc, writeChange } from '../../utils/sync/doc.ts';
import { documentName } from '../../utils/sync/invite-code.ts';
import { deriveWorkspaceKeys, newWorkspaceSecret, sharedPhoneHash } from '../../utils/sync/keys.ts';
import { projectWorkspace } from '../../utils/sync/project.ts';
import { account, binding, step, workspace, WS } from '../unit/sync/fixtures.ts';
import { connect, reachablePostgres, startHarness, storedDoc, waitFor, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.dispose();
});

/** Resolves once `doc` projects to a ledger for which `ok` holds (checked on every update). */
function until(
  doc: Y.Doc,
  keys: Awaited<ReturnType<typeof deriveWorkspaceKeys>>,
  ok: (p: ReturnType<typeof projectWorkspace>) => boolean,
) {
  return waitFor<ReturnType<typeof projectWorkspace>>(
    'the projection',
    (done) => {
      const check = () => {
        void readDoc(doc, keys, WS).then((content) => {
          const p = projectWorkspace(content);
          if (!ok(p)) return;
          doc.off('update', check);
          done(p);
        });
      };
      doc.on('update', check);
      check();
    },
    2000,
  );
}

const PG_URL = await reachablePostgres();

/** Every byte the server's database holds, as text (SQLite: its files; Postgres: its tables in a schema of its own). */
interface Backend {
  name: string;
  settings(): Promise<Partial<Settings>>;
  raw(h: Harness): Promise<string>;
  cleanup(): Promise<void>;
}
const sqlite: Backend = {
  name: 'SQLite',
  settings: () => Promise.resolve({}),
  raw: (h) => {
    const file = h.settings.store.target;
    const bytes = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f));
    return Promise.resolve(bytes.map((b) => b.toString('latin1') + b.toString('utf8')).join('\n'));
  },
  cleanup: () => Promise.resolve(),
};
function postgres(url: string): Backend {
  const schema = `sync_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  return {
    name: 'PostgreSQL',
    async settings() {
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const scoped = new URL(url);
      scoped.searchParams.set('options', `-c search_path=${schema}`);
      return { store: { kind: 'postgres', target: scoped.toString() } };
    },
    async raw() {
      const out: string[] = [];
      for (const table of ['users', 'members', 'access_changes', 'documents']) {
        const r = await admin.query<Record<string, unknown>>(`SELECT * FROM ${schema}.${table}`);
        for (const row of r.rows)
          for (const v of Object.values(row))
            out.push(Buffer.isBuffer(v) ? v.toString('latin1') + v.toString('utf8') : String(v));
      }
      return out.join('\n');
    },
    async cleanup() {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
const backends = [sqlite, ...(PG_URL ? [postgres(PG_URL)] : [])];

describe.each(backends)('a shared workspace over the sharing server ($name)', (backend) => {
  afterEach(() => backend.cleanup());
  it('an invite recorded by one member is in the other member’s ledger within 2 s; the server’s database holds no phone data', async () => {
    h = await startHarness(await backend.settings());
    const name = documentName(WS);
    const secret = newWorkspaceSecret();
    const [ka, kb] = await Promise.all([deriveWorkspaceKeys(secret, WS), deriveWorkspaceKeys(secret, WS)]);
    const a = connect(h, name, await h.member('alice', name, 'owner'));
    const b = connect(h, name, await h.member('bob', name, 'editor'));
    expect(await a.auth).toBe(true);
    expect(await b.auth).toBe(true);

    const main = account({ guangguangId: '2210000002', role: 'main', nickname: '小林的杂货铺' });
    const x = account({
      guangguangId: '3310000001',
      phoneMask: '138****8000',
      phoneHash: await sharedPhoneHash(ka, '13800138000'),
    });
    const bx = binding(main.id, x.id, 'pending', 10);
    await writeChange(a.doc, ka, 'alice', {
      workspace: workspace(main.id),
      accounts: [main, x],
      bindings: [bx],
      events: [step(bx, null, 'pending', 10)],
    });
    const seen = await until(b.doc, kb, (p) => p.bindings.some((r) => r.id === bx.id));
    expect(seen.bindings.find((r) => r.id === bx.id)?.state).toBe('pending');
    expect(seen.accounts.find((r) => r.id === x.id)?.phoneMask).toBe('138****8000');
    // Bob's hash of the same number matches Alice's: same workspace key.
    expect(seen.accounts.find((r) => r.id === x.id)?.phoneHash).toBe(
      await sharedPhoneHash(kb, '13800138000'),
    );
    expect(seen.events[0]!.author).toBe('alice');

    await a.saved();
    await h.restart();
    const stored = Y.encodeStateAsUpdate(await storedDoc(h.admin, name));
    expect(stored.length).toBeGreaterThan(0);
    const text = await backend.raw(h);
    // The check can see: the document is in what it read, by its name and its sealed values.
    expect(text).toContain(name);
    expect(text).toContain('s1.');
    for (const secretText of ['13800138000', '138****8000', x.phoneHash!, '3310000001', '小林', 'pending'])
      expect(text, secretText).not.toContain(secretText);
    // What the server stored opens for a member, with the key from the invite code only.
    const fromServer = projectWorkspace(await readDoc(await storedDoc(h.admin, name), kb, WS));
    expect(fromServer.bindings.map((r) => r.id)).toEqual([bx.id]);
  });
});
