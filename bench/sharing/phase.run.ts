/**
 * Entry of the sharing phase (bench/sharing/run.ts), run by scripts/bench.mjs with
 * `npx vitest run --config bench/sharing/vitest.config.ts`: writes `<BENCH_OUT_DIR>/sharing.json`
 * (bench/lib/figures.ts `PhaseResult`) for the table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import type { PhaseResult } from '../lib/figures';
import { runSharingPhase } from './run';

it('sharing phase', async () => {
  const outDir = process.env.BENCH_OUT_DIR ?? join(tmpdir(), 'guanghe-bench-out');
  const t0 = Date.now();
  const r = await runSharingPhase(process.env.BENCH_QUICK === '1');
  const result: PhaseResult = { phase: 'sharing', seconds: (Date.now() - t0) / 1000, ...r };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'sharing.json'), JSON.stringify(result, null, 1));
  for (const f of result.figures) console.log(`[sharing] ${f.name}: ${f.value} ${f.unit}; ${f.note ?? ''}`);
  console.log(`[sharing] ${result.seconds.toFixed(1)} s ${JSON.stringify(r.info)}`);
});
