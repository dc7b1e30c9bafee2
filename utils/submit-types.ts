/** Shapes exchanged when the content script holds a submit click. Pure types, no code. */
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

export interface SubmitOutcome {
  checkId: string;
  outcome: 'released' | 'continued' | 'cancelled' | 'failed-open';
  /** For `continued`: the reason the user gave, if any. For `failed-open`: what went wrong. */
  detail?: string;
  /** For `failed-open`: the kind of submit that went through unchecked. */
  kind?: SubmitSignature['kind'];
}
