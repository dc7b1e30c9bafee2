/** Shapes exchanged when the content script holds a submit click. Pure types, no code. */
import type { Finding, Submission } from './rules';

export interface SubmitCheckRequest {
  /** Client-generated id so the outcome can be joined to the check. */
  checkId: string;
  submission: Submission;
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
  /** For `released`/`continued`: the submission that went through, so the background can record it. */
  submission?: Submission;
}
