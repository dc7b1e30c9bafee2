// Sizes of a build, shared by `npm run bench` (the size rows) and tests/e2e/manifest.spec.ts (the
// budgets every CI run holds): gzip -9 as Node's zlib gives it, and the side panel's startup JS.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** gzip -9 size of a file, in bytes. */
export const gzipBytes = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/**
 * JS the side panel's HTML loads at startup: entry scripts, modulepreloads and their static imports
 * (`import(` is a lazy chunk, not startup JS). Each with its raw and gzip size.
 * @param {string} dir a built extension (e.g. .output/chrome-mv3)
 * @returns {{ file: string, bytes: number, gzip: number }[]}
 */
export function panelStartupJs(dir) {
  const html = readFileSync(join(dir, 'sidepanel.html'), 'utf8');
  const queue = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)) queue.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g))
    queue.push(m[1]);
  const files = new Set();
  const abs = (from, spec) => (spec.startsWith('/') ? join(dir, spec) : resolve(dirname(from), spec));
  const todo = queue.map((s) => abs(join(dir, 'sidepanel.html'), s));
  while (todo.length) {
    const file = todo.pop();
    if (files.has(file)) continue;
    files.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(
      /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'`]([^"'`\n]+\.js)["'`]/g,
    ))
      todo.push(abs(file, m[1]));
  }
  return [...files].map((f) => ({
    file: relative(dir, f),
    bytes: readFileSync(f).length,
    gzip: gzipBytes(f),
  }));
}
