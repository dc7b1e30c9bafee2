/**
 * Accounts and memberships of the sharing server, on the same store and secret as the server
 * (same environment: DATA_DIR, DATABASE_URL, SHARING_SECRET). See docs/sharing.md.
 *
 *   node --experimental-strip-types server/cli.ts add-user <user>
 *   node --experimental-strip-types server/cli.ts remove-user <user>
 *   node --experimental-strip-types server/cli.ts grant <user> <doc> <owner|editor|viewer>
 *   node --experimental-strip-types server/cli.ts revoke <user> <doc>
 *   node --experimental-strip-types server/cli.ts token <user> [--ttl <seconds>]
 *   node --experimental-strip-types server/cli.ts users | members [<doc>]
 *   node --experimental-strip-types server/cli.ts backup <new-file>
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { settingsFromEnv } from './config.ts';
import { isDocName, isRole, isUserName, ROLES } from './names.ts';
import { openStore, type Store } from './store.ts';
import { DEFAULT_TOKEN_TTL_S, issueToken, loadSecret, MAX_TOKEN_TTL_S } from './tokens.ts';

const USAGE = `usage: cli.ts <command> …
  add-user <user>                      create an account (lower-case letters, digits, . _ - @ +)
  remove-user <user>                   delete it and its memberships; its live connections close
  grant <user> <doc> <role>            role: ${ROLES.join(' | ')}; doc: ws:<uuid> (new-doc makes one)
  revoke <user> <doc>                  its live connections to the document close within a second
  token <user> [--ttl <seconds>]       a signed token (default ${DEFAULT_TOKEN_TTL_S} s, at most ${MAX_TOKEN_TTL_S} s)
  new-doc                              print a fresh document name
  users                                list the accounts
  members [<doc>]                      list the memberships
  backup <new-file>                    copy the SQLite store while the server runs (Postgres: pg_dump)`;

class UsageError extends Error {}

function need<T extends string>(value: string | undefined, ok: (v: string) => v is T, what: string): T {
  if (value === undefined || !ok(value))
    throw new UsageError(`not a valid ${what}: ${JSON.stringify(value ?? '')}`);
  return value;
}

async function run(args: string[], out: (line: string) => void): Promise<void> {
  const [command, ...rest] = args;
  if (command === 'new-doc') return out(`ws:${randomUUID()}`);
  if (command === 'token') {
    const user = need(rest[0], isUserName, 'user name');
    let ttl = DEFAULT_TOKEN_TTL_S;
    if (rest[1] !== undefined) {
      if (rest[1] !== '--ttl' || rest.length !== 3) throw new UsageError(USAGE);
      ttl = Number(rest[2]);
      if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_TOKEN_TTL_S)
        throw new UsageError(`--ttl must be 1..${MAX_TOKEN_TTL_S} seconds`);
    }
    const settings = settingsFromEnv();
    const secret = loadSecret(settings.secretEnv, settings.secretFile);
    await withStore(async (store) => {
      if (!(await store.hasUser(user))) throw new UsageError(`no such user: ${user}`);
    });
    return out(issueToken(secret, user, ttl));
  }
  await withStore(async (store) => {
    switch (command) {
      case 'add-user': {
        const user = need(rest[0], isUserName, 'user name');
        if (!(await store.addUser(user))) throw new UsageError(`user exists: ${user}`);
        return out(`added ${user}`);
      }
      case 'remove-user': {
        const user = need(rest[0], isUserName, 'user name');
        if (!(await store.removeUser(user))) throw new UsageError(`no such user: ${user}`);
        return out(`removed ${user}`);
      }
      case 'grant': {
        const user = need(rest[0], isUserName, 'user name');
        const doc = need(rest[1], isDocName, 'document name (ws:<uuid>)');
        const role = need(rest[2], isRole, `role (${ROLES.join(', ')})`);
        if (!(await store.hasUser(user))) throw new UsageError(`no such user: ${user}`);
        await store.grant(user, doc, role);
        return out(`${user} is ${role} of ${doc}`);
      }
      case 'revoke': {
        const user = need(rest[0], isUserName, 'user name');
        const doc = need(rest[1], isDocName, 'document name (ws:<uuid>)');
        if (!(await store.revoke(user, doc))) throw new UsageError(`${user} is no member of ${doc}`);
        return out(`revoked ${user} from ${doc}`);
      }
      case 'users':
        return (await store.listUsers()).forEach((u) => out(u));
      case 'members': {
        const doc = rest[0] === undefined ? undefined : need(rest[0], isDocName, 'document name (ws:<uuid>)');
        return (await store.listMembers(doc)).forEach((m) => out(`${m.doc}\t${m.user}\t${m.role}`));
      }
      case 'backup': {
        const file = rest[0];
        if (!file || rest.length !== 1) throw new UsageError(USAGE);
        if (existsSync(file)) throw new UsageError(`exists already: ${file}`);
        await store.backup(file);
        return out(`backed up to ${file}`);
      }
      default:
        throw new UsageError(USAGE);
    }
  });
}

async function withStore(use: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(settingsFromEnv().store);
  try {
    await use(store);
  } finally {
    await store.close();
  }
}

try {
  await run(process.argv.slice(2), (line) => console.log(line));
} catch (e) {
  console.error(e instanceof UsageError ? e.message : e);
  process.exitCode = e instanceof UsageError ? 2 : 1;
}
