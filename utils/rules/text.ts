/**
 * Text helpers shared by the rules. Pure; no DOM.
 *
 * ## How length is counted (a decision: the platform does not say)
 * We count **grapheme clusters** (what a reader sees as one character, via `Intl.Segmenter`): each
 * 汉字 = 1, each Latin letter or digit = 1, each emoji = 1 even when it is built of several code points
 * (👍🏽, 👨‍👩‍👧). This is the most lenient reasonable count, so a text over the limit by this count is
 * over it by any count: that is a `block`. Many web forms count UTF-16 code units instead (JavaScript's
 * `.length`, the HTML `maxlength` attribute), where an emoji counts 2 or more; a text within the limit
 * in graphemes but over it in UTF-16 units gets a `warn`, not a block.
 */

const segmenter: Intl.Segmenter | null =
  typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function'
    ? new Intl.Segmenter('zh', { granularity: 'grapheme' })
    : null;

/**
 * Text made only of characters that never combine with a neighbour (printable ASCII, tab, newline,
 * CJK ideographs and the usual Chinese punctuation): each UTF-16 unit is one grapheme. `\r` is left
 * out because `\r\n` is one grapheme.
 */
const NEVER_COMBINES =
  /^[\t\n\x20-\x7E\u3000-\u3029\u3030-\u303F\u4E00-\u9FFF\uFF01-\uFF5E\u2014\u2018\u2019\u201C\u201D\u2026]*$/;

/** Number of grapheme clusters (user-perceived characters). Falls back to code points. */
export function graphemeLength(s: string): number {
  if (NEVER_COMBINES.test(s)) return s.length;
  if (!segmenter) return Array.from(s).length;
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

/** Number of UTF-16 code units: what `.length` and HTML `maxlength` count. */
export function utf16Length(s: string): number {
  return s.length;
}

/** A string out of anything a page extractor might hand us. Numbers become their digits. */
export function str(x: unknown): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' && Number.isFinite(x)) return String(x);
  return '';
}

/** NFKC (full-width → half-width) and trimmed, for comparisons. */
export function clean(x: unknown): string {
  return str(x).normalize('NFKC').trim();
}

/** Strings out of a possibly-missing array. */
export function strList(x: unknown): string[] {
  if (!Array.isArray(x)) return [];
  return x.map(str);
}

/**
 * Replaces `{name}` placeholders (one pass: a value is never read as a template). Unknown placeholders
 * are left as they are. Values often echo what the user typed; their ASCII braces become full-width
 * ones, so text like `{0}` typed into a form can never pass for a placeholder left unfilled.
 */
export function interpolate(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : value.replace(/[{}]/g, (b) => (b === '{' ? '｛' : '｝'));
  });
}

/** Joins items the way each language lists them. */
export function joinZh(items: readonly string[]): string {
  return items.join('、');
}
export function joinEn(items: readonly string[]): string {
  return items.join(', ');
}

/** Shortens what the user typed for quoting in a message. */
export function quote(s: string, max = 40): string {
  const chars = Array.from(s);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : s;
}
