/**
 * The import boundaries of eslint.boundaries.js hold: each fixture in tests/lint/fixtures/ is linted
 * with the project's own ESLint config as if it lived in its zone (first line: `// zone: <path>`).
 * A `*-violations.ts` fixture must be reported on exactly the lines marked `// expect: <rule>`, by that
 * rule; a `*-clean.ts` fixture in the same zone must lint without a single message.
 *
 * Type-aware rules are switched off here (the fixtures are not part of the TypeScript project); the
 * boundary rules are syntactic and do not need types.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'tests/lint/fixtures');
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

interface Fixture {
  name: string;
  zone: string;
  text: string;
  expected: string[];
}

function readFixture(name: string): Fixture {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  const zone = /^\/\/ zone: (\S+)/.exec(text)?.[1];
  if (!zone) throw new Error(`${name}: the first line must be "// zone: <path in the zone>"`);
  const expected: string[] = [];
  text.split('\n').forEach((line, i) => {
    const rule = /\/\/ expect: (\S+)\s*$/.exec(line)?.[1];
    if (rule) expected.push(`${i + 1} ${rule}`);
  });
  return { name, zone, text, expected };
}

const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.ts'));
const violations = names.filter((n) => n.endsWith('-violations.ts')).map(readFixture);
const clean = names.filter((n) => n.endsWith('-clean.ts')).map(readFixture);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });
});

async function lint(f: Fixture) {
  const [result] = await eslint.lintText(f.text, { filePath: join(ROOT, f.zone) });
  if (!result) throw new Error(`no lint result for ${f.name}`);
  const fatal = result.messages.filter((m) => m.fatal || !m.ruleId);
  expect(fatal, `${f.name} must parse and not be ignored`).toEqual([]);
  return result.messages;
}

describe('import boundaries (eslint.boundaries.js)', () => {
  it('has a violation and a clean fixture for each of the five zones', () => {
    const zoneOf = (f: Fixture) => f.zone.split('/').slice(0, -1).join('/');
    expect(violations.map(zoneOf).sort()).toEqual([
      'components/ledger',
      'entrypoints/background',
      'entrypoints/guanghe.content',
      'server',
      'utils/ledger/migrations',
    ]);
    expect(clean.map(zoneOf).sort()).toEqual(violations.map(zoneOf).sort());
  });

  for (const f of violations) {
    it(`${f.name}: every marked line is reported by its rule, and only those (${f.zone})`, async () => {
      expect(f.expected.length).toBeGreaterThan(0);
      const got = (await lint(f))
        .filter((m) => BOUNDARY_RULES.has(m.ruleId ?? ''))
        .map((m) => `${m.line} ${m.ruleId}`);
      expect([...new Set(got)].sort()).toEqual([...f.expected].sort());
    });
  }

  for (const f of clean) {
    it(`${f.name}: lints clean in the same zone (${f.zone})`, async () => {
      const messages = await lint(f);
      expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`)).toEqual([]);
    });
  }

  it('the same fixtures outside any zone are not reported (the zones, not the fixtures, decide)', async () => {
    const f = violations.find((v) => v.name.startsWith('panel'))!;
    const messages = await lint({ ...f, zone: 'tests/unit/__elsewhere__.ts' });
    expect(messages.filter((m) => BOUNDARY_RULES.has(m.ruleId ?? ''))).toEqual([]);
  });
});
