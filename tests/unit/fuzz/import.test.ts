/**
 * Fuzzing the JSON backup import (`previewImport`, `applyImport`), part 1 of 2: files that are cheap to
 * reject. Junk text (random, truncated, BOM-laden, deeply nested, huge) and a real export with a header
 * field, a table or a prototype key replaced. The property and the generators are in
 * `support/import-harness.ts`. Budget: 65 % + 20 % of `FUZZ_RUNS` (default 10,000 files across both
 * parts); part 2 (`import-near-valid.test.ts`) runs the other 15 %, the near-valid files.
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Tally, assertProperty, banner, runsFor } from './support/config';
import {
  checkFile,
  done,
  hostileStructure,
  junkFile,
  loadFixture,
  type Fixture,
} from './support/import-harness';

const tallies: Tally[] = [];
function tally(name: string): Tally {
  const t = new Tally(name);
  tallies.push(t);
  return t;
}
const started = performance.now();
afterAll(() => {
  const total = tallies.reduce((n, t) => n + t.total, 0);
  console.info(
    [
      banner('import, part 1 of 2 (cheap to reject)'),
      ...tallies.map((t) => `  ${t.toString()}`),
      `  files: ${total} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    ].join('\n'),
  );
});

let fx: Fixture;
beforeAll(async () => {
  fx = await loadFixture();
});
afterAll(async () => {
  await fx.db.delete();
});

const TIMEOUT = 120_000;

describe('fuzz: backup import refuses bad files cleanly and leaves the ledger unchanged', () => {
  it(
    'junk text: random, truncated, BOM-laden, deeply nested and huge files',
    async () => {
      const f = fx;
      const h0 = f.hashed;
      const t = tally('junk text');
      await assertProperty(
        'import/junk-text',
        fc.asyncProperty(junkFile, async ({ text }) => {
          const r = await checkFile(f, text);
          t.add(r.category);
        }),
        runsFor(0.65),
      );
      await done(f, t, h0);
    },
    TIMEOUT,
  );

  it(
    'hostile structure: header fields, tables and prototype keys of a real export replaced',
    async () => {
      const f = fx;
      const h0 = f.hashed;
      const t = tally('hostile structure');
      await assertProperty(
        'import/hostile-structure',
        fc.asyncProperty(hostileStructure, async ({ text }) => {
          const r = await checkFile(f, text);
          t.add(r.category);
        }),
        runsFor(0.2),
      );
      await done(f, t, h0);
    },
    TIMEOUT,
  );
});
