/**
 * Every message the background answers, as plain functions of (data, sender): registered in
 * index.ts, and called directly by the tests (including the fuzzers, which forge both arguments).
 * Each handler first checks who sent it, then the data's shape; anything else gets a neutral answer
 * and writes nothing.
 */
import {
  isFromExtensionPage,
  isFromOurPage,
  type LedgerCommandResult,
  type OutlineAnswer,
  type SenderLike,
} from '@/utils/messaging';
import { applyReport, type TabState } from '@/utils/tab-state';
import type { PageReport, RosterList } from '@/utils/pages/types';
import * as v from 'valibot';
import {
  type OutlineRequest,
  OutlineRequestSchema,
  PageReportSchema,
  RosterListSchema,
  PlatformReplySchema,
  SubmitCheckRequestSchema,
  SubmitOutcomeSchema,
} from '@/utils/schemas/messages';
import {
  maskPhonesInText,
  type CheckVerdict,
  type PlatformReply,
  type SubmitCheckRequest,
  type SubmitOutcome,
} from '@/utils/submit-types';
import { checkSubmission, verdictOf, withItemNamed, type Submission } from '@/utils/rules';
import {
  batchFromSnapshot,
  isBatchPublish,
  openedForOf,
  proxyPublishOffered,
  rosterUnbindFromSnapshot,
  submissionFromSnapshot,
  unreadableFields,
} from '@/utils/pages/extract';
import { isInstitutionUrl } from '@/utils/platform/hosts';
import { getTab, inTabOrder, reportError, updateTab } from './tabs';
import { creatorOfCheck, logCheck, logOutcome, logReply } from './checklog';
import { currentLang } from './lang';
import { boxKit } from '@/utils/i18n/box';
import { both, bothWith, translate } from '@/utils/i18n';
import { browserUiLanguage, resolveLang, type Bi } from '@/utils/i18n/lang';
import {
  notePublishGrantSeen,
  onPageReport,
  applyRoster,
  onSubmitReply,
  prepareSubmission,
  rosterFacts,
  rememberCheck,
  ruleContext,
  runLedgerCommand,
  submittedCheck,
} from './ledger';
import type { Faults } from './test-hooks';
import { readOutline } from './outline';

/** A report must look like one all the way down before anything is stored (forged or stale content scripts). */
export const isReport = (x: unknown): x is PageReport => v.is(PageReportSchema, x);
const isCheckRequest = (x: unknown): x is SubmitCheckRequest => v.is(SubmitCheckRequestSchema, x);
const isOutcome = (x: unknown): x is SubmitOutcome => v.is(SubmitOutcomeSchema, x);
const isReply = (x: unknown): x is PlatformReply => v.is(PlatformReplySchema, x);
const isOutlineRequest = (x: unknown): x is OutlineRequest => v.is(OutlineRequestSchema, x);
const isRosterList = (x: unknown): x is RosterList => v.is(RosterListSchema, x);

function pathOf(url: string | undefined): string {
  try {
    const u = new URL(url ?? '');
    return `${u.hostname}${u.pathname}`.slice(0, 200);
  } catch {
    return '';
  }
}

export interface HandlerEnv {
  extensionId: string;
  extensionOrigin: string;
  now: () => number;
  /** Fault injection for the fail-open tests (test builds only: see test-hooks.ts). */
  faults?: () => Faults | undefined;
  /** How a tab's outline is read (the tests give their own; default: inject entrypoints/outline.ts). */
  readOutline?: (tabId: number) => Promise<OutlineAnswer>;
  /** How a 达人管理 tab's roster is read (the tests give their own; default: inject entrypoints/roster.ts). */
  readRoster?: (tabId: number) => Promise<RosterList | null>;
}

