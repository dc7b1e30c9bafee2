/**
 * Text as the recognisers compare it. The platform shows the same visible words in many spellings:
 * `确 定` (a space some button components put between two 汉字), `逛逛号：` / `逛逛号:` / `* 逛逛号`
 * (colons, full-width or not, and required marks), a zero-width character pasted into a label,
 * full-width letters or digits. Every comparison of page text with an anchor of the table (headings,
 * buttons, labels, placeholders, dialog titles, column headers, iframe titles) goes through
 * `normaliseText` on both sides, here and nowhere else.
 *
 * Values the user typed are never normalised this way (a title's spaces and emoji count for the
 * rules): only `clean` (collapse white space, drop invisible marks) applies to text that is kept.
 */

/**
 * Characters that render as nothing: zero-width space, direction marks, word joiner, invisible
 * operators, BOM, soft hyphen, Mongolian vowel separator; `INVISIBLE` also the zero-width joiner and
 * non-joiner, which `clean` keeps because they hold emoji sequences together.
 */
const KEPT_JOINERS = '\u00AD\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u206A-\u206F\uFEFF';
const INVISIBLE = new RegExp(`[${KEPT_JOINERS}\u200C\u200D]`, 'g');
const INVISIBLE_KEEPING_JOINERS = new RegExp(`[${KEPT_JOINERS}]`, 'g');
/** Required marks and colons at either end of a label (after NFKC: `＊` → `*`, `：` → `:`). */
const MARKS_AT_ENDS = /^[*:]+|[*:]+$/g;

/**
 * The comparable form of a piece of page text: NFKC (full-width → half-width, so `：` is `:` and `＊`
 * is `*`), invisible characters removed, all white space removed (inner spaces too), and required
 * marks and colons at the ends dropped. `「 * 手机号： 」` and `手机号` compare equal.
 */
export function normaliseText(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, '').replace(MARKS_AT_ENDS, '');
}

/** Whether two pieces of page text are the same visible words. Empty never equals anything. */
export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = normaliseText(a);
  return x !== '' && x === normaliseText(b);
}

/** Whether page text contains an anchor's words. An empty anchor is contained in nothing. */
export function textIncludes(
  haystack: string | null | undefined,
  needle: string | null | undefined,
): boolean {
  const n = normaliseText(needle);
  return n !== '' && normaliseText(haystack).includes(n);
}

/** Collapse white space the way a reader sees it and drop invisible marks; for text that is kept. */
export function clean(text: string | null | undefined): string {
  return (text ?? '').replace(INVISIBLE_KEEPING_JOINERS, '').replace(/\s+/g, ' ').trim();
}
