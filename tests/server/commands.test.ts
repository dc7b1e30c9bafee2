/**
 * The two commands an agency runs: `npm run server` (its script, as package.json spells it, on a
 * random port) and the CLI (server/cli.ts), each a real process on a temp DATA_DIR.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store-sqlite.ts';
import { issueToken, loadSecret, verifyToken } from '../../server/tokens.ts';
import { connect, ORIGIN, storedDoc, waitFor, WAIT_MS, type Harness } from './harness.ts';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'sharing-cmd-'));
  dirs.push(d);
  return d;
}
/** A package.json script as argv, `node` being this Node. */
function scriptArgs(name: string): string[] {
  const [cmd, ...args] = pkg.scripts[name]!.split(' ');
  expect(cmd).toBe('node');
  return args;
}

describe('npm run server', () => {
  it('starts on SQLite in DATA_DIR with one command, serves, and stores everything on SIGTERM', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, scriptArgs('server'), {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        DATA_DIR: dir,
        DATABASE_URL: '',
        SHARING_SECRET: '',
        ALLOWED_ORIGINS: ORIGIN,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      let out = '';
      const url = await waitFor<string>('the start line', (done) =>
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /sharing server on (ws:\/\/127\.0\.0\.1:\d+) \(sqlite: (.*)\)/.exec(out);
          if (m) done(m[1]!);
        }),
      );
      expect(out).toContain(join(dir, 'sharing.sqlite'));
      const admin = openSqliteStore(join(dir, 'sharing.sqlite'));
      const doc = `ws:${crypto.randomUUID()}`;
      await admin.addUser('alice');
      await admin.grant('alice', doc, 'editor');
      const token = issueToken(loadSecret(undefined, join(dir, 'sharing-secret.key')), 'alice');
      const client = connect({ server: { url } } as Harness, doc, token);
      expect(await client.auth).toBe(true);
      client.doc.getMap('ledger').set('written', true);
      await client.saved();

      child.kill('SIGTERM');
      expect(await waitFor('the server to exit', (done) => void exited.then(done))).toBe(0);
      client.destroy();
      expect((await storedDoc(admin, doc)).getMap('ledger').get('written')).toBe(true);
      await admin.close();
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('server/cli.ts', () => {
  const run = (dir: string, ...args: string[]) =>
    promisify(execFile)(process.execPath, [...scriptArgs('server:cli'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', SHARING_SECRET: '' },
      timeout: WAIT_MS,
    }).then(
      ({ stdout }) => ({ code: 0, out: stdout.trim() }),
      (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr.trim() }),
    );

  it('adds users, grants and revokes roles, and issues tokens the server accepts', async () => {
    const dir = tempDir();
    const doc = (await run(dir, 'new-doc')).out;
    expect(doc).toMatch(/^ws:[0-9a-f-]{36}$/);
    expect(await run(dir, 'add-user', 'alice')).toEqual({ code: 0, out: 'added alice' });
    expect((await run(dir, 'add-user', 'alice')).code).toBe(2);
    expect(await run(dir, 'grant', 'alice', doc, 'viewer')).toEqual({
      code: 0,
      out: `alice is viewer of ${doc}`,
    });
    expect((await run(dir, 'grant', 'alice', 'ws:forged', 'viewer')).code).toBe(2);
    expect((await run(dir, 'grant', 'alice', doc, 'admin')).code).toBe(2);
    expect((await run(dir, 'grant', 'nobody', doc, 'viewer')).code).toBe(2);
    expect((await run(dir, 'members', doc)).out).toBe(`${doc}\talice\tviewer`);

    const { code, out: token } = await run(dir, 'token', 'alice', '--ttl', '120');
    expect(code).toBe(0);
    const check = verifyToken(loadSecret(undefined, join(dir, 'sharing-secret.key')), token);
    expect(check.ok && check.claims.sub === 'alice' && check.claims.exp - check.claims.iat === 120).toBe(
      true,
    );
    expect((await run(dir, 'token', 'nobody')).code).toBe(2);

    const copy = join(dir, 'backup.sqlite');
    expect(await run(dir, 'backup', copy)).toEqual({ code: 0, out: `backed up to ${copy}` });
    expect((await run(dir, 'backup', copy)).code).toBe(2);
    const restored = openSqliteStore(copy);
    expect(await restored.roleOf('alice', doc)).toBe('viewer');
    await restored.close();

    expect(await run(dir, 'revoke', 'alice', doc)).toEqual({ code: 0, out: `revoked alice from ${doc}` });
    expect((await run(dir, 'members')).out).toBe('');
    expect((await run(dir, 'frobnicate')).out).toMatch(/^usage:/);
  });
});
