/**
 * The outline's types and its text (utils/pages/outline.ts builds it): apart from the recognisers, so
 * the panel and the background can render and check one without carrying them.
 */
import type { DialogId, NoticeId, PageId } from './types';

/** At most this many entries per section, each at most this many characters. */
export const OUTLINE_MAX_ENTRIES = 40;
export const OUTLINE_MAX_CHARS = 80;

export const OUTLINE_SECTIONS = [
  'headings',
  'labels',
  'placeholders',
  'buttons',
  'roles',
  'autolog',
  'iframes',
] as const;
export type OutlineSection = (typeof OUTLINE_SECTIONS)[number];

/** One page signature of the frame's host: which of its anchors the frame has, and which it lacks. */
export interface PageAnchors {
  page: PageId;
  matched: string[];
  missed: string[];
}

export interface FrameOutline {
  /** Host and path of the frame's address, no query, no fragment. */
  url: string;
  top: boolean;
  title: string;
  recognised: { page: PageId; dialogs: DialogId[]; notices: NoticeId[]; anchors: PageAnchors[] };
  sections: Record<OutlineSection, string[]>;
  /** Sections that had more entries than the cap. */
  truncated: OutlineSection[];
}

export const DIGITS_MASK = '#####';

/** Every run of 5+ digits (full-width too; spaces, dashes and dots between them, not line breaks, count as one run) masked. */
export function maskDigits(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\d(?:[ \u00A0.\-–—]*\d)+/g, (run) => (run.replace(/\D/g, '').length >= 5 ? DIGITS_MASK : run));
}

/** The outline of every frame read, as plain text; frames that could not be read are named. */
export function renderOutline(frames: readonly FrameOutline[], unread = 0): string {
  const lines: string[] = [];
  for (const f of frames) {
    lines.push(`# ${f.top ? 'top' : 'frame'}: ${f.url}`, `title: ${f.title}`);
    const r = f.recognised;
    lines.push(
      `recognised: page=${r.page} dialogs=${r.dialogs.join(',') || '-'} notices=${r.notices.join(',') || '-'}`,
      ...r.anchors.map(
        (a) =>
          `anchors ${a.page} ${a.matched.length}/${a.matched.length + a.missed.length}: ` +
          [...a.matched.map((m) => `+${m}`), ...a.missed.map((m) => `-${m}`)].join(' '),
      ),
    );
    for (const k of OUTLINE_SECTIONS) {
      const more = f.truncated.includes(k) ? ` (first ${OUTLINE_MAX_ENTRIES})` : '';
      lines.push(`## ${k}${more}`, ...(f.sections[k].length ? f.sections[k].map((t) => `- ${t}`) : ['-']));
    }
    lines.push('');
  }
  if (unread) lines.push(`frames not read: ${unread}`);
  // Once more over the whole text: nothing above may carry 5+ digits.
  return maskDigits(lines.join('\n'));
}
