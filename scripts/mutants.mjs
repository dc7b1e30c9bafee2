#!/usr/bin/env node
// `npm run test:mutants` (and the last step of `npm test`): proves that the tests guarding each
// resilience, privacy and safety promise fail when that promise is broken.
//
// Each mutant (scripts/mutants/list.mjs) is one deliberate break of the production code, anchored by
// the declaration it lives in and a text inside it (scripts/mutants/anchor.mjs); one that cannot be
// applied counts as not caught. For each: apply it, rebuild the extension if a browser test is to
// judge it, run only the tests named, and expect them to FAIL with at least one failed
// test (a build error or a suite that does not load does not count as caught). Mutants are applied
// in copies of the working tree (lanes, judged side by side), never in the checkout itself; a lane's
// file is put back byte for byte before its next mutant. A mutant the tests let through fails this step.
//
//   node scripts/mutants.mjs              every mutant (MUTANT_LANES=1: one at a time)
//   node scripts/mutants.mjs --only=a,b   those ids
//   node scripts/mutants.mjs --list       the table, without running anything
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync, existsSync, cpSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { applyMutant } from './mutants/anchor.mjs';
import { MUTANTS } from './mutants/list.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const REPORTS = join(ROOT, '.output/test-reports');
/** The browser tests run on test builds: the fail-open tests need the fault injection (wxt.config.ts). */
const TEST_BUILD = { GUANGHE_TEST_HOOKS: '1' };
/**
 * Mutants run in lanes: each lane is a copy of the working tree (node_modules hard-linked), so the
 * checkout is never mutated (nothing to restore after a crash or Ctrl-C), its `.output` (the build the
 * e2e step tested) stays as it was, and two lanes judge two mutants side by side: most of a mutant's
 * time is a browser waiting, not a CPU working. MUTANT_LANES=1 runs them one after another.
 */
const LANES = Math.max(1, Number(process.env.MUTANT_LANES) || Math.min(2, availableParallelism()));

function run(cmd, args, { cwd, env = {} }) {
  return new Promise((done) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('error', (e) => out.push(Buffer.from(String(e))));
    child.on('close', (code) => done({ status: code ?? 1, out: Buffer.concat(out).toString('utf8') }));
  });
}

/** The first line of an error message that says something (no ANSI colours, no blank lines). */
function firstLine(message) {
  if (typeof message !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
  return (plain.split('\n').find((l) => l.trim() && !/^\s*at /.test(l)) ?? '').trim().slice(0, 160);
}

function firstPlaywrightError(report) {
  const suites = [...(report?.suites ?? [])];
  while (suites.length) {
    const s = suites.shift();
    suites.push(...(s.suites ?? []));
    for (const spec of s.specs ?? [])
      for (const t of spec.tests ?? [])
        for (const r of t.results ?? []) if (r.error?.message) return r.error.message;
  }
  return undefined;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * A copy of the working tree as it is (tracked and untracked files git does not ignore, plus `.wxt`,
 * which `wxt prepare` generated), with node_modules hard-linked (same disk) or else linked.
 */
function makeLane(base, n) {
  const lane = join(base, `lane-${n}`);
  const ls = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (ls.status !== 0) throw new Error(`git ls-files failed: ${ls.stderr}`);
  for (const f of ls.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(ROOT, f))) continue; // deleted but not yet staged
    mkdirSync(dirname(join(lane, f)), { recursive: true });
    cpSync(join(ROOT, f), join(lane, f));
  }
  cpSync(join(ROOT, '.wxt'), join(lane, '.wxt'), { recursive: true });
  const linked = spawnSync('cp', ['-al', join(ROOT, 'node_modules'), join(lane, 'node_modules')]);
  if (linked.status !== 0) {
    rmSync(join(lane, 'node_modules'), { recursive: true, force: true });
    spawnSync('ln', ['-s', join(ROOT, 'node_modules'), join(lane, 'node_modules')]);
  }
  mkdirSync(join(lane, '.output/mutants'), { recursive: true });
  return lane;
}

