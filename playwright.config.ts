import { defineConfig } from '@playwright/test';

// The e2e tests load the *built* extension (.output/chrome-mv3) into Debian's chromium.
// Each test launches its own persistent context (see tests/e2e/fixtures.ts), so no
// browser project is configured here and `playwright install` is never needed.
export default defineConfig({
  testDir: 'tests/e2e',
  // Builds the mock's Fusion bundle once, before the workers start (they reuse it by content hash).
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 60_000,
  // Generous: CI shares 2 cores between Chromium, the extension and the mock; assertions still fail fast on a real bug.
  expect: { timeout: 10_000 },
  // Two files at a time (a file's tests stay in order in one worker): most of a test is a browser
  // waiting, so two workers halve the step on 2 cores. Each test has its own browser profile and
  // routes (no shared port, no shared build: store-build.spec.ts builds into temporary folders).
  // E2E_WORKERS=1 runs them one at a time.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS) || 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
});
