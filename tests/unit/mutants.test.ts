/**
 * The mutants of `npm run test:mutants` stay armed when their files are reformatted, and one that can
 * no longer be applied fails loudly instead of silently testing the unbroken code.
 */
import { readFileSync } from 'node:fs';
import { format } from 'prettier';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { applyMutant, findScopes, locate } from '../../scripts/mutants/anchor.mjs';
import { MUTANTS as mutants, type Mutant } from '../../scripts/mutants/list.mjs';

/** Syntax errors of a source text (a mutant must leave code that still parses, or the build fails). */
function syntaxErrors(text: string, file: string): string[] {
  const out = ts.transpileModule(text, { fileName: file, reportDiagnostics: true });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** The same file as another formatter setting would print it: other line breaks and indentation. */
async function reformat(text: string, file: string, printWidth: number, useTabs = false): Promise<string> {
  return format(text, {
    filepath: file,
    singleQuote: true,
    trailingComma: printWidth < 80 ? 'all' : 'none',
    printWidth,
    useTabs,
  });
}

describe('mutants are anchored by meaning', () => {
  it('ids are unique and every mutant names its declaration', () => {
    expect(new Set(mutants.map((m) => m.id)).size).toBe(mutants.length);
    for (const m of mutants) expect(m.in, m.id).toMatch(/\S/);
  });

  for (const m of mutants) {
    it(`${m.id}: applies to its file as it is, and as reformatted (narrow, wide, tabs)`, async () => {
      const text = readFileSync(m.file, 'utf8');
      const original = applyMutant(text, m.file, m);
      expect(original).not.toBe(text);
      expect(original).toContain(m.replace);
      expect(syntaxErrors(original, m.file), `${m.id} leaves code that does not parse`).toEqual([]);
      for (const [width, tabs] of [
        [50, false],
        [160, false],
        [110, true],
      ] as const) {
        const other = await reformat(text, m.file, width, tabs);
        const mutated = applyMutant(other, m.file, m);
        expect(mutated, `${m.id} at printWidth ${width}`).not.toBe(other);
        expect(mutated).toContain(m.replace);
      }
      // Three prettier runs on a large file (utils/ledger/backup.ts) pass 5 s on a busy 2-core machine.
    }, 30_000);
  }
});

describe('a mutant that cannot be applied says so', () => {
  const m: Pick<Mutant, 'id' | 'file' | 'in' | 'find' | 'replace'> = {
    id: 'example',
    file: 'example.ts',
    in: 'check',
    find: 'if (x > 1) return true;',
    replace: 'return false;',
  };

  it('matches across white space and trailing commas, only inside the named declaration', () => {
    const text = [
      'function other(x: number) { if (x > 1) return true; return false; }',
      'export function check(x: number) {',
      '  if (x >\n    1)   return true;',
      '  return f(a, b,\n  );',
      '}',
    ].join('\n');
    const at = locate(text, m.file, m);
    expect(text.slice(at.start, at.end)).toBe('if (x >\n    1)   return true;');
    expect(applyMutant(text, m.file, { ...m, find: 'f(a, b)', replace: 'g()' })).toContain('return g();');
  });

  it('a find ending with a comma takes the comma after it, or none where the item is the last', () => {
    const text = 'const cfg = {\n  gecko: {\n    id: 1,\n    data: { x: 1 },\n  },\n};';
    const drop = (find: string) => applyMutant(text, m.file, { ...m, in: 'gecko', find, replace: '' });
    expect(drop('id: 1,')).toBe('const cfg = {\n  gecko: {\n    \n    data: { x: 1 },\n  },\n};');
    expect(drop('data: { x: 1 },')).toBe('const cfg = {\n  gecko: {\n    id: 1,\n    \n  },\n};');
  });

  it('throws when the declaration is gone, named twice, or the text is not in it exactly once', () => {
    expect(() => applyMutant('function nope() {}', m.file, m)).toThrow(/names 0 declarations/);
    expect(() => applyMutant('class A { check() {} }\nclass B { check() {} }', m.file, m)).toThrow(
      /names 2 declarations/,
    );
    expect(() => applyMutant('function check(x) { return x; }', m.file, m)).toThrow(/occurs 0 times/);
    expect(() =>
      applyMutant('function check(x) { if (x > 1) return true; if (x > 1) return true; }', m.file, m),
    ).toThrow(/occurs 2 times/);
    expect(() => applyMutant('function check(x) {}', m.file, { ...m, in: '' })).toThrow(/no "in"/);
  });

  it('finds nested declarations by path, including quoted property names', () => {
    const text = "const h = { 'page:report'() { return 1; }, other() { return 1; } };";
    expect(findScopes(text, m.file, 'h > page:report')).toHaveLength(1);
    expect(() => locate(text, m.file, { ...m, in: 'h', find: 'return 1;' })).toThrow(/occurs 2 times/);
    expect(locate(text, m.file, { ...m, in: 'h > other', find: 'return 1;' }).start).toBe(
      text.lastIndexOf('return 1;'),
    );
  });
});
