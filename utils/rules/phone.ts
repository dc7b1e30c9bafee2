/**
 * Phone numbers as users type them into the invite dialog's 手机号 field.
 *
 * `normalizePhone` accepts what people paste: `+86 138 0013 8000`, `0086-138-0013-8000`,
 * `86 13800138000`, full-width digits and signs (`１３８００１３８０００`, `＋８６`), dots, parentheses,
 * spaces of every kind, a `tel:` prefix — and returns the 11-digit national number, or null when the
 * result is not a plausible mainland mobile number (`1[3-9]` + 9 digits). Whether the segment is
 * actually allocated is a separate question, answered by `analyzePhone` from `data/segments.ts`.
 */
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { SEGMENTS, type Segment } from './data/segments.ts';
import { str } from './text.ts';

/** Spaces of every width, zero-width marks, dashes, dots, middle dots, brackets and slashes. */
const SEPARATORS =
  /[\s\u00A0\u1680\u180E\u2000-\u200D\u2028\u2029\u202F\u205F\u2060\u3000\uFEFF\-\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D.\u00B7\u2027\u30FB\uFF0E\uFF65()[\]{}\uFF08\uFF09\u3010\u3011/\\]/g;

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/** Digits with at most a leading `+`, or null when anything else is left after removing separators. */
function compact(raw: unknown): string | null {
  const s = str(raw)
    .normalize('NFKC')
    .trim()
    .replace(/^tel:\s*\/{0,2}/i, '')
    .replace(SEPARATORS, '');
  return /^\+?\d+$/.test(s) ? s : null;
}

/** The national part after a mainland country code (`+86`, `0086`, bare `86` before 11 digits), or the input. */
function stripMainlandPrefix(s: string): string | null {
  let national: string;
  if (s.startsWith('+')) {
    if (!s.startsWith('+86')) return null;
    national = s.slice(3);
  } else if (s.startsWith('0086')) {
    national = s.slice(4);
  } else if (s.startsWith('86') && (s.length === 13 || s.length === 15)) {
    national = s.slice(2);
  } else {
    national = s;
  }
  // `+86 (0)138 0013 8000` and the old `0` before a mobile number dialled from another province.
  if (national.length === 12 && national.startsWith('01')) national = national.slice(1);
  return national;
}

export function normalizePhone(raw: unknown): string | null {
  try {
    const s = compact(raw);
    if (s === null) return null;
    const national = stripMainlandPrefix(s);
    return national !== null && MAINLAND_MOBILE.test(national) ? national : null;
  } catch {
    return null;
  }
}

const BY_PREFIX: ReadonlyMap<string, Segment> = new Map(SEGMENTS.map((s) => [s.prefix, s]));

/** The segment a national number (11 or 13 digits) falls in, if the table has it for that length. */
export function segmentOf(national: string): Segment | null {
  const seg = BY_PREFIX.get(national.slice(0, 4)) ?? BY_PREFIX.get(national.slice(0, 3));
  if (!seg) return null;
  return (seg.lengths as readonly number[]).includes(national.length) ? seg : null;
}

export interface PhoneAnalysis {
  /** Nothing but separators was typed. */
  empty: boolean;
  /** The 11-digit mainland mobile number, when plausible. */
  normalized: string | null;
  /** Its segment from the table (also for 13-digit IoT numbers). */
  segment: Segment | null;
  /** A 13-digit IoT (物联网) number: never an account's registered phone. */
  longIot: boolean;
  /** libphonenumber-js (mobile metadata) calls it a valid CN mobile number. */
  libphonenumberValid: boolean;
  /** A number with another country code, as libphonenumber-js reads it. */
  foreign: { callingCode: string; country: string | null } | null;
}

export function analyzePhone(raw: unknown): PhoneAnalysis {
  const typed = str(raw);
  const s = compact(typed);
  const empty = typed.normalize('NFKC').replace(SEPARATORS, '') === '';
  const normalized = normalizePhone(typed);
  const national = s === null ? null : stripMainlandPrefix(s);

  let foreign: PhoneAnalysis['foreign'] = null;
  if (s !== null && national === null) {
    foreign = foreignOf(`+${s.slice(1)}`);
  } else if (s !== null && s.startsWith('00') && !s.startsWith('0086')) {
    foreign = foreignOf(`+${s.slice(2)}`);
  }

  const longIot = national !== null && national.length === 13 && segmentOf(national)?.category === 'iot';
  let segment: Segment | null = null;
  if (normalized) segment = segmentOf(normalized);
  else if (longIot && national) segment = segmentOf(national);

  let libphonenumberValid = false;
  if (normalized) {
    try {
      libphonenumberValid = isValidPhoneNumber(normalized, 'CN');
    } catch {
      libphonenumberValid = false;
    }
  }
  return { empty, normalized, segment, longIot, libphonenumberValid, foreign };
}

function foreignOf(international: string): PhoneAnalysis['foreign'] {
  try {
    const p = parsePhoneNumberFromString(international);
    if (!p || p.countryCallingCode === '86') return null;
    return { callingCode: p.countryCallingCode, country: p.country ?? null };
  } catch {
    return null;
  }
}
