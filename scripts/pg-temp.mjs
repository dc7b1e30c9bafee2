// A throw-away PostgreSQL cluster for the sharing server's Postgres tests: `npm test` starts one
// before the unit step when TEST_DATABASE_URL is unset and Debian's `postgresql` is installed
// (`.ci/run` installs it), and removes it afterwards. Loopback only, a free port, trust auth for
// the local user, data in a temporary folder. As root (CI), the cluster runs as the `postgres` user,
// because `initdb` refuses root.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';

/** Directory of Debian's newest PostgreSQL binaries (or of `initdb` on PATH), or null. */
export function findPgBin() {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin/initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(debian, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const path = which.status === 0 ? which.stdout.trim() : '';
  return path ? path.slice(0, path.lastIndexOf('/')) : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster; resolves to `{ url, stop }`, or to null (with the reason printed) when no
 * PostgreSQL is installed or it would not start: the Postgres tests then skip, as they do anywhere
 * without one.
 */
export async function startTempPostgres(log = console.log) {
  const bin = findPgBin();
  if (!bin) {
    log("(no PostgreSQL installed: the sharing server's Postgres tests will be skipped)");
    return null;
  }
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postgres' : os.userInfo().username;
  const dir = mkdtempSync(join(os.tmpdir(), 'guanghe-pg-'));
  const data = join(dir, 'data');
  // The cluster's owner must be able to write the folder (0700 would keep `postgres` out as root).
  chmodSync(dir, 0o777);
  const as = (cmd, args) =>
    asRoot
      ? spawnSync('runuser', ['-u', user, '--', join(bin, cmd), ...args], { encoding: 'utf8' })
      : spawnSync(join(bin, cmd), args, { encoding: 'utf8' });
  const port = await freePort();
  const steps = [
    ['initdb', ['-D', data, '-A', 'trust', '-U', user, '-E', 'UTF8', '--no-sync']],
    [
      'pg_ctl',
      [
        '-D',
        data,
        '-l',
        join(dir, 'log'),
        '-w',
        '-t',
        '30',
        '-o',
        `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off`,
        'start',
      ],
    ],
  ];
  for (const [cmd, args] of steps) {
    const r = as(cmd, args);
    if (r.status !== 0) {
      log(`(PostgreSQL did not start, ${cmd}: ${(r.stderr || r.stdout || r.error?.message || '').trim()})`);
      rmSync(dir, { recursive: true, force: true });
      return null;
    }
  }
  const url = `postgres://${user}@127.0.0.1:${port}/postgres`;
  log(`(a temporary PostgreSQL answers on 127.0.0.1:${port} for the sharing server's Postgres tests)`);
  return {
    url,
    stop() {
      as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
