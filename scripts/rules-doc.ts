/**
 * Writes docs/rules.md from the rule catalogue. Run with
 * `node --experimental-strip-types scripts/rules-doc.ts` (npm run rules:doc); add `--check` to only
 * compare and exit 1 when the committed file is stale.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRulesDoc } from '../utils/rules/doc.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'docs', 'rules.md');
const text = renderRulesDoc();

if (process.argv.includes('--check')) {
  let current: string;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = '';
  }
  if (current !== text) {
    console.error('docs/rules.md is out of date: run `npm run rules:doc`.');
    process.exit(1);
  }
  console.log('docs/rules.md is up to date.');
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`Wrote ${target}`);
}
