import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '@/utils/rules';
import { renderRulesDoc } from '@/utils/rules/doc';
import { SUBMISSION_KINDS } from '@/utils/rules/coerce';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('the catalogue', () => {
  it('has unique, well-formed ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s is complete data', (_id, r) => {
    expect(['block', 'warn', 'info']).toContain(r.severity);
    expect(r.source).toMatch(
      /^(seed-000|seed-001|platform\.md §\d+(\.\d+)?( \(observed(, unverified)?\))?)$/,
    );
    for (const t of [r.when, r.message, ...(r.assumption ? [r.assumption] : [])]) {
      expect(t.zh.trim().length).toBeGreaterThan(0);
      expect(t.en.trim().length).toBeGreaterThan(0);
      // English text is English, Chinese text is Chinese.
      expect(t.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(t.en).toMatch(/[a-z]{3,}/);
    }
    // The same placeholders in both languages.
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(names(r.message.en)).toEqual(names(r.message.zh));
    if (r.kinds !== 'any') {
      expect(r.kinds.length).toBeGreaterThan(0);
      for (const k of r.kinds) expect(SUBMISSION_KINDS).toContain(k);
    }
  });

  it('every submission kind has rules', () => {
    for (const kind of SUBMISSION_KINDS)
      expect(
        RULES.some((r) => r.kinds !== 'any' && r.kinds.includes(kind)),
        kind,
      ).toBe(true);
  });
});

describe('docs/rules.md', () => {
  it('is what the generator produces now (run `npm run rules:doc`)', () => {
    const committed = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    expect(committed).toBe(renderRulesDoc());
  });

  it('lists every rule and the count by severity', () => {
    const doc = renderRulesDoc();
    for (const r of RULES) expect(doc).toContain(`\`${r.id}\``);
    const n = (s: string) => RULES.filter((r) => r.severity === s).length;
    expect(doc).toContain(`**${n('block')} block**, **${n('warn')} warn**, **${n('info')} info**`);
  });

  it('the script runs under node --experimental-strip-types', () => {
    const out = execFileSync(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', 'scripts/rules-doc.ts', '--check'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(out).toContain('up to date');
  });
});
