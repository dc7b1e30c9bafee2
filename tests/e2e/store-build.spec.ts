/**
 * Test hooks stay out of the store packages. `npm run zip` (no flag) must give Chrome and Firefox
 * zips in which no file mentions a hook, while a test build (`GUANGHE_TEST_HOOKS=1`, what the e2e
 * suite runs on) has them: if wxt.config.ts ignored the flag either way, one of the two fails.
 * Builds into temporary folders (`GUANGHE_OUT_DIR`), so `.output` (the build under test) is untouched.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { readZip } from './zip';

const ROOT = resolve(import.meta.dirname, '../..');
/** What a hook leaves in a bundle: its storage key, its error text, the flag's name. */
const MARKERS = ['debug:faults', 'debug:grants', 'injected fault', 'GUANGHE_TEST_HOOKS'] as const;

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let tmp = '';
test.beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'guanghe-store-build-'));
});
test.afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** `npm run <script>` from the project root, with the flag unset unless given. */
function npmRun(script: string, env: Record<string, string>) {
  const { GUANGHE_TEST_HOOKS: _inherited, GUANGHE_OUT_DIR: _out, ...rest } = process.env;
  void _inherited;
  void _out;
  const r = spawnSync('npm', ['run', script], { cwd: ROOT, encoding: 'utf8', env: { ...rest, ...env } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function markersIn(files: Iterable<[string, Buffer]>): string[] {
  const hits: string[] = [];
  for (const [name, data] of files) for (const m of MARKERS) if (data.includes(m)) hits.push(`${name}: ${m}`);
  return hits;
}

function filesUnder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

test('npm run zip: the Chrome and Firefox store zips contain no test hook', () => {
  const outDir = join(tmp, 'store');
  const r = npmRun('zip', { GUANGHE_OUT_DIR: outDir });
  expect(r.status, r.out.slice(-3000)).toBe(0);
  const zips = readdirSync(outDir).filter((f) => f.endsWith('.zip'));
  for (const [browser, dir] of [
    ['chrome', 'chrome-mv3'],
    ['firefox', 'firefox-mv3'],
  ] as const) {
    // The Firefox sources zip (for Mozilla's reviewers) is the source tree, hooks' source included.
    const names = zips.filter((f) => f.endsWith(`-${browser}.zip`));
    expect(names, `one ${browser} zip in ${zips.join(', ')}`).toHaveLength(1);
    const files = readZip(readFileSync(join(outDir, names[0]!)));
    // The zip is the build folder, file for file: what is checked below is everything that ships.
    const built = filesUnder(join(outDir, dir));
    expect([...files.keys()].sort()).toEqual([...built.keys()].sort());
    for (const [name, data] of files) expect(data.equals(built.get(name)!), name).toBe(true);
    expect(files.has('manifest.json') && files.has('background.js')).toBe(true);
    expect(markersIn(files), `test hooks in the ${browser} store zip`).toEqual([]);
  }
});

test('a test build (GUANGHE_TEST_HOOKS=1) has the hooks, so the check above can fail', () => {
  const outDir = join(tmp, 'test');
  for (const script of ['build', 'build:firefox']) {
    const r = npmRun(script, { GUANGHE_OUT_DIR: outDir, GUANGHE_TEST_HOOKS: '1' });
    expect(r.status, r.out.slice(-3000)).toBe(0);
  }
  for (const dir of ['chrome-mv3', 'firefox-mv3']) {
    const hits = markersIn(filesUnder(join(outDir, dir)));
    expect(hits, dir).toContain('background.js: debug:faults');
    expect(hits, dir).toContain('background.js: injected fault');
    expect(hits, dir).toContain('background.js: debug:grants');
  }
});

test('zipping a test build is refused', () => {
  const outDir = join(tmp, 'refused');
  const r = npmRun('zip', { GUANGHE_OUT_DIR: outDir, GUANGHE_TEST_HOOKS: '1' });
  expect(r.status).not.toBe(0);
  expect(r.out).toContain('refusing to zip');
  expect(existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.zip')) : []).toEqual([]);
});
