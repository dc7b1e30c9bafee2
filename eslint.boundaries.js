// @ts-check
/**
 * Import boundaries between the extension's contexts, as ESLint flat-config entries (used by
 * eslint.config.js; tests/unit/lint-boundaries.test.ts proves each zone refuses a violation).
 *
 * The patterns are regular expressions on the import specifier, written so that the `@/` (or `~/`)
 * alias and relative paths both match: every zone lies outside the folders it may not reach, so any
 * relative path into them names the folder (`../../utils/ledger/commands`). Static imports and
 * re-exports are checked by `no-restricted-imports`; dynamic `import()` by `no-restricted-syntax`.
 * What a direct-import rule cannot see (an allowed module that imports a forbidden one) is checked on
 * the import graph by tests/unit/import-graph.test.ts.
 */

/** Ledger modules with no Dexie, no React and no writes: anything may import them. */
export const LEDGER_PURE = ['types', 'errors', 'lifecycle', 'reminders', 'canonical'];

/** Ledger modules that write (or run schema upgrades): the background's only. */
export const LEDGER_WRITERS = [
  'commands',
  'capture',
  'engine',
  'migrations',
  'csv-import',
  'roster',
  'shared',
];

/**
 * @typedef {{ regex: string, message: string, allowTypeImports?: boolean, importNames?: string[] }} Pattern
 * @param {string} files
 * @param {Pattern[]} patterns
 */
function restrict(files, patterns) {
  /** @type {import('eslint').Linter.RulesRecord} */
  const rules = {
    'no-restricted-imports': ['error', { patterns }],
    'no-restricted-syntax': [
      'error',
      ...patterns
        .filter((p) => !p.importNames)
        .map((p) => ({
          // esquery's regex literal cannot hold a `/`, not even escaped: spell it \x2F.
          selector: `ImportExpression[source.value=/${p.regex.replaceAll('/', '\\x2F')}/]`,
          message: p.message,
        })),
    ],
  };
  return { files: [files], rules };
}

const SHARING =
  'server/ is the agency sharing server (Node): the extension never imports it nor its server-only packages.';
/** What only the sharing server may import (the extension's own sync client comes later, from utils/). */
export const SERVER_ONLY = ['@hocuspocus/server', '@hocuspocus/extension-database', 'pg', 'node:sqlite'];
const serverSide = {
  regex: `^(\\.\\./)+server(/|$)|^[@~]{1,2}/server(/|$)|^(${SERVER_ONLY.join('|')})(/|$)`,
  message: SHARING,
};

const SERVER =
  'The sharing server runs on an agency machine, apart from the extension: it imports none of its code, nor WXT or browser APIs.';
const serverZone = [
  {
    regex:
      '(^|/)(utils|components|entrypoints|public|assets)(/|$)|^[@~]{1,2}(/|$)|^#imports$|^wxt(/|$)|^@wxt-dev/',
    message: SERVER,
  },
  { regex: '^(react|react-dom|dexie|webextension-polyfill)(/|$)', message: SERVER },
];

const CONTENT =
  'The content script stays tiny and runs in the page: no React, no Dexie, nothing that pulls them.';
// Types are erased at build: `import type` from anywhere costs the content script nothing.
const contentZone = [
  { regex: '^(react|react-dom|dexie|@tanstack/react-virtual)(/|$)', message: CONTENT },
  { regex: '(^|/)components(/|$)', message: `${CONTENT} (components/ is the React panel)` },
  {
    regex: '^(wxt/utils/storage|@wxt-dev/storage)$|(^|/)utils/storage-items(\\.ts)?$',
    message: `${CONTENT} The storage items are the background's and the panel's (no storage.session here).`,
  },
  {
    regex: `(^|/)utils/ledger(/(?!(${LEDGER_PURE.join('|')})(\\.ts)?$).*)?$`,
    message: `${CONTENT} Of the ledger only ${LEDGER_PURE.map((m) => `${m}.ts`).join(', ')} are dependency-free.`,
  },
  {
    regex: '(^|/)entrypoints/(background|sidepanel)(/|$)|^\\.\\./(background|sidepanel)(/|$)',
    message: `${CONTENT} (other entrypoints)`,
  },
  serverSide,
].map((p) => ({ ...p, allowTypeImports: true }));

const PANEL =
  'The panel reads the ledger; every write goes to the background as a ledger:command (components/ledger/command.ts).';
const panelZone = [
  {
    regex: `(^|/)utils/ledger/(${LEDGER_WRITERS.join('|')})(\\.ts|/.*)?$`,
    message: `${PANEL} Writers: ${LEDGER_WRITERS.join(', ')}.`,
    allowTypeImports: true,
  },
  {
    regex: '(^|/)utils/ledger(/index(\\.ts)?)?$',
    message: `${PANEL} The barrel (utils/ledger/index.ts) re-exports the writers: import the module you need.`,
    allowTypeImports: true,
  },
  {
    regex: '(^|/)utils/ledger/backup(\\.ts)?$',
    importNames: ['applyImport'],
    message: `${PANEL} applyImport runs in the background (op "import").`,
  },
  {
    regex: '(^|/)utils/ledger/phone(\\.ts)?$',
    importNames: ['hmacPhone', 'getHmacKey', 'phoneKeyId'],
    message: `${PANEL} These create the install's HMAC key on first use: the panel hashes with hmacPhoneIfKeyed.`,
  },
  {
    regex: '(^|/)entrypoints/background(/|$)|^\\.\\./background(/|$)',
    message: `${PANEL} (the background's modules are the writer)`,
  },
  serverSide,
];

const MIGRATION =
  'A migration is frozen once released: it imports only dexie and its own folder, never app code that may change.';
const migrationZone = [{ regex: '^(?!dexie$)(?!\\./(?!.*\\.\\.)).*', message: MIGRATION }];

export default [
  restrict('entrypoints/guanghe.content/**', contentZone),
  restrict('{entrypoints/sidepanel,components}/**', panelZone),
  restrict('utils/ledger/migrations/**', migrationZone),
  restrict('server/**', serverZone),
  {
    // The service worker has no DOM: `window`/`document` there are a crash waiting for a worker restart.
    files: ['entrypoints/background/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'No window in the MV3 service worker.' },
        { name: 'document', message: 'No document in the MV3 service worker.' },
        { name: 'localStorage', message: 'No localStorage in the MV3 service worker.' },
      ],
    },
  },
];
