/**
 * Bundles bench/idb (the ledger, the rules and bench/check-submission.bench.ts) into a plain page
 * for headless Chromium. `vitest` is replaced by a tiny shim; `@/` points at the repository root
 * like in the extension. Built by scripts/bench.mjs with `--outDir` in a temporary directory.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  resolve: {
    alias: [
      { find: /^vitest$/, replacement: resolve(import.meta.dirname, 'vitest-shim.ts') },
      { find: /^@\//, replacement: `${root}/` },
    ],
  },
  build: {
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    target: 'es2022',
    reportCompressedSize: false,
  },
});
