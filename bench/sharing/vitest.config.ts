/**
 * The sharing phase of `npm run bench` (bench/sharing/run.ts) runs under Vitest only for its module
 * resolution: the background's sharing code imports `@/…` and WXT's storage items, which WxtVitest
 * resolves (with its fake browser for `storage.local`), and fake-indexeddb gives each ledger an
 * IndexedDB. One file, no retries, no time limit of Vitest's own (every wait of the phase is bounded).
 */
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['bench/sharing/phase.run.ts'],
    environment: 'node',
    setupFiles: ['bench/sharing/setup.ts'],
    testTimeout: 20 * 60_000,
    hookTimeout: 60_000,
    retry: 0,
    pool: 'forks',
    reporters: ['default'],
  },
});