export function makeHandlers(env: HandlerEnv) {
  const fromPage = (s: SenderLike) => isFromOurPage(s, env.extensionId);
  const fromPanel = (s: SenderLike) => isFromExtensionPage(s, env.extensionId, env.extensionOrigin);

  return {
    async 'page:report'(data: unknown, sender: SenderLike): Promise<void> {
      if (!fromPage(sender) || !isReport(data)) return;
      const tabId = sender.tab!.id!;
      await inTabOrder(tabId, async () => {
        const state = await updateTab(tabId, (prev) => applyReport(prev, tabId, data, env.now()));
        try {
          await onPageReport(tabId, data, state.account ?? null, env.now(), env.readRoster);
        } catch (err) {
          await reportError(tabId, err, 'ledger');
          return;
        }
        // Recorded this time: an earlier recording error on this tab is over (say, space was freed).
        if (state.error?.source === 'ledger')
          await updateTab(tabId, (prev) => {
            const next: TabState = { ...(prev ?? { tabId }), tabId, updatedAt: env.now() };
            if (next.error?.source === 'ledger') delete next.error;
            return next;
          });
      });
    },

    async 'roster:report'(data: unknown, sender: SenderLike): Promise<void> {
      if (!fromPage(sender) || sender.frameId !== 0 || !isRosterList(data)) return;
      const tabId = sender.tab!.id!;
      await inTabOrder(tabId, async () => {
        try {
          await applyRoster(tabId, data, env.now());
        } catch (err) {
          await reportError(tabId, err, 'ledger');
        }
      });
    },

    async 'page:left'(_data: unknown, sender: SenderLike): Promise<void> {
      if (!fromPage(sender) || sender.frameId !== 0) return;
      const tabId = sender.tab!.id!;
      await updateTab(tabId, (prev) => ({
        ...(prev ?? { tabId }),
        tabId,
        leftAt: env.now(),
        updatedAt: env.now(),
      }));
    },

    async 'submit:check'(data: unknown, sender: SenderLike): Promise<CheckVerdict> {
      // A forged or malformed request gets "allow" with no findings: the content script's fail-open
      // path, never an exception and never a write.
      if (!fromPage(sender) || !isCheckRequest(data)) return { checkId: '', verdict: 'allow', findings: [] };
      if (import.meta.env.GUANGHE_TEST_HOOKS) {
        const fault = env.faults?.()?.check;
        if (fault === 'throw') throw new Error('injected fault: check threw');
        if (fault === 'hang') return new Promise<CheckVerdict>(() => undefined);
        if (fault === 'garbage') return { bogus: true } as unknown as CheckVerdict;
      }
      // A form whose fields cannot be found is not checked as if they were empty: the content script
      // lets it go on unchecked (fail open) and tells the panel why.
      const unread = unreadableFields(data.kind, data.snapshot);
      if (unread.length)
        return {
          checkId: data.checkId,
          verdict: 'allow',
          findings: [],
          failOpen: `${UNREAD_PREFIX}${unread.join(',')}`,
        };
      // 批量发布 (the 发布器 frame holding a list of items): every item, or unchecked when none is read.
      const batch =
        data.kind === 'proxy-publish-video' && isBatchPublish(data.page, data.snapshot)
          ? batchFromSnapshot(data.snapshot)
          : null;
      if (batch?.items.length === 0)
        return {
          checkId: data.checkId,
          verdict: 'allow',
          findings: [],
          failOpen: `${UNREAD_PREFIX}batchItems`,
        };
      const tabId = sender.tab!.id!;
      const now = env.now();
      const [tab, lang] = await Promise.all([getTab(tabId), currentLang()]);
      const offered =
        data.kind === 'proxy-publish-video' || data.kind === 'proxy-publish-image'
          ? proxyPublishOffered(data.snapshot)
          : null;
      if (offered) await notePublishGrantSeen(offered, now).catch(() => false);
      // 解绑 on the institution platform: an institution unbinding a creator of its roster.
      const byInstitution = data.kind === 'unbind' && isInstitutionUrl(data.page);
      // Publishing for a creator on the institution platform: the frame's top page is there, and its
      // address names the 达人管理 row that opened it.
      const forCreator =
        (data.kind === 'proxy-publish-video' || data.kind === 'proxy-publish-image') &&
        isInstitutionUrl(tab?.top?.url);
      const context = await ruleContext(tab?.account ?? null, now, tab?.accountUnconfirmed === true);
      if (byInstitution || forCreator) context.roster = await rosterFacts(tabId);
      let read: Submission = byInstitution
        ? rosterUnbindFromSnapshot(data.snapshot)
        : (batch ?? submissionFromSnapshot(data.kind, data.snapshot));
      const openedFor = forCreator ? openedForOf(tab?.top?.url) : undefined;
      if (
        openedFor &&
        (read.kind === 'batch-publish' ||
          read.kind === 'proxy-publish-video' ||
          read.kind === 'proxy-publish-image')
      )
        read = { ...read, openedFor };
      const submission = await prepareSubmission(read, context);
      rememberCheck(data.checkId, submission, now);
      const findings = checkSubmission(submission, context);
      // Only checks made on the institution platform name a creator (the roster view lists them).
      const creator = byInstitution || forCreator ? creatorOfCheck(submission) : undefined;
      // The box names a batch item in front of each of its findings; the panel groups them by item.
      const verdict: CheckVerdict = {
        checkId: data.checkId,
        verdict: verdictOf(findings),
        findings: batch ? findings.map(withItemNamed) : findings,
        lang,
      };
      if (verdict.verdict !== 'allow') verdict.box = boxKit(resolveLang('auto', browserUiLanguage()));
      // Bookkeeping after the answer: the click is waiting for the verdict, not for the log.
      void Promise.all([
        logCheck({
          checkId: data.checkId,
          at: now,
          kind: data.kind,
          verdict: verdict.verdict,
          ruleIds: findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId),
          path: pathOf(data.page),
          ...(creator ? { creator } : {}),
        }),
        updateTab(tabId, (prev) => ({
          ...(prev ?? { tabId }),
          tabId,
          updatedAt: now,
          lastCheck: { checkId: data.checkId, at: now, kind: data.kind, verdict: verdict.verdict, findings },
        })),
      ]).catch((err: unknown) => reportError(tabId, err));
      return verdict;
    },

    async 'submit:outcome'(data: unknown, sender: SenderLike): Promise<void> {
      if (!fromPage(sender) || !isOutcome(data)) return;
      const tabId = sender.tab!.id!;
      const now = env.now();
      if (data.outcome === 'released' || data.outcome === 'continued') submittedCheck(data.checkId, now);
      if (data.outcome === 'failed-open')
        await logCheck({
          checkId: data.checkId,
          at: now,
          kind: data.kind ?? 'unknown',
          verdict: 'allow',
          ruleIds: [],
          path: pathOf(sender.url),
          outcome: 'failed-open',
          ...(data.detail ? { reason: data.detail.slice(0, 500) } : {}),
        });
      else
        await logOutcome(data.checkId, data.outcome, data.outcome === 'continued' ? data.detail : undefined);
      await updateTab(tabId, (prev) => withOutcome(prev, tabId, data, now));
    },

    async 'submit:reply'(data: unknown, sender: SenderLike): Promise<void> {
      if (!fromPage(sender) || !isReply(data)) return;
      const tabId = sender.tab!.id!;
      const reply = data.texts.map(maskPhonesInText);
      // Shown with the check while its page is still open (a success may navigate away first); kept in
      // the check log either way. An id that is in neither changes nothing and writes nothing.
      if ((await getTab(tabId))?.lastCheck?.checkId === data.checkId)
        await updateTab(tabId, (prev) =>
          prev?.lastCheck?.checkId === data.checkId
            ? { ...prev, updatedAt: env.now(), lastCheck: { ...prev.lastCheck, reply } }
            : (prev ?? { tabId, updatedAt: env.now() }),
        );
      await logReply(data.checkId, reply);
      // In the tab's order, so a list read that follows the reply sees the early record.
      await inTabOrder(tabId, async () => {
        const tab = await getTab(tabId);
        if (tab?.accountUnconfirmed) return; // a fresh login: nothing is filed under the previous account
        try {
          await onSubmitReply(data.checkId, reply, tab?.account ?? null, env.now());
        } catch (err) {
          await reportError(tabId, err, 'ledger');
        }
      });
    },

    async 'ledger:command'(data: unknown, sender: SenderLike): Promise<LedgerCommandResult> {
      if (!fromPanel(sender))
        return {
          ok: false,
          error: { zh: '拒绝：消息不是来自助手自己的页面', en: 'Refused: not from an extension page' },
        };
      return runLedgerCommand(data, env.now());
    },

    async 'page:outline'(data: unknown, sender: SenderLike): Promise<OutlineAnswer> {
      if (!fromPanel(sender) || !isOutlineRequest(data)) return { ok: false, reason: 'refused' };
      return (env.readOutline ?? readOutline)(data.tabId);
    },
  };
}

