/** Saved pages of the mock platform (tests/fixtures/pages), parsed with linkedom for the recogniser tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';

const DIR = join(import.meta.dirname, '../../fixtures/pages');

export function load(name: string): Document {
  return parseHTML(readFileSync(join(DIR, name), 'utf8')).document;
}
