import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { CONTENT_MATCHES } from './utils/platform/hosts.ts';
import { MIN_CHROME_FOR_SYNC, SYNC_SERVER_PATTERNS } from './utils/sync/hosts.ts';

/**
 * Test hooks (the fault injection of the fail-open tests, `debug:faults`) exist only in a test build:
 * `GUANGHE_TEST_HOOKS=1 npx wxt build`, which `npm test`, the mutants and the e2e runs use. Any other
 * build (`npm run build`, `npm run zip`) compiles `import.meta.env.GUANGHE_TEST_HOOKS` to `false`, so
 * the minifier drops every hook, its storage key and its strings (tests/e2e/store-build.spec.ts opens
 * both store zips to check).
 */
const TEST_HOOKS = process.env.GUANGHE_TEST_HOOKS === '1';

export default defineConfig({
  // Where builds and zips go; the store-build test points it at a temporary folder.
  ...(process.env.GUANGHE_OUT_DIR ? { outDir: process.env.GUANGHE_OUT_DIR } : {}),
  vite: () => ({ define: { 'import.meta.env.GUANGHE_TEST_HOOKS': JSON.stringify(TEST_HOOKS) } }),
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  hooks: {
    // A store package never carries test hooks, whatever the environment says.
    'zip:start': () => {
      if (TEST_HOOKS) throw new Error('GUANGHE_TEST_HOOKS=1 is for test builds: refusing to zip one.');
    },
    // What @wxt-dev/webextension-polyfill's module does, for the background only: it gets the
    // polyfilled `browser`. The content script (budget: 8 KB gzip) and the side panel (initial JS
    // budget: 120 KB gzip) use the browser's own promise-based API, which Chrome and Firefox MV3 both
    // have for what they call (runtime messaging; tabs, permissions and, through @wxt-dev/storage,
    // which never used the polyfill, storage), saving about 3 KB gzip in each.
    //
    // The content script's build gets a smaller ContentScriptContext of its own (the part it uses,
    // entrypoints/guanghe.content/context.ts), about 0.4 KB gzip of its budget, and no copy of its
    // registration (entrypoints/guanghe.content/registration.ts), about 50 B.
    'vite:build:extendConfig': (entrypoints, config) => {
      const content = entrypoints.some((e) => e.type === 'content-script');
      if (!content && !entrypoints.some((e) => e.type === 'background')) return;
      const here = (path: string) => resolve(import.meta.dirname, path);
      // The content script's bundle also leaves out its registration (matches, allFrames, runAt),
      // which only the manifest needs (entrypoints/guanghe.content/registration.ts).
      const ours: { find: string; replacement: string }[] = content
        ? [
            {
              find: 'wxt/utils/content-script-context',
              replacement: here('entrypoints/guanghe.content/context.ts'),
            },
            {
              find: '@/entrypoints/guanghe.content/registration',
              replacement: here('entrypoints/guanghe.content/registration.runtime.ts'),
            },
          ]
        : [{ find: 'wxt/browser', replacement: '@wxt-dev/webextension-polyfill/browser' }];
      config.resolve ??= {};
      const current = config.resolve.alias;
      // Ours first (the first alias that matches wins, and WXT's `@` matches `@/…` too), and ours
      // where WXT has the same one.
      const mine = Object.fromEntries(ours.map((a) => [a.find, a.replacement]));
      config.resolve.alias = Array.isArray(current)
        ? [...ours, ...(current as { find: string; replacement: string }[])]
        : { ...mine, ...(current as Record<string, string> | undefined), ...mine };
      // Terser with three passes packs the content script about 3 % tighter than the default
      // minifier (about 0.25 KB gzip), and only there (the panel's and the background's builds keep
      // the default). `unsafe_arrows`: anonymous functions become arrows where they use no `this`;
      // unsafe only for code that calls one with `new` or reads its prototype, which this script
      // never does (its one constructor is a class). `toplevel`: the bundle's one top-level name,
      // the IIFE's `var guanghe`, is unused (WXT means the IIFE to be anonymous, `globalName: false`,
      // but its plugin for that does not recognise terser's output), so it goes: no global of ours
      // in the page's isolated world. About 15 B gzip together.
      if (content) {
        config.build ??= {};
        config.build.minify = 'terser';
        config.build.terserOptions = {
          compress: { passes: 3, unsafe_arrows: true, toplevel: true },
          mangle: { toplevel: true },
          ecma: 2020,
        };
      }
    },
  },
  // Locale files live under utils/ so the top level keeps the design-card layout.
  i18n: { localesDir: resolve(import.meta.dirname, 'utils/i18n/locales') },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    action: { default_title: '__MSG_actionTitle__' },
    // `scripting`: the panel's 复制页面结构 injects entrypoints/outline.ts into the 光合 tab on demand,
    // so the content script itself need not carry it. Chrome lets `executeScript` into a page only with
    // a host permission (a content script's matches are not one): exactly the content-script patterns,
    // no other host (tests/e2e/manifest.spec.ts). Chrome reads the 发布器 pattern's path as its whole
    // host; the outline script answers nothing outside that path (utils/hosts.ts isOurPageUrl).
    permissions:
      browser === 'firefox'
        ? ['storage', 'alarms', 'scripting']
        : ['sidePanel', 'storage', 'alarms', 'scripting'],
    host_permissions: [...CONTENT_MATCHES],
    // Asked for only when the user turns on overdue reminders (settings); the badge needs nothing.
    optional_permissions: ['notifications'],
    // Team sharing (off by default): the agency server's origin, asked for when the user turns it on.
    optional_host_permissions: [...SYNC_SERVER_PATTERNS],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'guanghe-assistant@guanghe-helper.invalid',
              strict_min_version: '142.0', // data_collection_permissions on Firefox for Android
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { minimum_chrome_version: MIN_CHROME_FOR_SYNC }),
  }),
});
