#!/usr/bin/env node
// `npm run bench`: builds the extension, measures every figure of bench/README.md side by side with
// its baseline, prints a table, writes bench/results.json (bench/results.quick.json with --quick)
// and exits non-zero naming each broken budget.
//
//   node scripts/bench.mjs            full run (~18 min on 2 cores)
//   node scripts/bench.mjs --quick    same code paths, fewer iterations (< 2 min)
//   options: --no-build (use the existing .output/chrome-mv3),
//            --only=sizes,pending,pending-growth,import,check,page-load,submit-check,panel,
//                   roster-capture,roster-panel,panel-floor,panel-heap,worker-heap,sharing
//            (`ledger` = pending,pending-growth,import,check)
// The sharing phase (issue 16, bench/sharing) runs the extension's sync code in Node (Vitest) against
// the sync server as a child process; it needs no build of the extension.
// The page-load phase also draws bench/page-load.svg, the pending-growth phase bench/pending-growth.svg
// (*.quick.svg with --quick).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { findChrome, HOW_TO_GET_ONE } from './find-chrome.mjs';
import { gzipBytes, panelStartupJs } from './panel-js.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const NO_BUILD = args.includes('--no-build');
/** Phases run in the bundled IndexedDB page (bench/idb); `ledger` selects them all. */
const IDB_PHASES = ['pending', 'pending-growth', 'import', 'check'];
const ONLY = (args.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? '')
  .split(',')
  .filter(Boolean)
  .flatMap((p) => (p === 'ledger' ? IDB_PHASES : [p]));
const BROWSER_PHASES = [
  ...IDB_PHASES,
  'page-load',
  'submit-check',
  'panel',
  'roster-capture',
  'roster-panel',
  'panel-floor',
  'panel-heap',
  'worker-heap',
];
const wants = (phase) => ONLY.length === 0 || ONLY.includes(phase);
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const KB = 1024;

const started = Date.now();
function git(argv) {
  try {
    return execFileSync('git', argv, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}
const source = {
  commit: git(['rev-parse', 'HEAD']),
  /** Tracked files with uncommitted changes when the run started (the build includes them). */
  modifiedFiles: (git(['status', '--porcelain']) ?? '').split('\n').filter((l) => l && !l.startsWith('??'))
    .length,
};
const loadStart = os.loadavg();
const log = (msg) => console.log(`[bench] ${msg}`);

const chrome = findChrome();
if (!chrome) {
  console.error(HOW_TO_GET_ONE);
  process.exit(1);
}

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: opts.inherit ? 'inherit' : 'pipe',
    env: { ...process.env, ...opts.env },
  });
  if (r.status !== 0 && !opts.allowFail) {
    if (!opts.inherit) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    throw new Error(`${cmd} ${argv.join(' ')} exited with ${r.status}`);
  }
  return r;
}

// ------------------------------------------------------------------ build

