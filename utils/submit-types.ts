/** Shapes exchanged when the content script holds a submit click (types, and one tiny text helper). */
import type { BoxKit } from './i18n/box';
import type { Lang } from './i18n/lang';
import type { Finding } from './rules';

/** The three submit messages' shapes, inferred from the schemas the background checks them with. */
export type { PlatformReply, SubmitCheckRequest, SubmitOutcome } from './schemas/messages';

export interface CheckVerdict {
  checkId: string;
  verdict: 'allow' | 'warn' | 'block';
  findings: Finding[];
  /** The interface language when the check ran: the findings box speaks it (absent: Chinese). */
  lang?: Lang;
  /**
   * Set when the form could not be read (fields of its kind not found, utils/pages/extract.ts
   * `unreadableFields`): the content script lets the submit go on unchecked and reports this reason.
   */
  failOpen?: string;
  /** With a warn or block verdict: the findings box's style and words (utils/i18n/box.ts). */
  box?: BoxKit;
}

/** How a held submit ended (the outcome message's `outcome`; the panel's recent checks name each). */
export const SUBMIT_OUTCOMES = ['released', 'continued', 'cancelled', 'failed-open'] as const;

/** At most this many replies, each at most this long, are kept. */
export const REPLY_MAX_TEXTS = 3;
export const REPLY_MAX_CHARS = 200;

/** Phone-like digit runs in platform text, masked before anything is kept (`138****8000`). */
export function maskPhonesInText(text: string): string {
  return text.replace(/(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)/g, '$1****$2');
}
