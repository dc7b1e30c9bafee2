/**
 * Fuzzing the JSON backup import (`previewImport`, `applyImport`), part 1 of 2: files that are cheap to
 * reject. Junk text (random, truncated, BOM-laden, deeply nested, huge) and a real export with a header
 * field, a table or a prototype key replaced. The property and the generators are in
 * `support/import-harness.ts`. Budget: 65 % + 20 % of `FUZZ_RUNS` (default 10,000 files across both
 * parts); part 2 (`import-near-valid.test.ts`) runs the other 15 %, the near-valid files.
 */
import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { assertProperty, runsFor } from './support/config';
import { checkFile, done, hostileStructure, junkFile, importFuzzSuite } from './support/import-harness';

const { tally, fixture } = importFuzzSuite('import, part 1 of 2 (cheap to reject)');

const TIMEOUT = 120_000;

describe('fuzz: backup import refuses bad files cleanly and leaves the ledger unchanged', () => {
  it(
    'junk text: random, truncated, BOM-laden, deeply nested and huge files',
    async () => {
      const f = fixture();
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
      const f = fixture();
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