const work = mkdtempSync(join(os.tmpdir(), 'guanghe-bench-'));
const extDir = join(work, 'chrome-mv3');
const idbDir = join(work, 'idb');
const outDir = join(work, 'out');
let buildSeconds = 0;
// The IndexedDB phases run in their own bundled page: the extension is built only when a phase needs it.
const NEEDS_EXTENSION = [
  'sizes',
  'page-load',
  'submit-check',
  'panel',
  'roster-capture',
  'roster-panel',
  'panel-floor',
  'panel-heap',
  'worker-heap',
].some(wants);
if (NEEDS_EXTENSION && !NO_BUILD) {
  log('building the extension: npx wxt build');
  const t0 = Date.now();
  run(NPX, ['wxt', 'build']);
  buildSeconds = (Date.now() - t0) / 1000;
}
const built = join(ROOT, '.output/chrome-mv3');
if (NEEDS_EXTENSION) {
  if (!existsSync(join(built, 'manifest.json'))) {
    console.error('No built extension at .output/chrome-mv3 (run without --no-build).');
    process.exit(1);
  }
  // A private copy: other builds in the same checkout cannot change it under the running browsers.
  cpSync(built, extDir, { recursive: true });
}
if (wants('panel-floor')) {
  // The in-memory floor of the panel's first render (bench/panel): written into the private copy only,
  // so no build of the extension ever contains it.
  log('bundling bench/panel into the copy of the extension: npx vite build');
  run(
    NPX,
    ['vite', 'build', '--config', 'bench/panel/vite.config.ts', '--outDir', join(extDir, 'bench-panel')],
    {
      env: { VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
}

// ------------------------------------------------------------------ sizes (no browser)

const gz = gzipBytes;

const figures = [];
const errors = [];
const phaseSeconds = {};
if (wants('sizes')) {
  const cs = join(extDir, 'content-scripts/guanghe.js');
  const csGzip = gz(cs);
  figures.push({
    id: 'size.content-script',
    name: 'content script, gzip (content-scripts/guanghe.js)',
    value: csGzip / KB,
    unit: 'KB',
    derived: 'gzip -9 of the built file; 1 KB = 1,024 bytes',
    budget: { op: '<=', limit: 8 },
    subject: null,
    baseline: null,
    note: `${csGzip.toLocaleString('en')} bytes gzip, ${readFileSync(cs).length.toLocaleString('en')} bytes raw`,
  });
  const js = panelStartupJs(extDir);
  const total = js.reduce((n, f) => n + f.gzip, 0);
  figures.push({
    id: 'size.panel-js',
    name: 'side panel initial JavaScript, gzip',
    value: total / KB,
    unit: 'KB',
    derived:
      'sum of gzip -9 sizes of the scripts sidepanel.html loads (script src, modulepreload) and their static imports; lazy import() chunks excluded',
    budget: { op: '<=', limit: 120 },
    subject: null,
    baseline: null,
    note: js
      .map((f) => `${f.file} ${(f.gzip / KB).toFixed(1)} KB gz / ${(f.bytes / KB).toFixed(1)} KB`)
      .join('; '),
  });
}

// ------------------------------------------------------------------ browser phases

const phases = BROWSER_PHASES.filter(wants);
if (phases.length) {
  if (phases.some((p) => IDB_PHASES.includes(p))) {
    log('bundling bench/idb: npx vite build');
    run(NPX, ['vite', 'build', '--config', 'bench/idb/vite.config.ts', '--outDir', idbDir]);
  }
  log(`browser phases (${QUICK ? 'quick' : 'full'}): ${phases.join(', ')}`);
  run(NPX, ['playwright', 'test', '--config', 'bench/playwright.bench.config.ts'], {
    inherit: true,
    allowFail: true,
    env: {
      BENCH_EXT_DIR: extDir,
      BENCH_IDB_DIR: idbDir,
      BENCH_OUT_DIR: outDir,
      BENCH_QUICK: QUICK ? '1' : '0',
      BENCH_ONLY: phases.join(','),
      BENCH_CHART_PATH: join(ROOT, 'bench', QUICK ? 'page-load.quick.svg' : 'page-load.svg'),
      BENCH_GROWTH_CHART_PATH: join(ROOT, 'bench', QUICK ? 'pending-growth.quick.svg' : 'pending-growth.svg'),
    },
  });
  const got = new Map(
    existsSync(outDir)
      ? readdirSync(outDir).map((f) => [
          f.replace(/\.json$/, ''),
          JSON.parse(readFileSync(join(outDir, f), 'utf8')),
        ])
      : [],
  );
  for (const p of phases) {
    const r = got.get(p);
    if (!r) {
      errors.push(`phase "${p}" produced no result (see the Playwright output above)`);
      continue;
    }
    phaseSeconds[p] = r.seconds;
    for (const f of r.figures) figures.push({ ...f, phase: p, ...(r.info ? { phaseInfo: r.info } : {}) });
  }
}

// ------------------------------------------------------------------ sharing (Node, no browser)

if (wants('sharing')) {
  log(`sharing phase (${QUICK ? 'quick' : 'full'}): npx vitest run --config bench/sharing/vitest.config.ts`);
  const sharingOut = join(work, 'sharing-out');
  run(NPX, ['vitest', 'run', '--config', 'bench/sharing/vitest.config.ts'], {
    inherit: true,
    allowFail: true,
    env: { BENCH_OUT_DIR: sharingOut, BENCH_QUICK: QUICK ? '1' : '0' },
  });
  const file = join(sharingOut, 'sharing.json');
  if (!existsSync(file)) errors.push('phase "sharing" produced no result (see the Vitest output above)');
  else {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    phaseSeconds.sharing = r.seconds;
    for (const f of r.figures)
      figures.push({ ...f, phase: 'sharing', ...(r.info ? { phaseInfo: r.info } : {}) });
  }
}

// ------------------------------------------------------------------ report

const ORDER = [
  'size.content-script',
  'load.',
  'longtasks.',
  'submit.',
  'panel.',
  'heap.',
  'size.panel-js',
  'pending.',
  'import.',
  'check.',
  'sharing.',
];
const rank = (id) => ORDER.findIndex((p) => id === p || (p.endsWith('.') && id.startsWith(p)));
figures.sort((a, b) => rank(a.id) - rank(b.id));

const passes = (f) =>
  f.budget ? (f.budget.op === '<=' ? f.value <= f.budget.limit : f.value >= f.budget.limit) : true;
function fmt(v, unit) {
  if (!Number.isFinite(v)) return String(v);
  if (unit === 'rows/s') return `${Math.round(v).toLocaleString('en')}`;
  if (unit === '×') return v.toFixed(3);
  if (unit === 'MiB') return v.toFixed(2);
  if (unit === 'count' || unit === 'per load') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return Math.abs(v) < 1 ? v.toFixed(3) : v.toFixed(2);
}
const sideText = (s) =>
  s
    ? `${fmt(s.summary.median, s.unit)} (p5–p95 ${fmt(s.summary.p5, s.unit)}–${fmt(s.summary.p95, s.unit)}, n=${s.summary.n}) ${s.unit}`
    : '—';

const valueText = (f) =>
  f.missing
    ? `not measured: ${f.missing}`
    : `${fmt(f.value, f.unit)} ${f.unit}${f.interval ? ` (90% ${f.interval.map((v) => fmt(v, f.unit)).join('–')})` : ''}`;
const rows = figures.map((f) => [
  f.name,
  valueText(f),
  f.budget ? `${f.budget.op} ${fmt(f.budget.limit, f.unit)}` : '—',
  !f.budget ? '' : passes(f) ? 'ok' : 'FAIL',
  sideText(f.subject),
  sideText(f.baseline),
]);
const head = [
  'figure',
  'value (ratio or absolute)',
  'goal',
  '',
  'measured: median (p5–p95)',
  'floor / baseline, same run: median (p5–p95)',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) =>
  r
    .map((c, i) => c.padEnd(widths[i]))
    .join(' │ ')
    .trimEnd();
console.log('');
console.log(line(head));
console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
for (const r of rows) console.log(line(r));
for (const f of figures) if (f.note) console.log(`  · ${f.name}: ${f.note}`);

function chromiumVersion() {
  try {
    return execFileSync(chrome, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch (e) {
    return `unknown (${e instanceof Error ? e.message : e})`;
  }
}
const cpus = os.cpus();
const machine = {
  cpuModel: cpus[0]?.model.trim() ?? 'unknown',
  cores: os.availableParallelism?.() ?? cpus.length,
  memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  chromium: chromiumVersion(),
  chromiumPath: chrome,
  playwright: JSON.parse(readFileSync(join(ROOT, 'node_modules/@playwright/test/package.json'), 'utf8'))
    .version,
  loadAverageAtStart: loadStart.map((x) => Math.round(x * 100) / 100),
  loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
};
const failed = figures.filter((f) => !passes(f));
const result = {
  date: new Date().toISOString(),
  variant: QUICK ? 'quick' : 'full',
  totalSeconds: Math.round((Date.now() - started) / 100) / 10,
  buildSeconds,
  phaseSeconds,
  machine,
  source,
  passed: failed.length === 0 && errors.length === 0,
  failed: failed.map((f) => f.id),
  errors,
  figures,
};
// A run of some phases (--only) does not replace the record of the last full run.
const outFile = join(
  ROOT,
  'bench',
  QUICK ? 'results.quick.json' : ONLY.length ? 'results.only.json' : 'results.json',
);
let text = `${JSON.stringify(result, null, 2)}\n`;
try {
  // Formatted like the rest of the repository, so `prettier --check .` stays green.
  const prettier = await import('prettier');
  text = await prettier.format(text, { ...(await prettier.resolveConfig(outFile)), filepath: outFile });
} catch {
  // prettier missing: plain JSON is fine
}
writeFileSync(outFile, text);
rmSync(work, { recursive: true, force: true });

console.log('');
console.log(
  `machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.chromium}; load average ${machine.loadAverageAtStart.join(' ')} → ${machine.loadAverageAtEnd.join(' ')}`,
);
console.log(
  `${QUICK ? 'quick' : 'full'} run: ${result.totalSeconds} s; results in ${relative(ROOT, outFile)}`,
);
for (const e of errors) console.error(`ERROR: ${e}`);
for (const f of failed)
  console.error(
    `BUDGET BROKEN: ${f.name}: ${fmt(f.value, f.unit)} ${f.unit}, budget ${f.budget.op} ${fmt(f.budget.limit, f.unit)}`,
  );
process.exit(failed.length || errors.length ? 1 : 0);