/** Runs the mutant's tests in `lane`; `failed` counts real test failures, not load or build errors. */
async function judge(m, lane) {
  const results = [];
  const tmp = join(lane, '.output/mutants');
  if (m.unit) {
    const out = join(tmp, `${m.id}.unit.json`);
    const r = await run('npx', ['vitest', 'run', ...m.unit, '--reporter=json', `--outputFile=${out}`], {
      cwd: lane,
    });
    const j = readJson(out);
    const reason = (j?.testResults ?? [])
      .flatMap((f) => f.assertionResults ?? [])
      .find((a) => a.status === 'failed')?.failureMessages?.[0];
    results.push({
      what: `unit ${m.unit.join(' ')}`,
      failed: j?.numFailedTests ?? 0,
      reason: firstLine(reason),
      out: r.out,
    });
  }
  if (m.e2e) {
    for (const b of m.build ?? ['chrome']) {
      const r = await run('npx', ['wxt', 'build', ...(b === 'firefox' ? ['-b', 'firefox', '--mv3'] : [])], {
        cwd: lane,
        env: TEST_BUILD,
      });
      if (r.status !== 0) return { error: `the ${b} build failed:\n${r.out.slice(-2000)}` };
    }
    for (const [k, [spec, grep]] of m.e2e.entries()) {
      const out = join(tmp, `${m.id}.e2e${k}.json`);
      const r = await run('npx', ['playwright', 'test', spec, '-g', grep, '--reporter=json', '--retries=0'], {
        cwd: lane,
        env: { PLAYWRIGHT_JSON_OUTPUT_NAME: out },
      });
      const j = readJson(out);
      const ran = (j?.stats?.expected ?? 0) + (j?.stats?.unexpected ?? 0);
      if (!ran) return { error: `no e2e test matched ${spec} -g "${grep}"` };
      results.push({
        what: `e2e ${spec} -g "${grep}"`,
        failed: j?.stats?.unexpected ?? 0,
        reason: firstLine(firstPlaywrightError(j)),
        out: r.out,
      });
    }
  }
  return { results };
}

/** Applies `m` inside `lane`, judges it, and puts the lane's file back byte for byte. */
async function runMutant(m, lane) {
  const t0 = performance.now();
  const file = join(lane, m.file);
  if (!existsSync(file)) return { m, verdict: 'invalid', note: `${m.file} does not exist` };
  const text = readFileSync(file, 'utf8');
  let mutated;
  try {
    mutated = applyMutant(text, m.file, m);
  } catch (e) {
    return {
      m,
      verdict: 'invalid',
      note: `cannot be applied — ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  writeFileSync(file, mutated);
  let verdict;
  let note;
  try {
    const j = await judge(m, lane);
    if (j.error) {
      verdict = 'invalid';
      note = j.error;
    } else {
      const escaped = j.results.filter((r) => r.failed === 0);
      verdict = escaped.length ? 'SURVIVED' : 'caught';
      note = j.results.map((r) => `${r.what}: ${r.failed} failed (${r.reason})`).join('; ');
      if (escaped.length) note += `\n${escaped.map((r) => r.out.slice(-1500)).join('\n')}`;
    }
  } finally {
    writeFileSync(file, text);
  }
  return { m, verdict, note, s: ((performance.now() - t0) / 1000).toFixed(1) };
}

async function main() {
  const args = process.argv.slice(2);
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',');
  const list = only ? MUTANTS.filter((m) => only.includes(m.id)) : MUTANTS;
  if (only && list.length !== only.length) {
    console.error(
      `Unknown mutant id in --only: ${only.filter((o) => !MUTANTS.some((m) => m.id === o)).join(', ')}`,
    );
    process.exit(2);
  }
  if (args.includes('--list')) {
    for (const m of list) console.log(`${m.id.padEnd(36)} ${m.file.padEnd(38)} ${m.promise}`);
    return;
  }
  mkdirSync(REPORTS, { recursive: true });
  const base = mkdtempSync(join(tmpdir(), 'guanghe-mutants-'));
  const cleanUp = () => rmSync(base, { recursive: true, force: true });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => (cleanUp(), process.exit(130)));

  const t0 = performance.now();
  const lanes = Array.from({ length: Math.min(LANES, list.length) }, (_, n) => makeLane(base, n));
  console.log(
    `${lanes.length} lane(s), copies of the working tree, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  // The slow ones (a build and a browser) first, so that the lanes end together.
  const queue = [...list].sort((a, b) => Number(Boolean(b.e2e)) - Number(Boolean(a.e2e)));
  const rows = [];
  await Promise.all(
    lanes.map(async (lane) => {
      for (let m = queue.shift(); m; m = queue.shift()) {
        const row = await runMutant(m, lane);
        rows.push(row);
        const tail = row.s ? ` (${row.s} s)` : '';
        console.log(
          `${row.verdict === 'caught' ? '✓' : '✗'} ${m.id}${tail}: ${row.verdict} — ${row.note.split('\n')[0]}`,
        );
        if (row.verdict !== 'caught' && row.note.includes('\n')) console.log(row.note);
      }
    }),
  );
  cleanUp();
  // The table in the list's order, whatever order the lanes finished in.
  rows.sort((a, b) => list.indexOf(a.m) - list.indexOf(b.m));

  const caught = rows.filter((r) => r.verdict === 'caught').length;
  const bad = rows.length - caught;
  writeFileSync(
    join(REPORTS, 'mutants.json'),
    JSON.stringify(
      {
        caught,
        notCaught: bad,
        lanes: lanes.length,
        rows: rows.map((r) => ({
          id: r.m.id,
          promise: r.m.promise,
          verdict: r.verdict,
          seconds: r.s,
          note: r.note.split('\n')[0],
        })),
      },
      null,
      2,
    ),
  );
  console.log(`\nMutants: ${caught} of ${rows.length} caught${bad ? `, ${bad} NOT caught` : ''}.`);
  process.exit(bad ? 1 : 0);
}

await main();