export type Handlers = ReturnType<typeof makeHandlers>;

/** The `failOpen` reason of a form whose fields were not found: this prefix, then their ids. */
const UNREAD_PREFIX = 'fields-unread:';
const UNREAD_FIELDS = ['inviteGuangguangId', 'invitePhone', 'batchItems'] as const;
/**
 * The content script's own reasons, sent as short codes (its size budget) and told here in words:
 * no verdict within its time limit, a verdict without the parts it needs.
 */
const CONTENT_REASONS = { timeout: 'failedOpen.timeout', verdict: 'failedOpen.verdict' } as const;

/** Why a submit went through unchecked, in both languages (the panel shows the chosen one). */
function failedOpenText(detail: string | undefined): Bi {
  if (detail?.startsWith(UNREAD_PREFIX)) {
    const ids = detail.slice(UNREAD_PREFIX.length).split(',');
    return bothWith('failedOpen.unread', (lang) => ({
      fields: ids
        .map((id) => {
          const known = UNREAD_FIELDS.find((f) => f === id);
          return known ? translate(lang, `field.${known}`) : id;
        })
        .join(translate(lang, 'failedOpen.sep')),
    }));
  }
  if (detail !== undefined && Object.hasOwn(CONTENT_REASONS, detail))
    return both(CONTENT_REASONS[detail as keyof typeof CONTENT_REASONS]);
  return bothWith('failedOpen.error', (lang) => ({
    detail: detail ?? translate(lang, 'failedOpen.unknown'),
  }));
}

function withOutcome(prev: TabState | undefined, tabId: number, o: SubmitOutcome, now: number): TabState {
  const next: TabState = { ...(prev ?? { tabId }), tabId, updatedAt: now };
  if (o.outcome === 'failed-open') next.error = { at: now, ...failedOpenText(o.detail) };
  if (next.lastCheck?.checkId === o.checkId) {
    next.lastCheck = { ...next.lastCheck, outcome: o.outcome, ...(o.detail ? { detail: o.detail } : {}) };
  } else if (o.outcome === 'failed-open') {
    next.lastCheck = {
      checkId: o.checkId,
      at: now,
      kind: o.kind ?? 'unknown',
      verdict: 'allow',
      findings: [],
      outcome: 'failed-open',
      ...(o.detail ? { detail: o.detail } : {}),
    };
  }
  return next;
}
