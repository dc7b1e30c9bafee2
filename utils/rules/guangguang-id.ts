/**
 * 逛逛号: the id shown at avatar → 设置 → 我的逛逛号 (seed-001). Its format is not documented
 * (platform.md §6), so we are lenient on purpose:
 *
 * - we strip what people paste along with it: a leading `逛逛号:` / `逛逛号：` label and a leading `@`,
 *   and normalise full-width characters (NFKC);
 * - `malformed` (block) only when it is obviously not an id: it has spaces inside, or it mixes
 *   Chinese characters with Latin letters or digits (a pasted sentence or nickname plus id);
 * - `unusual` (warn) when it is all Chinese (looks like a nickname), has characters other than
 *   letters, digits, `_`, `.` and `-`, or is shorter than 4 or longer than 32 characters.
 */
import { clean } from './text.ts';

export function normalizeGuangguangId(raw: unknown): string {
  return clean(raw)
    .replace(/^逛逛号\s*[:：]?\s*/, '')
    .replace(/^@/, '')
    .trim();
}

/** For comparing two ids: normalised and case-folded. */
export function sameGuangguangId(a: unknown, b: unknown): boolean {
  const x = normalizeGuangguangId(a).toLowerCase();
  return x !== '' && x === normalizeGuangguangId(b).toLowerCase();
}

export type IdShape = 'empty' | 'malformed' | 'nickname-like' | 'unusual' | 'ok';

const CJK = /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]/;
const ASCII_ALNUM = /[A-Za-z0-9]/;
const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{3,31}$/;

export function shapeOfGuangguangId(raw: unknown): IdShape {
  const id = normalizeGuangguangId(raw);
  if (id === '') return 'empty';
  if (/\s/.test(id)) return 'malformed';
  const cjk = CJK.test(id);
  if (cjk && ASCII_ALNUM.test(id)) return 'malformed';
  if (cjk) return 'nickname-like';
  return PLAIN_ID.test(id) ? 'ok' : 'unusual';
}
