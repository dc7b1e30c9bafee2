/** The default store: one SQLite file through Node's built-in `node:sqlite` (no native module to build). */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Role } from './names.ts';
import { UnknownUserError, type AccessChange, type Member, type Store } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  name TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS members (
  user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  doc TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  PRIMARY KEY (user, doc)
);
CREATE INDEX IF NOT EXISTS members_by_doc ON members (doc);
CREATE TABLE IF NOT EXISTS access_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  user TEXT NOT NULL,
  doc TEXT,
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
  name TEXT PRIMARY KEY,
  state BLOB NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  // WAL: the CLI writes memberships while the server reads and writes documents.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
  db.exec(SCHEMA);

  const q = {
    addUser: db.prepare('INSERT INTO users (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'),
    removeUser: db.prepare('DELETE FROM users WHERE name = ?'),
    hasUser: db.prepare('SELECT 1 AS x FROM users WHERE name = ?'),
    listUsers: db.prepare('SELECT name FROM users ORDER BY name'),
    roleOf: db.prepare('SELECT role FROM members WHERE user = ? AND doc = ?'),
    upsertMember: db.prepare(
      'INSERT INTO members (user, doc, role) VALUES (?, ?, ?) ON CONFLICT (user, doc) DO UPDATE SET role = excluded.role',
    ),
    deleteMember: db.prepare('DELETE FROM members WHERE user = ? AND doc = ?'),
    membersOf: db.prepare('SELECT user, doc, role FROM members WHERE doc = ? ORDER BY user'),
    allMembers: db.prepare('SELECT user, doc, role FROM members ORDER BY doc, user'),
    change: db.prepare('INSERT INTO access_changes (user, doc, at) VALUES (?, ?, ?)'),
    changesSince: db.prepare('SELECT seq, user, doc FROM access_changes WHERE seq > ? ORDER BY seq'),
    lastChange: db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM access_changes'),
    fetchDoc: db.prepare('SELECT state FROM documents WHERE name = ?'),
    storeDoc: db.prepare(
      'INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
    ),
  };

  function tx<T>(run: () => T): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const out = run();
      db.exec('COMMIT');
      return out;
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  }

  const roleOf = (user: string, doc: string) =>
    ((q.roleOf.get(user, doc) as { role: Role } | undefined)?.role ?? null) satisfies Role | null;

  return {
    addUser: (user) => settle(() => q.addUser.run(user, Date.now()).changes > 0),
    removeUser: (user) =>
      settle(() =>
        tx(() => {
          const gone = q.removeUser.run(user).changes > 0;
          if (gone) q.change.run(user, null, Date.now());
          return gone;
        }),
      ),
    hasUser: (user) => settle(() => q.hasUser.get(user) !== undefined),
    listUsers: () => settle(() => (q.listUsers.all() as { name: string }[]).map((r) => r.name)),
    grant: (user, doc, role) =>
      settle(() =>
        tx(() => {
          if (q.hasUser.get(user) === undefined) throw new UnknownUserError(user);
          const before = roleOf(user, doc);
          if (before === role) return;
          q.upsertMember.run(user, doc, role);
          // The user's live connections to the document close and reconnect with the new role; the
          // members still connected get the new member list (a first grant too).
          q.change.run(user, doc, Date.now());
        }),
      ),
    revoke: (user, doc) =>
      settle(() =>
        tx(() => {
          const gone = q.deleteMember.run(user, doc).changes > 0;
          if (gone) q.change.run(user, doc, Date.now());
          return gone;
        }),
      ),
    roleOf: (user, doc) => settle(() => roleOf(user, doc)),
    listMembers: (doc) =>
      settle(() => (doc === undefined ? q.allMembers.all() : q.membersOf.all(doc)) as unknown as Member[]),
    changesSince: (seq) => settle(() => q.changesSince.all(seq) as unknown as AccessChange[]),
    lastChange: () => settle(() => (q.lastChange.get() as { seq: number }).seq),
    fetchDocument: (doc) =>
      settle(() => {
        const row = q.fetchDoc.get(doc) as { state: Uint8Array } | undefined;
        return row ? new Uint8Array(row.state) : null;
      }),
    storeDocument: (doc, state) =>
      settle(() => {
        q.storeDoc.run(doc, state, Date.now());
      }),
    backup: (file) =>
      settle(() => {
        // VACUUM INTO writes a consistent, compacted copy; it refuses a file that exists.
        db.prepare('VACUUM INTO ?').run(file);
      }),
    close: () =>
      settle(() => {
        if (db.isOpen) db.close();
      }),
  };
}

/** node:sqlite is synchronous: its result, or its exception, as the promise the Store interface wants. */
function settle<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}
