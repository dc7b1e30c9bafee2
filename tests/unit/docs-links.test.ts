/**
 * The docs point at things that exist: every relative markdown link and every backticked repo path in
 * README.md, every folder's README.md and PRIVACY.md names a file or folder that is in the repo.
 *
 * What counts as a repo path in backticks: no spaces, no URL scheme, no placeholder (`*`, `<…>`, `{…}`,
 * `…`, `$`), and either a `/` or a file extension. It may be relative to the README's folder or to the
 * repo root; a bare file name may also be relative to a folder named in the same paragraph, table row
 * or list item (the map of the code says `handlers.ts` in the row of `entrypoints/background/`).
 * Ignored: absolute paths (`/usr/bin/chromium`, the mock's URL paths), package names (`@scope/x`, or a
 * first segment that is not in the repo, like `wxt/browser`), and what .gitignore names (build output,
 * `.output/chrome-mv3`). A `#section` or `:line` after a path is dropped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const git = (args: string[], input?: string) =>
  execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', ...(input === undefined ? {} : { input }) });

const DOCS = [...git(['ls-files', '*README.md']).split('\n').filter(Boolean), 'PRIVACY.md'];
const TOP = new Set(git(['ls-tree', '--name-only', 'HEAD']).split('\n').filter(Boolean));
const EXT = /\.(ts|tsx|js|mjs|cjs|json|md|html|css|ya?ml|png|svg|txt|sh)$/;
const PLACEHOLDER = /[*<>…${}|]|^[a-z][a-z-]*:/;

const exists = (p: string) => existsSync(join(ROOT, p));
const isDir = (p: string) => exists(p) && statSync(join(ROOT, p)).isDirectory();

/** The blocks a doc is made of: paragraphs, list items, table rows (fenced code left out). */
function blocks(text: string): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let fenced = false;
  const flush = () => {
    if (cur.length) out.push(cur.join('\n'));
    cur = [];
  };
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) {
      flush();
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    if (!line.trim()) flush();
    else if (/^\s*(\||[-*] |\d+\. )/.test(line)) {
      flush();
      cur.push(line);
    } else cur.push(line);
  }
  flush();
  return out;
}

interface Ref {
  doc: string;
  kind: 'link' | 'code';
  text: string;
}

/** Every reference of one doc that does not resolve. */
function broken(doc: string, text = readFileSync(join(ROOT, doc), 'utf8')): Ref[] {
  const base = dirname(doc) === '.' ? '' : dirname(doc);
  const bad: Ref[] = [];
  for (const block of blocks(text)) {
    const links = [...block.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    const codes = [...block.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!);
    const candidates = (p: string) => [posix.join(base, p), p];
    // Folders this block names: the context of a bare file name in it.
    const context = new Set<string>([base]);
    for (const c of codes.map((c) => c.replace(/[#:].*$/, ''))) {
      for (const p of candidates(c)) {
        if (isDir(p)) context.add(p);
        else if (exists(p)) context.add(posix.dirname(p));
      }
    }
    for (const link of links) {
      if (/^([a-z]+:|#)/.test(link)) continue;
      const p = link.replace(/#.*$/, '');
      if (!exists(posix.join(base, p))) bad.push({ doc, kind: 'link', text: link });
    }
    for (const code of codes) {
      if (PLACEHOLDER.test(code) || code.startsWith('/') || code.startsWith('@')) continue;
      const p = code.replace(/#.*$/, '').replace(/:\d+(:\d+)?$/, '');
      if (!p.includes('/') && !EXT.test(p)) continue;
      const first = p.split('/')[0]!;
      if (p.includes('/') && !TOP.has(first) && !exists(posix.join(base, first))) continue;
      if (candidates(p).some(exists)) continue;
      if (!p.includes('/') && [...context].some((dir) => exists(posix.join(dir, p)))) continue;
      bad.push({ doc, kind: 'code', text: code });
    }
  }
  // What .gitignore names (build output, local results) is not expected to be in a checkout.
  if (!bad.length) return bad;
  const pathsOf = (r: Ref) => [posix.join(base, r.text.replace(/[#].*$/, '')), r.text.replace(/[#].*$/, '')];
  let ignored = new Set<string>();
  try {
    ignored = new Set(
      git(['check-ignore', '--no-index', '--stdin'], bad.flatMap(pathsOf).join('\n')).split('\n'),
    );
  } catch {
    // exit status 1: none of them is ignored
  }
  return bad.filter((r) => !pathsOf(r).some((p) => ignored.has(p)));
}

describe('docs point at files that exist', () => {
  it('finds the READMEs', () => {
    expect(DOCS).toContain('README.md');
    expect(DOCS).toContain('utils/ledger/README.md');
  });

  for (const doc of DOCS) {
    it(doc, () => {
      expect(broken(doc).map((r) => `${r.kind} ${r.text}`)).toEqual([]);
    });
  }

  it('the checker sees a broken link, a broken backticked path and a bare name with no folder', () => {
    const text = [
      '[gone](nowhere.md) and [here](../../README.md)',
      '',
      '`utils/ledger/nothing-here.ts` and `utils/ledger/db.ts`',
      '',
      '| `entrypoints/background/` | `handlers.ts`, `nope.ts` |',
      '',
      '`wxt/browser`, `/usr/bin/chromium`, `@wxt-dev/storage`, `migrations/v<N>.ts`, `.output/chrome-mv3`',
    ].join('\n');
    // As if it were a README in tests/unit/.
    expect(broken('tests/unit/README.md', text).map((r) => `${r.kind} ${r.text}`)).toEqual([
      'link nowhere.md',
      'code utils/ledger/nothing-here.ts',
      'code nope.ts',
    ]);
  });
});
