#!/usr/bin/env node
// `npm run test:mutants` (and the last step of `npm test`): proves that the tests guarding each
// resilience, privacy and safety promise fail when that promise is broken.
//
// Each mutant (scripts/mutants/list.mjs) is one deliberate break of the production code, anchored by
// the declaration it lives in and a text inside it (scripts/mutants/anchor.mjs); one that cannot be
// applied counts as not caught. For each: apply it, rebuild the extension if a browser test is to
// judge it, run only the tests named, and expect them to FAIL with at least one failed
// test (a build error or a suite that does not load does not count as caught). The file is put back
// byte for byte afterwards, whatever happens. A mutant that the tests let through fails this step.
//
//   node scripts/mutants.mjs              every mutant
//   node scripts/mutants.mjs --only=a,b   those ids
//   node scripts/mutants.mjs --list       the table, without running anything
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyMutant } from './mutants/anchor.mjs';
import { MUTANTS } from './mutants/list.mjs';

const REPORTS = '.output/test-reports';
/** The browser tests run on test builds: the fail-open tests need the fault injection (wxt.config.ts). */
const TEST_BUILD = { GUANGHE_TEST_HOOKS: '1' };
const TMP = '.output/mutants';

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status ?? 1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
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

/** Runs the mutant's tests; `failedTests` counts real test failures, not load or build errors. */
function judge(m) {
  const results = [];
  if (m.unit) {
    const out = join(TMP, `${m.id}.unit.json`);
    const r = run('npx', ['vitest', 'run', ...m.unit, '--reporter=json', `--outputFile=${out}`]);
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
      const r = run(
        'npx',
        ['wxt', 'build', ...(b === 'firefox' ? ['-b', 'firefox', '--mv3'] : [])],
        TEST_BUILD,
      );
      if (r.status !== 0) return { error: `the ${b} build failed:\n${r.out.slice(-2000)}` };
    }
    for (const [k, [spec, grep]] of m.e2e.entries()) {
      const out = join(TMP, `${m.id}.e2e${k}.json`);
      const r = run('npx', ['playwright', 'test', spec, '-g', grep, '--reporter=json', '--retries=0'], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
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

function main() {
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
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });
  mkdirSync(TMP, { recursive: true });

  // Put every file back even on Ctrl-C.
  const originals = new Map();
  const restore = () => {
    for (const [file, text] of originals) writeFileSync(file, text);
  };
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => (restore(), process.exit(130)));

  const rows = [];
  let builtMutant = false;
  for (const m of list) {
    const t0 = performance.now();
    if (!existsSync(m.file)) {
      rows.push({ m, verdict: 'invalid', note: `${m.file} does not exist` });
      continue;
    }
    const text = readFileSync(m.file, 'utf8');
    let mutated;
    try {
      mutated = applyMutant(text, m.file, m);
    } catch (e) {
      rows.push({ m, verdict: 'invalid', note: e instanceof Error ? e.message : String(e) });
      console.log(`✗ ${m.id}: cannot be applied — ${rows.at(-1).note}`);
      continue;
    }
    originals.set(m.file, text);
    writeFileSync(m.file, mutated);
    let verdict;
    let note;
    try {
      if (m.e2e) builtMutant = true;
      const j = judge(m);
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
      writeFileSync(m.file, text);
      originals.delete(m.file);
    }
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    rows.push({ m, verdict, note, s });
    console.log(`${verdict === 'caught' ? '✓' : '✗'} ${m.id} (${s} s): ${verdict} — ${note.split('\n')[0]}`);
    if (verdict !== 'caught' && note.includes('\n')) console.log(note);
  }

  // Leave the real extension built, as the e2e step left it.
  if (builtMutant) {
    for (const b of ['chrome', 'firefox']) {
      const r = run(
        'npx',
        ['wxt', 'build', ...(b === 'firefox' ? ['-b', 'firefox', '--mv3'] : [])],
        TEST_BUILD,
      );
      if (r.status !== 0) {
        console.error(`Rebuilding the ${b} extension after the mutants failed:\n${r.out.slice(-2000)}`);
        process.exit(1);
      }
    }
  }

  const caught = rows.filter((r) => r.verdict === 'caught').length;
  const bad = rows.length - caught;
  writeFileSync(
    join(REPORTS, 'mutants.json'),
    JSON.stringify(
      {
        caught,
        notCaught: bad,
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

main();
