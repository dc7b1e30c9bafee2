/**
 * No hard-coded interface text in the panel: components/ and entrypoints/sidepanel/ hold no Chinese
 * and no English sentence outside the catalogues (utils/i18n/). Read with the TypeScript scanner, so
 * comments do not count and string literals, template text and JSX text do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ledgerZh } from '@/utils/i18n/ledger/zh';

const ROOT = join(import.meta.dirname, '../..');
const DIRS = ['components', 'entrypoints/sidepanel', 'entrypoints/guanghe.content/findings-box.ts'];
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

function files(p: string): string[] {
  const abs = join(ROOT, p);
  if (/\.tsx?$/.test(abs)) return [abs];
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(p, e.name)) : /\.tsx?$/.test(e.name) ? [join(abs, e.name)] : [],
  );
}

/** English words as a user reads them: two or more words of letters, or one capitalised word and a stop. */
const looksEnglish = (text: string) =>
  /[A-Za-z]{2,}[ ,;:'’]+[A-Za-z]{2,}/.test(text) || /^[A-Z][a-z]+[.!?…]?$/.test(text.trim());

/** Text that is code, not interface: class names, test ids, CSS, URLs, MIME types, event names. */
const isCode = (text: string) =>
  /^(?![A-Z][a-z]+$)[\w-]+$/.test(text.trim()) || // one token: an id, a key, a value (not a Word)
  /^[a-z]+:[\w:-]+$/.test(text) || // a message name
  (/^[a-z][\w-]*( [a-z][\w-]*)*$/.test(text) && text.includes('-')) || // class names
  /^[a-z]+\/[\w.+-]+(;.*)?$/i.test(text) || // a MIME type
  (/^\s*(\[|\.|#)?[\w-]+(\[[^\]]*\])?\s*(,|>|\s|$)/.test(text) && /[[\]"=]/.test(text)); // a CSS selector

interface Hit {
  file: string;
  line: number;
  text: string;
}

/** Every piece of literal text in a file (string and template literals, JSX text), with its line. */
function literals(file: string, src = readFileSync(file, 'utf8')): Hit[] {
  const sf = ts.createSourceFile(file, src, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: Hit[] = [];
  const add = (node: ts.Node, text: string) =>
    out.push({
      file: relative(ROOT, file),
      line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      text,
    });
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      add(node.head, node.head.text);
      for (const span of node.templateSpans) add(span.literal, span.literal.text);
    } else if (ts.isJsxText(node)) {
      if (node.text.trim()) add(node, node.text.trim());
    }
    // `t('some.key')`, `both(...)`, `<Msg k="..." />`: catalogue keys, not text.
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      /^(t|both|bothWith|translate)$/.test(node.expression.text)
    ) {
      for (const a of node.arguments.slice(1)) visit(a);
      return;
    }
    if (ts.isJsxAttribute(node) && node.name.getText() === 'k') return;
    // Test ids and data attributes are for tests, not for people.
    if (
      ts.isJsxAttribute(node) &&
      /^(data-|className$|id$|htmlFor$|type$|role$|key$|rel$|accept$|inputMode$|autoComplete$)/.test(
        node.name.getText(),
      )
    )
      return;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/**
 * Literal text allowed on purpose, each with why: not interface text in one language.
 */
const ALLOWED: { file: RegExp; text: RegExp; why: string }[] = [
  { file: /./, text: /^(Escape|Home|End|Enter)$/, why: 'KeyboardEvent.key values' },
  {
    file: /^components\/ledger\/error-text\.ts$/,
    text: /^unknown error$/,
    why: 'fallback of a technical error report',
  },
  { file: /findings-box\.ts$/, text: /^\s*:host\{/, why: 'the box’s CSS' },
];

const offending = (hits: readonly Hit[]) =>
  hits
    .filter((h) => CJK.test(h.text) || (looksEnglish(h.text) && !isCode(h.text)))
    .filter((h) => !ALLOWED.some((a) => a.file.test(h.file) && a.text.test(h.text)))
    .map((h) => `${h.file}:${h.line} ${h.text}`);

describe('no hard-coded interface text in the panel', () => {
  const all = DIRS.flatMap(files).flatMap((f) => literals(f));

  it('scans the panel', () => {
    expect(all.length).toBeGreaterThan(200);
  });

  it('has no Chinese outside the catalogues', () => {
    const cjk = all.filter((h) => CJK.test(h.text)).map((h) => `${h.file}:${h.line} ${h.text}`);
    expect(cjk).toEqual([]);
  });

  it('has no English sentence outside the catalogues', () => {
    expect(offending(all)).toEqual([]);
  });

  it('would see one: inline pairs, JSX text, labels and template text are caught; keys and ids are not', () => {
    const sample = `
      const a = { zh: '已保存', en: 'Saved' };
      export const B = () => (
        <p className="lstatus ok" data-testid="x-y" aria-label="Check results">
          Nothing was saved. <Msg k="gate.blocked" /> {t('tab.now')} {\`\${n} items waiting\`}
        </p>
      );`;
    expect(offending(literals(join(ROOT, 'components/Sample.tsx'), sample))).toEqual([
      'components/Sample.tsx:2 已保存',
      'components/Sample.tsx:2 Saved',
      'components/Sample.tsx:4 Check results',
      'components/Sample.tsx:5 Nothing was saved.',
      'components/Sample.tsx:5  items waiting',
    ]);
  });
});

/**
 * The ledger catalogue is registered by `import '@/utils/i18n/ledger'` (it loads with the lazy ledger
 * chunks, not with the panel): a module that uses one of its keys must import it, or the key would show
 * as itself until something else happened to load it.
 */
describe('the ledger catalogue is loaded where it is used', () => {
  const ledgerKeys = Object.keys(ledgerZh);
  const sources = ['components', 'entrypoints', 'utils']
    .flatMap(files)
    .filter((f) => !relative(ROOT, f).startsWith('utils/i18n/'));

  it('every module that uses a ledger key imports @/utils/i18n/ledger', () => {
    const missing: string[] = [];
    for (const f of sources) {
      const src = readFileSync(f, 'utf8');
      const keys = new Set([...src.matchAll(/['"]([a-z][\w-]*\.[\w.-]+)['"]/g)].map((m) => m[1]!));
      const prefixes = [...src.matchAll(/`([a-z][\w-]*\.[\w.-]*\.)\$\{/g)].map((m) => m[1]!);
      const uses =
        ledgerKeys.some((k) => keys.has(k)) || prefixes.some((p) => ledgerKeys.some((k) => k.startsWith(p)));
      if (uses && !src.includes("import '@/utils/i18n/ledger';")) missing.push(relative(ROOT, f));
    }
    expect(missing).toEqual([]);
  });

  it('the panel’s first paint does not load it', () => {
    for (const f of [
      'components/App.tsx',
      'components/PageCard.tsx',
      'components/ledger/WorkspaceSwitcher.tsx',
    ])
      expect(readFileSync(join(ROOT, f), 'utf8'), f).not.toContain('@/utils/i18n/ledger');
  });
});
