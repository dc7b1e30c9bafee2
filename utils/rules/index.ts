/**
 * 光合助手's rule catalogue: pure checks of what a user is about to submit on 光合平台.
 *
 * No I/O, no DOM, no browser APIs, no clock: the caller passes a serialisable `RuleContext` (with
 * `now`) built from the local ledger. Imported by the background worker and the side panel, and by
 * `scripts/rules-doc.ts` under `node --experimental-strip-types` (hence the `.ts` relative imports).
 */
import { RULES } from './catalogue.ts';
import { runRules, verdictOf } from './engine.ts';
import { checkBatch } from './batch.ts';
import type { Finding, RuleContext, Submission } from './types.ts';

export type * from './types.ts';
export type { Rule, Hit, Params, Outcome, CheckEnv } from './engine.ts';
export type { CleanSubmission } from './coerce.ts';
export type { PhoneAnalysis } from './phone.ts';
export { RULES, verdictOf };
export { normalizePhone, analyzePhone } from './phone.ts';
export { deriveTmallNickname, storeTypeOf } from './tmall-nickname.ts';
export { parseScheduleTime, formatBeijing } from './schedule.ts';
export { normalizeGuangguangId } from './guangguang-id.ts';
export { graphemeLength } from './text.ts';

/**
 * Every finding for a submission, sorted block → warn → info. Never throws: missing or odd fields
 * count as empty, an unknown kind gives one `submission.unknown-kind` info.
 */
export function checkSubmission(submission: Submission, context: RuleContext): Finding[] {
  // A batch: each item through the publish rules too, its findings marked with the item.
  if ((submission as { kind?: unknown } | null)?.kind === 'batch-publish')
    return checkBatch(submission, context);
  return runRules(RULES, submission, context);
}
export { withItemNamed } from './batch.ts';

/** The context of a new user: no workspace, no accounts, whitelist unknown, nobody logged in. */
export function emptyContext(now = Number.NaN): RuleContext {
  return { now, workspace: null, accounts: [], whitelisted: 'unknown', pageAccount: null };
}
