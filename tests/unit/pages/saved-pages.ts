/** Saved pages of the mock platform (tests/fixtures/pages), parsed with linkedom for the recogniser tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';

const DIR = join(import.meta.dirname, '../../fixtures/pages');

export function load(name: string): Document {
  const { document } = parseHTML(readFileSync(join(DIR, name), 'utf8'));
  // linkedom has no `checked` property: give the saved checked boxes and radios the one a browser has.
  for (const el of document.querySelectorAll('input'))
    Object.defineProperty(el, 'checked', {
      configurable: true,
      get: () => el.hasAttribute('checked'),
      set: (on: boolean) => el.toggleAttribute('checked', on),
    });
  return document;
}
