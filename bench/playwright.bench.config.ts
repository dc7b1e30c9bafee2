import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// The browser phases of `npm run bench` (bench/driver.pw.ts), started by scripts/bench.mjs. Each
// phase launches its own persistent contexts with Debian's chromium (tests/e2e/fixtures.ts), so no
// browser project is configured and `playwright install` is never needed.
export default defineConfig({
  testDir: '.',
  testMatch: /driver\.pw\.ts$/,
  timeout: 20 * 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: join(tmpdir(), 'guanghe-bench-test-results'),
});
