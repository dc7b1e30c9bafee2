/** Shapes exchanged when the content script holds a submit click (types, and one tiny text helper). */
import type { Finding } from './rules';
import type { FormSnapshot } from './pages/snapshot';
import type { SubmitSignature } from './pages/table';

export interface SubmitCheckRequest {
  /** Client-generated id so the outcome can be joined to the check. */
  checkId: string;
  /** Which kind of submit the content script recognised (from the SUBMITS table). */
  kind: SubmitSignature['kind'];
  /** The form as the user filled it; the background turns it into a rule submission. */
  snapshot: FormSnapshot;
  /** Where the click happened. */
  page: string;
}

export interface CheckVerdict {
  checkId: string;
  verdict: 'allow' | 'warn' | 'block';
  findings: Finding[];
}

/**
 * What the platform itself showed after a submit we let through: the text of each message with the
 * `alert` role (its toasts and field errors) that appeared shortly afterwards, in order, at most 3.
 */
export interface PlatformReply {
  checkId: string;
  texts: string[];
}

/** At most this many replies, each at most this long, are kept. */
export const REPLY_MAX_TEXTS = 3;
export const REPLY_MAX_CHARS = 200;

/** Phone-like digit runs in platform text, masked before anything is kept (`138****8000`). */
export function maskPhonesInText(text: string): string {
  return text.replace(/(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)/g, '$1****$2');
}

export interface SubmitOutcome {
  checkId: string;
  outcome: 'released' | 'continued' | 'cancelled' | 'failed-open';
  /** For `continued`: the reason the user gave, if any. For `failed-open`: what went wrong. */
  detail?: string;
  /** For `failed-open`: the kind of submit that went through unchecked. */
  kind?: SubmitSignature['kind'];
}
