/**
 * What the lint boundaries (eslint.boundaries.js) cannot see: an import that is allowed by itself but
 * brings a forbidden module with it. This follows every value import (static, re-export and dynamic;
 * `import type` is erased and skipped) from an entry point, resolving `@/` and relative paths the way
 * TypeScript and the bundler do, and checks what the whole graph reaches.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LEDGER_PURE, SERVER_ONLY } from '../../eslint.boundaries.js';

const ROOT = resolve(import.meta.dirname, '../..');

const config = ts.getParsedCommandLineOfConfigFile(
  resolve(ROOT, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
if (!config) throw new Error('tsconfig.json did not parse');
const options = config.options;

/** The value imports of one file (type-only ones left out). */
function valueImports(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          bindings &&
          ts.isNamedImports(bindings) &&
          bindings.elements.length > 0 &&
          bindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const clause = node.exportClause;
      const typeOnly =
        node.isTypeOnly ||
        (clause &&
          ts.isNamedExports(clause) &&
          clause.elements.length > 0 &&
          clause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Every repo file and every package the entry's value imports reach, as repo-relative paths / names. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [resolve(ROOT, entry)];
  while (todo.length) {
    const file = todo.pop()!;
    const rel = relative(ROOT, file);
    if (files.has(rel)) continue;
    files.add(rel);
    for (const spec of valueImports(file)) {
      const resolved = ts.resolveModuleName(spec, file, options, ts.sys).resolvedModule;
      const target = resolved?.resolvedFileName;
      if (!target || resolved.isExternalLibraryImport || target.includes('/node_modules/')) {
        // A package: its name (scope included), whatever it pulls in is its own business.
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        continue;
      }
      if (!relative(ROOT, target).startsWith('..') && !target.endsWith('.d.ts')) todo.push(target);
    }
  }
  return { files, packages };
}

describe('import graph', () => {
  it('the content script reaches no React, no Dexie, no panel and no ledger module that is not pure', () => {
    const { files, packages } = reach('entrypoints/guanghe.content/index.ts');
    expect(files.size).toBeGreaterThan(5);
    expect([...packages].filter((p) => /^(react|react-dom|dexie|@tanstack\/.*)$/.test(p))).toEqual([]);
    const pure = new Set(LEDGER_PURE.map((m) => `utils/ledger/${m}.ts`));
    const bad = [...files].filter(
      (f) => f.startsWith('components/') || (f.startsWith('utils/ledger/') && !pure.has(f)),
    );
    expect(bad).toEqual([]);
  });

  it('the pure ledger modules are pure: they reach no package and no other ledger module', () => {
    for (const m of LEDGER_PURE) {
      const { files, packages } = reach(`utils/ledger/${m}.ts`);
      expect([...packages], m).toEqual([]);
      // The platform vocabulary is plain data (checked below), so the ledger's labels may come from it.
      const outside = [...files].filter(
        (f) => !LEDGER_PURE.some((p) => f === `utils/ledger/${p}.ts`) && !f.startsWith('utils/platform/'),
      );
      expect(outside, m).toEqual([]);
    }
  });

  it('the platform vocabulary is plain data: it reaches no package and nothing outside utils/platform/', () => {
    for (const m of ['terms', 'hosts', 'declarations', 'store-types', 'anchors', 'index']) {
      const { files, packages } = reach(`utils/platform/${m}.ts`);
      expect([...packages], m).toEqual([]);
      expect(
        [...files].filter((f) => !f.startsWith('utils/platform/')),
        m,
      ).toEqual([]);
    }
  });

  it('the migrations reach only dexie and their own folder', () => {
    const { files, packages } = reach('utils/ledger/migrations/index.ts');
    expect([...packages].filter((p) => p !== 'dexie')).toEqual([]);
    expect([...files].filter((f) => !f.startsWith('utils/ledger/migrations/'))).toEqual([]);
  });

  it('the walk sees what it must: the panel reaches React and Dexie (through a lazy chunk too)', () => {
    const { files, packages } = reach('entrypoints/sidepanel/main.tsx');
    expect(packages).toContain('react');
    expect(packages).toContain('dexie');
    expect(files).toContain('components/ledger/LedgerView.tsx');
  });

  it('the extension and the sharing server reach nothing of each other', () => {
    const extension = [
      'entrypoints/guanghe.content/index.ts',
      'entrypoints/sidepanel/main.tsx',
      'entrypoints/background/index.ts',
      'entrypoints/outline.ts',
    ];
    for (const entry of extension) {
      const { files, packages } = reach(entry);
      expect(files.size, entry).toBeGreaterThan(1);
      expect(
        [...files].filter((f) => f.startsWith('server/')),
        entry,
      ).toEqual([]);
      expect(
        [...packages].filter((p) => SERVER_ONLY.includes(p)),
        entry,
      ).toEqual([]);
    }
    for (const entry of ['server/main.ts', 'server/cli.ts']) {
      const { files, packages } = reach(entry);
      expect(files.size, entry).toBeGreaterThan(3);
      expect(
        [...files].filter((f) => !f.startsWith('server/')),
        entry,
      ).toEqual([]);
      expect(
        [...packages].filter((p) => /^(wxt|@wxt-dev\/.*|react|react-dom|dexie)$/.test(p)),
        entry,
      ).toEqual([]);
    }
    // The walk follows the server's dynamic imports: both stores are in its graph.
    expect(reach('server/main.ts').files).toContain('server/store-postgres.ts');
  });
});
