/** The production store: PostgreSQL through the pure-JS `pg` client (`DATABASE_URL=postgres://…`). */
import pg from 'pg';
import type { Role } from './names.ts';
import { UnknownUserError, type AccessChange, type Member, type Store } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  name TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS members (
  "user" TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  doc TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  PRIMARY KEY ("user", doc)
);
CREATE INDEX IF NOT EXISTS members_by_doc ON members (doc);
CREATE TABLE IF NOT EXISTS access_changes (
  seq BIGSERIAL PRIMARY KEY,
  "user" TEXT NOT NULL,
  doc TEXT,
  at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
  name TEXT PRIMARY KEY,
  state BYTEA NOT NULL,
  updated_at BIGINT NOT NULL
);
`;

export async function openPostgresStore(connectionString: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString, max: 5 });
  // Several instances may start at once: one creates the schema, the others wait for it.
  const boot = await pool.connect();
  try {
    await boot.query('SELECT pg_advisory_lock(716151)');
    await boot.query(SCHEMA);
    await boot.query('SELECT pg_advisory_unlock(716151)');
  } finally {
    boot.release();
  }

  async function tx<T>(run: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const out = await run(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    } finally {
      c.release();
    }
  }

  const roleOf = async (c: pg.Pool | pg.PoolClient, user: string, doc: string) => {
    const r = await c.query<{ role: Role }>('SELECT role FROM members WHERE "user" = $1 AND doc = $2', [
      user,
      doc,
    ]);
    return r.rows[0]?.role ?? null;
  };

  return {
    addUser: async (user) =>
      ((
        await pool.query(
          'INSERT INTO users (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
          [user, Date.now()],
        )
      ).rowCount ?? 0) > 0,
    removeUser: (user) =>
      tx(async (c) => {
        const gone = ((await c.query('DELETE FROM users WHERE name = $1', [user])).rowCount ?? 0) > 0;
        if (gone)
          await c.query('INSERT INTO access_changes ("user", doc, at) VALUES ($1, NULL, $2)', [
            user,
            Date.now(),
          ]);
        return gone;
      }),
    hasUser: async (user) =>
      ((await pool.query('SELECT 1 FROM users WHERE name = $1', [user])).rowCount ?? 0) > 0,
    listUsers: async () =>
      (await pool.query<{ name: string }>('SELECT name FROM users ORDER BY name')).rows.map((r) => r.name),
    grant: (user, doc, role) =>
      tx(async (c) => {
        if (((await c.query('SELECT 1 FROM users WHERE name = $1 FOR UPDATE', [user])).rowCount ?? 0) === 0)
          throw new UnknownUserError(user);
        const before = await roleOf(c, user, doc);
        if (before === role) return;
        await c.query(
          'INSERT INTO members ("user", doc, role) VALUES ($1, $2, $3) ON CONFLICT ("user", doc) DO UPDATE SET role = excluded.role',
          [user, doc, role],
        );
        // As in SQLite: any change, a first grant too (the others get the new member list).
        await c.query('INSERT INTO access_changes ("user", doc, at) VALUES ($1, $2, $3)', [
          user,
          doc,
          Date.now(),
        ]);
      }),
    revoke: (user, doc) =>
      tx(async (c) => {
        const gone =
          ((await c.query('DELETE FROM members WHERE "user" = $1 AND doc = $2', [user, doc])).rowCount ?? 0) >
          0;
        if (gone)
          await c.query('INSERT INTO access_changes ("user", doc, at) VALUES ($1, $2, $3)', [
            user,
            doc,
            Date.now(),
          ]);
        return gone;
      }),
    roleOf: (user, doc) => roleOf(pool, user, doc),
    listMembers: async (doc) =>
      (doc === undefined
        ? await pool.query<Member>('SELECT "user", doc, role FROM members ORDER BY doc, "user"')
        : await pool.query<Member>('SELECT "user", doc, role FROM members WHERE doc = $1 ORDER BY "user"', [
            doc,
          ])
      ).rows,
    changesSince: async (seq) =>
      (
        await pool.query<{ seq: string; user: string; doc: string | null }>(
          'SELECT seq, "user", doc FROM access_changes WHERE seq > $1 ORDER BY seq',
          [seq],
        )
      ).rows.map((r): AccessChange => ({ seq: Number(r.seq), user: r.user, doc: r.doc })),
    lastChange: async () =>
      Number(
        (await pool.query<{ seq: string }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM access_changes')).rows[0]
          ?.seq ?? 0,
      ),
    fetchDocument: async (doc) => {
      const r = await pool.query<{ state: Buffer }>('SELECT state FROM documents WHERE name = $1', [doc]);
      const state = r.rows[0]?.state;
      return state ? new Uint8Array(state) : null;
    },
    storeDocument: async (doc, state) => {
      await pool.query(
        'INSERT INTO documents (name, state, updated_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
        [doc, Buffer.from(state), Date.now()],
      );
    },
    backup: () => Promise.reject(new Error('a Postgres store is backed up with pg_dump (docs/sharing.md)')),
    close: () => pool.end(),
  };
}
