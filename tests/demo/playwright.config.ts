import { defineConfig } from '@playwright/test';

// `npm run demo`: the built extension on the mock platform, one screenshot of page + panel per step.
export default defineConfig({
  testDir: '.',
  timeout: 180_000,
  workers: 1,
  reporter: [['list']],
  outputDir: '../../test-results/demo',
});
