import { checkSubmission, emptyContext, verdictOf, type RuleContext } from '@/utils/rules';
import type { CheckVerdict, SubmitCheckRequest, SubmitOutcome } from '@/utils/submit-types';
import { updateTab } from './pages';

/** Builds the rule context for a tab: what the ledger knows plus the page's account. */
export type ContextProvider = (tabId: number, request: SubmitCheckRequest) => Promise<RuleContext>;

let provideContext: ContextProvider = () => Promise.resolve(emptyContext(Date.now()));
export function setContextProvider(p: ContextProvider): void {
  provideContext = p;
}

export async function checkPageSubmission(tabId: number, request: SubmitCheckRequest): Promise<CheckVerdict> {
  const context = await provideContext(tabId, request);
  const findings = checkSubmission(request.submission, context);
  const verdict: CheckVerdict = { checkId: request.checkId, verdict: verdictOf(findings), findings };
  await updateTab(tabId, (prev) => ({
    ...(prev ?? { tabId }),
    tabId,
    updatedAt: Date.now(),
    lastCheck: {
      checkId: request.checkId,
      at: Date.now(),
      kind: request.submission.kind,
      verdict: verdict.verdict,
      findings,
    },
  }));
  return verdict;
}

export async function recordOutcome(tabId: number, outcome: SubmitOutcome): Promise<void> {
  await updateTab(tabId, (prev) => {
    const base: NonNullable<typeof prev> = { ...(prev ?? { tabId }), tabId, updatedAt: Date.now() };
    if (outcome.outcome === 'failed-open') {
      base.error = {
        at: Date.now(),
        zh: `助手的提交前检查出错，已放行本次提交：${outcome.detail ?? '未知错误'}`,
        en: `The assistant's pre-submit check failed, so the submit went through unchecked: ${outcome.detail ?? 'unknown error'}`,
      };
    }
    if (base.lastCheck?.checkId === outcome.checkId) {
      base.lastCheck = {
        ...base.lastCheck,
        outcome: outcome.outcome,
        ...(outcome.detail ? { detail: outcome.detail } : {}),
      };
    } else if (outcome.outcome === 'failed-open') {
      base.lastCheck = {
        checkId: outcome.checkId,
        at: Date.now(),
        kind: outcome.submission?.kind ?? 'unknown',
        verdict: 'allow',
        findings: [],
        outcome: 'failed-open',
        ...(outcome.detail ? { detail: outcome.detail } : {}),
      };
    }
    return base;
  });
}
