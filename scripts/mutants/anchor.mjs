// Where a mutant applies, found by meaning rather than by exact text, so that reformatting a file
// neither disarms a mutant nor breaks it:
// - `in` names the declaration it lives in (a function, method, variable, class or object property;
//   `a > b` for `b` inside `a`), found in the file's syntax tree; it must name exactly one;
// - `find` is then looked for inside that declaration only, ignoring white space and trailing commas
//   (what a formatter changes), and must occur there exactly once.
// Anything else throws, naming the mutant: a mutant that cannot be applied fails loudly.
import ts from 'typescript';

/** The name of a declaration node, or undefined for nodes that declare nothing by name. */
function declaredName(node) {
  if (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isPropertyAssignment(node) ||
    ts.isPropertyDeclaration(node) ||
    ts.isVariableDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isShorthandPropertyAssignment(node)
  ) {
    const n = node.name;
    if (n && (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n))) return n.text;
  }
  return undefined;
}

function scriptKind(fileName) {
  if (fileName.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (fileName.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Every node declaring the path `a > b > c` (each inside the one before). */
export function findScopes(text, fileName, path) {
  const names = path.split('>').map((s) => s.trim());
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  let scopes = [sf];
  for (const name of names) {
    const next = [];
    for (const scope of scopes) {
      const visit = (node) => {
        if (declaredName(node) === name) next.push(node);
        ts.forEachChild(node, visit);
      };
      ts.forEachChild(scope, visit);
    }
    // A name inside a name found twice (nested declarations of the same name) counts once.
    scopes = next.filter((n) => !next.some((m) => m !== n && m.pos <= n.pos && n.end <= m.end));
  }
  return scopes.map((n) => ({ start: n.getStart(), end: n.end }));
}

/**
 * The text without what a formatter may change, with a map back to the original offsets: white
 * space goes, and a comma followed (after white space) by a closing bracket goes too.
 */
function squeeze(text, from = 0, to = text.length) {
  let out = '';
  const at = [];
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (/\s/.test(c)) continue;
    if (c === ',') {
      let j = i + 1;
      while (j < to && /\s/.test(text[j])) j++;
      if (j >= to || /[)\]}>]/.test(text[j])) continue;
    }
    out += c;
    at.push(i);
  }
  return { out, at };
}

/** Where the mutant's `find` stands in `text`: [start, end) offsets of the original. */
export function locate(text, fileName, m) {
  const who = `mutant ${m.id ?? '?'} (${fileName})`;
  if (!m.in) throw new Error(`${who}: no "in" (the declaration it lives in)`);
  const scopes = findScopes(text, fileName, m.in);
  if (scopes.length !== 1)
    throw new Error(`${who}: "in: ${m.in}" names ${scopes.length} declarations, not exactly one`);
  const [scope] = scopes;
  const needle = squeeze(m.find).out;
  if (!needle) throw new Error(`${who}: "find" is empty`);
  const hay = squeeze(text, scope.start, scope.end);
  const hits = [];
  for (let k = hay.out.indexOf(needle); k >= 0; k = hay.out.indexOf(needle, k + 1)) hits.push(k);
  if (hits.length !== 1)
    throw new Error(`${who}: its text occurs ${hits.length} times in "${m.in}", not exactly once`);
  const k = hits[0];
  let end = hay.at[k + needle.length - 1] + 1;
  // A `find` that ends with a comma takes the comma after the match with it, even where none is
  // left in the squeezed text (the last item of a list, followed by its closing bracket).
  if (/,\s*$/.test(m.find)) {
    let j = end;
    while (j < scope.end && /\s/.test(text[j])) j++;
    if (text[j] === ',') end = j + 1;
  }
  return { start: hay.at[k], end };
}

/** The text with the mutant applied (throws as `locate` does). */
export function applyMutant(text, fileName, m) {
  const { start, end } = locate(text, fileName, m);
  const out = text.slice(0, start) + m.replace + text.slice(end);
  if (out === text) throw new Error(`mutant ${m.id}: applying it changes nothing`);
  return out;
}
