/**
 * Where the server keeps its accounts, memberships and documents: one interface, two back ends
 * (SQLite through Node's built-in `node:sqlite` by default, PostgreSQL through `pg` when
 * `DATABASE_URL=postgres://…`). Names are checked by the callers (names.ts); the store trusts them.
 */
import type { Role } from './names.ts';

export interface Member {
  user: string;
  doc: string;
  role: Role;
}

/**
 * One change of who may open what: the server closes the live connections it concerns and sends the
 * document's other members the new member list.
 */
export interface AccessChange {
  seq: number;
  user: string;
  /** null: every document of the user (the user was removed). */
  doc: string | null;
}

export interface Store {
  /** false when the user already exists. */
  addUser(user: string): Promise<boolean>;
  /** Removes the user and all the user's memberships; false when there was no such user. */
  removeUser(user: string): Promise<boolean>;
  hasUser(user: string): Promise<boolean>;
  listUsers(): Promise<string[]>;
  /**
   * Sets the user's role on the document (the user must exist); records an access change if it
   * changed, a first grant included (the server then sends the members the new list).
   */
  grant(user: string, doc: string, role: Role): Promise<void>;
  /** false when the user had no role there. */
  revoke(user: string, doc: string): Promise<boolean>;
  roleOf(user: string, doc: string): Promise<Role | null>;
  listMembers(doc?: string): Promise<Member[]>;
  /** The access changes after `seq`, oldest first. */
  changesSince(seq: number): Promise<AccessChange[]>;
  /** The newest access change's seq (0 when none). */
  lastChange(): Promise<number>;
  /** The document's stored Yjs state (one update), or null for a document never stored. */
  fetchDocument(doc: string): Promise<Uint8Array | null>;
  storeDocument(doc: string, state: Uint8Array): Promise<void>;
  /** A consistent copy of everything into a new file while the server runs (SQLite; Postgres: pg_dump). */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

export class UnknownUserError extends Error {
  constructor(user: string) {
    super(`no such user: ${user}`);
    this.name = 'UnknownUserError';
  }
}

export interface StoreLocation {
  kind: 'sqlite' | 'postgres';
  /** The SQLite file, or the Postgres connection string. */
  target: string;
}

/**
 * `DATABASE_URL=postgres://…` (or `postgresql://…`) is Postgres; `DATABASE_URL=file:…` or a path is a
 * SQLite file; without it, `sharing.sqlite` in `DATA_DIR`, else in the working directory.
 */
export function storeLocation(env: NodeJS.ProcessEnv, cwd: string): StoreLocation {
  const url = env.DATABASE_URL?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', target: url };
  if (url) return { kind: 'sqlite', target: url.replace(/^(sqlite|file):(\/\/)?/, '') };
  const dir = env.DATA_DIR?.trim() || cwd;
  return { kind: 'sqlite', target: `${dir.replace(/\/+$/, '')}/sharing.sqlite` };
}

export async function openStore(location: StoreLocation): Promise<Store> {
  if (location.kind === 'postgres') {
    const { openPostgresStore } = await import('./store-postgres.ts');
    return openPostgresStore(location.target);
  }
  const { openSqliteStore } = await import('./store-sqlite.ts');
  return openSqliteStore(location.target);
}
