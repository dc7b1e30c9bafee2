/**
 * Bundles the in-memory floor page of the panel's first render (bench/panel, figure 13 of
 * bench/README.md): the side panel's own start-up module, with WXT's auto-imports, globals and `@/`
 * paths as in the extension build (the plugins of `WxtVitest` minus its fake browser: the page runs
 * as an extension page, with the real one), React, and the panel's two ledger modules swapped for
 * the floor's (`swappedFor`). scripts/bench.mjs writes it into the bench's private copy of the
 * extension (`<copy>/bench-panel/`), so store builds never contain it.
 */
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { swappedFor } from '../lib/panel-memory.ts';

const root = resolve(import.meta.dirname, '../..');

const swap: Plugin = {
  name: 'guanghe-bench:memory-ledger',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    if (!importer || source.startsWith('\0')) return null;
    const r = await this.resolve(source, importer, { ...options, skipSelf: true });
    return r ? swappedFor(r.id, importer, root) : null;
  },
};

/** WXT's plugins for the panel's code, without the fake browser of tests. */
async function wxtPlugins(): Promise<Plugin[]> {
  const all = (await WxtVitest()) as Plugin[];
  return all.filter((p) => p.name !== 'wxt:extension-api-mock');
}

export default defineConfig(async (): Promise<UserConfig> => ({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  define: { 'import.meta.env.GUANGHE_TEST_HOOKS': 'false' },
  plugins: [swap, ...(await wxtPlugins()), react()],
  build: {
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    target: 'es2022',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
}));
