/**
 * Reading the 定时发布 time the way users type it. Without an offset the time is Beijing time
 * (UTC+8, platform.md §3.6). Accepted, after NFKC (full-width digits and colons work):
 *
 * - `2025-06-01 14:30`, `2025/6/1 9:05`, `2025.06.01 14:30:00`, `2025-06-01T14:30`
 * - `2025年6月1日 14:30`, `2025年6月1日14点30分`, `2025年6月1日 下午2点半`
 * - ISO 8601 with an offset: `2025-06-01T06:30:00Z`, `2025-06-01T14:30+08:00`, `… +0800`, `… UTC+8`
 * - an optional `北京时间` / `(北京时间)` before or after
 *
 * A date without a time, an impossible date (2月30日), 24:00 or anything else → not parsed.
 */
import { SCHEDULE_LIMITS } from './data/limits.ts';
import { clean } from './text.ts';

export interface ParsedTime {
  /** Epoch ms. */
  at: number;
  /** The offset the user typed, in minutes east of UTC; null when none (Beijing time assumed). */
  typedOffsetMinutes: number | null;
}

const DATE = String.raw`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?`;
const TIME = String.raw`(上午|早上|中午|下午|晚上)?\s*(\d{1,2})\s*(?::\s*(\d{2})(?:\s*:\s*(\d{2})(?:\.\d+)?)?|[时点]\s*(?:(\d{1,2})\s*分?|(半))?)`;
const OFFSET = String.raw`(Z|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?)?`;
const PATTERN = new RegExp(String.raw`^${DATE}\s*(?:T|\s)?\s*${TIME}\s*${OFFSET}$`, 'i');

function parseOffset(raw: string): number | null {
  if (/^z$/i.test(raw)) return 0;
  const m = /([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(raw);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

export function parseScheduleTime(input: unknown): ParsedTime | null {
  const s = clean(input)
    .replace(/[（(]?\s*北京时间\s*[)）]?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!s) return null;
  const m = PATTERN.exec(s);
  if (!m) return null;
  const [, y, mo, d, half, h, miColon, sec, miDian, ban, off] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  let hour = Number(h);
  const minute = ban ? 30 : Number(miColon ?? miDian ?? '0');
  const second = Number(sec ?? '0');
  if (half) {
    if (hour > 12) return null;
    if ((half === '下午' || half === '晚上') && hour < 12) hour += 12;
    if (half === '中午' && hour < 11) hour += 12;
    if ((half === '上午' || half === '早上') && hour === 12) hour = 0;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;

  let typedOffsetMinutes: number | null = null;
  if (off) {
    typedOffsetMinutes = parseOffset(off.replace(/\s+/g, ''));
    if (typedOffsetMinutes === null) return null;
  }
  const offset = typedOffsetMinutes ?? SCHEDULE_LIMITS.beijingOffsetMinutes;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2月30日 over into March: reject what does not round-trip.
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  return { at: wall - offset * 60_000, typedOffsetMinutes };
}

/** `YYYY-MM-DD HH:mm` in Beijing time. */
export function formatBeijing(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '';
  const d = new Date(epochMs + SCHEDULE_LIMITS.beijingOffsetMinutes * 60_000);
  if (Number.isNaN(d.getTime())) return '';
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** `YYYY-MM-DD` in Beijing time. */
export function formatBeijingDate(epochMs: number): string {
  return formatBeijing(epochMs).slice(0, 10);
}
