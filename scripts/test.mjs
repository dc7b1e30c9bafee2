#!/usr/bin/env node
// `npm test`: everything CI checks, in order, with a time per step and one closing line
// "N passed, N failed" that sums the unit and end-to-end test counts and the mutants caught.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { findChrome, HOW_TO_GET_ONE } from './find-chrome.mjs';
import { startTempPostgres } from './pg-temp.mjs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `Node ${process.versions.node} is too old: this project needs Node 22 or newer (see README).`,
  );
  process.exit(1);
}

const only = process.argv.slice(2);
const REPORTS = '.output/test-reports';
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

const steps = [
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['format', 'npx', ['prettier', '--check', '.']],
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  [
    'unit',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${REPORTS}/unit.json`],
  ],
  // Test builds (GUANGHE_TEST_HOOKS=1: the fail-open tests' fault injection is in); the e2e step checks
  // that the store zips (`npm run zip`, no flag) carry none of it (tests/e2e/store-build.spec.ts).
  ['build:chrome', 'npx', ['wxt', 'build']],
  ['build:firefox', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3']],
  ['e2e', 'npx', ['playwright', 'test', '--reporter=list,json']],
  // Each resilience/privacy/safety promise broken on purpose: its tests must fail (scripts/mutants.mjs).
  ['mutants', 'node', ['scripts/mutants.mjs']],
];

// The static checks read the sources only and are mostly single-threaded: they run side by side,
// each one's output printed whole when it ends (about 20 s saved on 2 cores).
const PARALLEL = new Set(['lint', 'format', 'typecheck']);

// The sharing server's Postgres tests need a server: unless TEST_DATABASE_URL names one, a temporary
// cluster is started for the unit step (scripts/pg-temp.mjs). Under CI one must start: CI installs
// Debian's postgresql, and a run that skipped those tests would prove less than it says.
let postgres = null;
async function preparePostgres() {
  if (process.env.TEST_DATABASE_URL) return true;
  postgres = await startTempPostgres();
  if (postgres) process.on('exit', () => postgres?.stop());
  return Boolean(postgres) || !process.env.CI;
}

function envFor(name) {
  const env = { ...process.env };
  if (name === 'unit' && postgres) env.TEST_DATABASE_URL = postgres.url;
  if (name === 'e2e') env.PLAYWRIGHT_JSON_OUTPUT_NAME = `${REPORTS}/e2e.json`;
  if (name.startsWith('build:')) env.GUANGHE_TEST_HOOKS = '1';
  return env;
}

function runBuffered([name, cmd, args]) {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env: envFor(name), stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    const finish = (status) => {
      console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
      process.stdout.write(Buffer.concat(out));
      done([name, (performance.now() - t0) / 1000, status]);
    };
    child.on('error', (e) => (out.push(Buffer.from(`${e}\n`)), finish(1)));
    child.on('close', (code) => finish(code ?? 1));
  });
}

const times = [];
let failedStep = null;
const chosen = steps.filter(([name]) => !only.length || only.includes(name));
const together = chosen.filter(([name]) => PARALLEL.has(name));
if (together.length) {
  const t0 = performance.now();
  for (const t of await Promise.all(together.map(runBuffered))) {
    times.push(t);
    if (t[2] !== 0 && !failedStep) failedStep = t[0];
  }
  if (together.length > 1)
    console.log(
      `\n(${together.map((t) => t[0]).join(', ')} ran side by side: ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
}
for (const [name, cmd, args] of chosen) {
  if (failedStep) break;
  if (PARALLEL.has(name)) continue;
  if ((name === 'e2e' || name === 'mutants') && !findChrome()) {
    console.error(HOW_TO_GET_ONE);
    failedStep = name;
    break;
  }
  if (name === 'unit' && !(await preparePostgres())) {
    console.error('CI is set but no PostgreSQL could be started (apt-get install postgresql).');
    failedStep = name;
    break;
  }
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: envFor(name) });
  const s = (performance.now() - t0) / 1000;
  times.push([name, s, r.status]);
  if (name === 'unit') {
    postgres?.stop();
    postgres = null;
  }
  if (r.status !== 0) {
    failedStep = name;
    break;
  }
}

function count(file, pick) {
  try {
    return pick(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}
const unit = count(`${REPORTS}/unit.json`, (j) => ({
  passed: j.numPassedTests ?? 0,
  failed: j.numFailedTests ?? 0,
  skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
}));
const e2e = count(`${REPORTS}/e2e.json`, (j) => ({
  passed: j.stats?.expected ?? 0,
  failed: (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0),
  skipped: j.stats?.skipped ?? 0,
}));
const mutants = count(`${REPORTS}/mutants.json`, (j) => ({
  passed: j.caught ?? 0,
  failed: j.notCaught ?? 0,
  skipped: 0,
}));

console.log('\nStep times:');
for (const [name, s, status] of times)
  console.log(`  ${name.padEnd(14)} ${s.toFixed(1).padStart(6)} s ${status === 0 ? 'ok' : 'FAILED'}`);
console.log(
  `  unit: ${unit.passed} passed, ${unit.failed} failed; e2e: ${e2e.passed} passed, ${e2e.failed} failed; ` +
    `mutants: ${mutants.passed} caught, ${mutants.failed} not caught`,
);
if (failedStep) console.log(`Step "${failedStep}" failed.`);
const counted = unit.failed + e2e.failed + mutants.failed;
const failed = counted + (failedStep && counted === 0 ? 1 : 0);
console.log(
  `${unit.passed + e2e.passed + mutants.passed} passed, ${failed} failed, ${unit.skipped + e2e.skipped} skipped`,
);
process.exit(failedStep ? 1 : 0);
