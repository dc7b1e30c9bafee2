// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nounsanitized from 'eslint-plugin-no-unsanitized';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import boundaries from './eslint.boundaries.js';

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'demo/**',
      'tests/fixtures/mock-platform/site/**',
      'tests/fixtures/mock-platform/.bundle/**',
      'tests/fixtures/pages/**',
      // Boundary violations on purpose, linted by tests/unit/lint-boundaries.test.ts under a path in their zone.
      'tests/lint/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'no-unsanitized': nounsanitized },
    rules: {
      // MV3 risk: a promise nobody awaits fails silently in a worker that may be stopped any time.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // No HTML injection with page or user data: text nodes and React only.
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Use textContent or React; never inject HTML.' },
        { property: 'outerHTML', message: 'Use textContent or React; never inject HTML.' },
        { property: 'insertAdjacentHTML', message: 'Use DOM methods; never inject HTML.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['components/**/*.tsx', 'components/**/*.ts', 'entrypoints/sidepanel/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['entrypoints/background/**/*.ts'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  // Which context may import what (content script, panel, migrations, service worker).
  ...boundaries,
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
