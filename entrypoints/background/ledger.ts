/**
 * The background's side of the ledger: the only writer. Runs the panel's commands, builds the rule
 * context for submit checks, records what the pages show, and keeps the reminder badge current.
 */
import '@/utils/i18n/ledger';
import Dexie from 'dexie';
import {
  LedgerError,
  LedgerImportError,
  applyImport,
  badgeText,
  createWorkspace,
  deleteWorkspace,
  getSettings,
  hmacPhone,
  listAccounts,
  openLedger,
  previewImport,
  recordInvite,
  recordPageCapture,
  renameWorkspace,
  requestPermission,
  staleCount,
  transitionBinding,
  transitionPermission,
  unbind,
  updateSettings,
  upsertAccount,
  type LedgerDb,
} from '@/utils/ledger';
import { captureRowsFromPage } from '@/utils/ledger/from-page';
import { confirmMemberGone, recordRosterCapture, restoreMember } from '@/utils/ledger/roster';
import { readRoster } from './roster';
import { applyInviteCsv, previewInviteCsv } from '@/utils/ledger/csv-import';
import { applyRosterCsv, previewRosterCsv } from '@/utils/ledger/roster-csv-import';
import {
  parseLedgerCommand,
  type LedgerCommandOf,
  type LedgerOp,
  type LedgerResults,
} from '@/utils/ledger/protocol';
import type { LedgerCommandResult } from '@/utils/messaging';
import { importProgressItem, notifiedCountItem, whitelistItem } from '@/utils/storage-items';
import { translate } from '@/utils/i18n';
import { replyVerdict } from '@/utils/pages/reply';
import { currentLang } from './lang';
import type { PageAccount, PageReport, RosterList } from '@/utils/pages/types';
import {
  emptyContext,
  normalizePhone,
  type KnownAccount,
  type RuleContext,
  type RosterFacts,
  type Submission,
} from '@/utils/rules';

let db: LedgerDb | undefined;
/** Opened lazily, once per worker life. Only extension contexts ever open it. */
export function ledger(): LedgerDb {
  return (db ??= openLedger());
}

/** For tests: use another database (fresh name per test). */
export function useLedger(next: LedgerDb): void {
  db = next;
  facts = undefined;
  workspaceByMain = undefined;
  lastAccountByTab.clear();
  lastRowsByTab.clear();
  submitted.clear();
}

function fail(zh: string, en: string): LedgerCommandResult {
  return { ok: false, error: { zh, en } };
}

function errorResult(err: unknown): LedgerCommandResult {
  if (err instanceof LedgerImportError)
    return { ok: false, error: { zh: err.zh, en: err.en, code: err.code, issues: err.issues } };
  if (err instanceof LedgerError) return { ok: false, error: { zh: err.zh, en: err.en, code: err.code } };
  const msg = err instanceof Error ? err.message : String(err);
  return fail(`操作失败：${msg}`, `The operation failed: ${msg}`);
}

/** Phones come in as typed; only a normalised number goes on (to be masked + HMACed, never stored). */
function withPhone<T extends { phone?: string | undefined }>(
  account: T,
): { ok: true; value: Omit<T, 'phone'> & { phone?: string | null } } | { ok: false } {
  const { phone, ...rest } = account;
  if (phone === undefined) return { ok: true, value: rest };
  if (phone.trim() === '') return { ok: true, value: { ...rest, phone: null } };
  const normal = normalizePhone(phone);
  return normal ? { ok: true, value: { ...rest, phone: normal } } : { ok: false };
}

export async function runLedgerCommand(raw: unknown, now = Date.now()): Promise<LedgerCommandResult> {
  const parsed = parseLedgerCommand(raw);
  if (!parsed.ok) return fail(`无效的指令：${parsed.issue}`, `Invalid command: ${parsed.issue}`);
  try {
    const value = await execute(parsed.command.op, parsed.command, now);
    void refreshBadge(now);
    return { ok: true, value };
  } catch (err) {
    return errorResult(err);
  }
}

function execute<K extends LedgerOp>(op: K, c: LedgerCommandOf<K>, now: number): Promise<LedgerResults[K]> {
  const run: Operation<K> = OPERATIONS[op];
  return run(c, ledger(), now);
}

type Operation<K extends LedgerOp> = (
  c: LedgerCommandOf<K>,
  d: LedgerDb,
  now: number,
) => Promise<LedgerResults[K]>;

/** Each operation, typed by what it answers (`LedgerResults`, which the panel's types come from). */
const OPERATIONS: { [K in LedgerOp]: Operation<K> } = {
  async createWorkspace(c, d, now) {
    const main = withPhone(c.mainAccount);
    if (!main.ok) throw new LedgerBadPhone();
    const r = await createWorkspace(d, { name: c.name, mainAccount: main.value }, manual(now));
    await updateSettings(d, { selectedWorkspaceId: r.workspace.id }, { now });
    return r;
  },
  renameWorkspace: (c, d, now) => renameWorkspace(d, c.workspaceId, c.name, manual(now)),
  async deleteWorkspace(c, d, now) {
    const r = await deleteWorkspace(d, c.workspaceId);
    const s = await getSettings(d);
    if (s.selectedWorkspaceId === c.workspaceId)
      await updateSettings(d, { selectedWorkspaceId: null }, { now });
    return r;
  },
  selectWorkspace: (c, d, now) => updateSettings(d, { selectedWorkspaceId: c.workspaceId }, { now }),
  upsertAccount(c, d, now) {
    const a = withPhone(c.account);
    if (!a.ok) throw new LedgerBadPhone();
    return upsertAccount(d, c.workspaceId, a.value, manual(now));
  },
  recordInvite(c, d, now) {
    const a = withPhone(c.account);
    if (!a.ok) throw new LedgerBadPhone();
    return recordInvite(d, c.workspaceId, { account: a.value, state: c.state }, manual(now));
  },
  transitionBinding: (c, d, now) =>
    transitionBinding(d, c.bindingId, c.to, { ...manual(now), reason: c.reason ?? null }),
  unbind: (c, d, now) => unbind(d, c.bindingId, { ...manual(now), reason: c.reason ?? null }),
  requestPermission: (c, d, now) => requestPermission(d, c.bindingId, c.scopes, manual(now)),
  transitionPermission: (c, d, now) =>
    transitionPermission(d, c.permissionId, c.to, { ...manual(now), reason: c.reason ?? null }),
  updateSettings: (c, d, now) => updateSettings(d, c.settings, { now }),
  previewImport: (c, d) => previewImport(d, c.text),
  confirmMemberGone: (c, d, now) => confirmMemberGone(d, c.memberId, { now, reason: c.reason ?? null }),
  restoreMember: (c, d, now) => restoreMember(d, c.memberId, { now, reason: c.reason ?? null }),
  previewInviteCsv: (c, d) => previewInviteCsv(d, c.workspaceId, c.text),
  applyInviteCsv: (c, d, now) => applyInviteCsv(d, c.workspaceId, c.text, { now }),
  previewRosterCsv: (c, d) => previewRosterCsv(d, c.workspaceId, c.text),
  applyRosterCsv: (c, d, now) => applyRosterCsv(d, c.workspaceId, c.text, { now }),
  async applyImport(c, d) {
    try {
      return await applyImport(d, c.text, {
        onProgress: (p) => {
          importProgressItem.setValue(p).catch(() => undefined);
        },
      });
    } finally {
      await importProgressItem.removeValue().catch(() => undefined);
    }
  },
};

function manual(now: number) {
  return { now, source: 'manual' as const };
}

class LedgerBadPhone extends LedgerError {
  constructor() {
    super(
      'invalid-input',
      '手机号格式不对：请填写中国大陆 11 位手机号。',
      'That phone number is not valid: enter an 11-digit mainland China mobile number.',
    );
  }
}

// ------------------------------------------------------------------ accounts seen on pages

async function whitelistOf(gg: string | undefined): Promise<boolean | 'unknown'> {
  if (!gg) return 'unknown';
  const map = await whitelistItem.getValue();
  return map[gg] ?? 'unknown';
}

async function setWhitelist(gg: string, on: boolean): Promise<void> {
  const map = await whitelistItem.getValue();
  if (map[gg] === on) return;
  await whitelistItem.setValue({ ...map, [gg]: on });
}

/** Main 逛逛号 → workspace id. Every page report needs it, so it is cached until the next write. */
let workspaceByMain: Promise<Map<string, string>> | undefined;

function mainsToWorkspaces(): Promise<Map<string, string>> {
  watchWrites();
  workspaceByMain ??= (async () => {
    const d = ledger();
    const workspaces = await d.workspaces.toArray();
    const mains = await d.accounts.bulkGet(workspaces.map((w) => w.mainAccountId));
    const map = new Map<string, string>();
    workspaces.forEach((w, i) => {
      const gg = mains[i]?.guangguangId;
      if (gg && !map.has(gg)) map.set(gg, w.id);
    });
    return map;
  })().catch((err: unknown) => {
    workspaceByMain = undefined;
    throw err;
  });
  return workspaceByMain;
}

/** The workspace whose main account is this page account, created on first sight. */
async function workspaceForAccount(account: PageAccount, now: number): Promise<string | null> {
  if (!account.guangguangId) return null;
  const found = (await mainsToWorkspaces()).get(account.guangguangId);
  if (found) return found;
  const r = await createWorkspace(
    ledger(),
    {
      name: account.nickname || account.guangguangId,
      mainAccount: { guangguangId: account.guangguangId, nickname: account.nickname ?? '' },
    },
    { now, source: 'page' },
  );
  return r.workspace.id;
}

/** Last page account seen per tab: a change means the user logged in as someone else. */
const INSTITUTION_PREFIX = 'institution:';
const lastAccountByTab = new Map<number, string>();
const lastRowsByTab = new Map<number, string>();

export async function onPageReport(
  tabId: number,
  report: PageReport,
  account: PageAccount | null,
  now = Date.now(),
  read: (tabId: number) => Promise<RosterList | null> = readRoster,
): Promise<void> {
  if (report.page === 'mcn-talent' && report.frame === 'top') return onRosterPage(tabId, now, read);
  if (!account?.guangguangId) return;
  const d = ledger();
  const wsId = await workspaceForAccount(account, now);
  if (!wsId) return;
  // Follow the logged-in account when it changes (agency staff switching accounts). A workspace the
  // user picked by hand is left alone while the same account stays logged in.
  const switched = lastAccountByTab.get(tabId) !== account.guangguangId;
  lastAccountByTab.set(tabId, account.guangguangId);
  await follow(wsId, switched, now);
  if (report.page === 'matrix') await setWhitelist(account.guangguangId, true);
  if (report.page === 'matrix-not-whitelisted') await setWhitelist(account.guangguangId, false);
  if (report.page === 'matrix' && report.matrixRows) {
    const key = JSON.stringify(report.matrixRows);
    if (lastRowsByTab.get(tabId) !== key) {
      lastRowsByTab.set(tabId, key);
      try {
        await recordPageCapture(
          d,
          wsId,
          { kind: 'matrix-list', capturedAt: now, rows: captureRowsFromPage(report.matrixRows) },
          { now },
        );
      } catch (err) {
        // Not captured (say, the disk is full): the same list must be tried again on the next visit.
        lastRowsByTab.delete(tabId);
        throw err;
      }
      await settleSubmitted(wsId, report, now);
      await refreshBadge(now);
    }
  }
}

/**
 * Selects the workspace of the account (or institution) logged in when it changes. A workspace the user
 * picked by hand is left alone while the same one stays logged in, unless the selection is gone.
 */
async function follow(wsId: string, switched: boolean, now: number): Promise<void> {
  const d = ledger();
  const s = await getSettings(d);
  const id = s.selectedWorkspaceId;
  const selectedGone = !id || !((await d.workspaces.get(id)) ?? (await d.institutions.get(id)));
  if ((switched || selectedGone) && id !== wsId)
    await updateSettings(d, { selectedWorkspaceId: wsId }, { now });
}

/**
 * 达人管理 on the institution platform: the roster is read on demand (entrypoints/roster.ts, injected)
 * and applied to the institution's workspace, which the panel then follows. A list that cannot be read
 * is no list: nothing is recorded, nothing is flagged.
 */
async function onRosterPage(
  tabId: number,
  now: number,
  read: (tabId: number) => Promise<RosterList | null>,
): Promise<void> {
  const list = await read(tabId);
  if (list) await applyRoster(tabId, list, now);
}

/** A roster read from a tab (injected, or reported by the script it left watching), recorded once. */
export async function applyRoster(tabId: number, list: RosterList, now: number): Promise<void> {
  if (!list.institution) return;
  const key = JSON.stringify(list);
  if (lastRowsByTab.get(tabId) === key) return;
  lastRowsByTab.set(tabId, key);
  try {
    const { institution, tab, rows, filtered, complete } = list;
    const r = await recordRosterCapture(ledger(), { institution, tab, rows, filtered, complete }, now);
    const who = `${INSTITUTION_PREFIX}${r.workspaceId}`;
    const switched = lastAccountByTab.get(tabId) !== who;
    lastAccountByTab.set(tabId, who);
    await follow(r.workspaceId, switched, now);
  } catch (err) {
    // Not recorded (say, the disk is full): the same list must be tried again on the next report.
    lastRowsByTab.delete(tabId);
    throw err;
  }
}

export function forgetTab(tabId: number): void {
  lastAccountByTab.delete(tabId);
  lastRowsByTab.delete(tabId);
}

// ------------------------------------------------------------------ submits that went through

/**
 * A submit that was let through is not yet a success: the platform may still refuse it (wrong
 * phone, rate limit). It is recorded when the matrix list shows its effect. The typed phone is kept
 * only here, in worker memory, for at most a few minutes, so the invite's mask + HMAC can be stored.
 */
interface Submitted {
  checkId: string;
  submission: Submission;
  phone?: string;
  at: number;
  /** Set when the content script let the click through; only then can the list confirm it. */
  released: boolean;
  /** Set once recorded from the platform's success reply (`invite-submitted`), before any list. */
  recordedEarly?: boolean;
  /** Set when a reply to it read as a refusal: a later message about it records nothing early. */
  refused?: boolean;
}
const submitted = new Map<string, Submitted>();
const SUBMITTED_TTL_MS = 5 * 60_000;

/** Remember what a check was about, so its outcome can be recorded once the page confirms it. */
export function rememberCheck(checkId: string, submission: Submission, now = Date.now()): void {
  for (const [k, s] of submitted) if (now - s.at > SUBMITTED_TTL_MS) submitted.delete(k);
  const phone =
    submission.kind === 'matrix-invite' ? (normalizePhone(submission.phone) ?? undefined) : undefined;
  submitted.set(checkId, { checkId, submission, at: now, released: false, ...(phone ? { phone } : {}) });
}

export function submittedCheck(checkId: string, now = Date.now()): void {
  const s = submitted.get(checkId);
  if (s) submitted.set(checkId, { ...s, released: true, at: now });
}

/**
 * The platform answered a submit we let through. An invite it says succeeded is recorded at once
 * (pending, marked unconfirmed, with its 逛逛号 and the masked phone), so the ledger fills even where
 * the matrix list is never read or not recognised; the next list read confirms it or flags it missing.
 * Returns whether anything was recorded.
 */
export async function onSubmitReply(
  checkId: string,
  texts: readonly string[],
  account: PageAccount | null,
  now = Date.now(),
): Promise<boolean> {
  const s = submitted.get(checkId);
  if (!s?.released || s.recordedEarly || s.refused || s.submission.kind !== 'matrix-invite') return false;
  const verdict = replyVerdict(texts);
  if (verdict === 'failure') submitted.set(checkId, { ...s, refused: true });
  const gg = s.submission.guangguangId.trim();
  if (!gg || !account?.guangguangId || verdict !== 'success') return false;
  const wsId = await workspaceForAccount(account, now);
  if (!wsId) return false;
  await recordPageCapture(
    ledger(),
    wsId,
    {
      kind: 'invite-submitted',
      capturedAt: now,
      captureId: `${s.checkId}/submitted`,
      guangguangId: gg,
      ...(s.phone ? { phone: s.phone } : {}),
    },
    { now },
  );
  // Kept: the list, when read, still confirms it (settleSubmitted).
  submitted.set(checkId, { ...s, recordedEarly: true });
  await refreshBadge(now);
  return true;
}

async function settleSubmitted(wsId: string, report: PageReport, now: number): Promise<void> {
  const rows = new Map((report.matrixRows ?? []).map((r) => [r.guangguangId, r]));
  for (const [key, s] of submitted) {
    if (!s.released) continue;
    const sub = s.submission;
    if (sub.kind === 'matrix-invite') {
      const row = rows.get(sub.guangguangId.trim());
      if (!row || !/待/.test(row.bindingText)) continue;
      await recordPageCapture(
        ledger(),
        wsId,
        {
          kind: 'invite-sent',
          capturedAt: now,
          captureId: s.checkId,
          guangguangId: row.guangguangId,
          ...(row.nickname ? { nickname: row.nickname } : {}),
          ...(s.phone ? { phone: s.phone } : {}),
        },
        { now },
      );
      submitted.delete(key);
    } else if (sub.kind === 'unbind') {
      const row = rows.get(sub.guangguangId);
      if (row && !/解绑|解除/.test(row.bindingText)) continue;
      await recordPageCapture(
        ledger(),
        wsId,
        { kind: 'unbind-done', capturedAt: now, captureId: s.checkId, guangguangId: sub.guangguangId },
        { now },
      );
      submitted.delete(key);
    } else {
      submitted.delete(key);
    }
  }
}

// ------------------------------------------------------------------ rule context

function toKnown(views: Awaited<ReturnType<typeof listAccounts>>): KnownAccount[] {
  const out: KnownAccount[] = [];
  for (const v of views) {
    if (v.account.role !== 'matrix' || !v.binding) continue;
    out.push({
      guangguangId: v.account.guangguangId,
      nickname: v.account.nickname,
      state: v.binding.state,
      ...(v.account.phoneHash ? { phoneHash: v.account.phoneHash } : {}),
      permissions: Object.values(v.permissions).map((p) => ({ scope: p.scope, state: p.state })),
    });
  }
  return out;
}

/** The ledger half of the rule context, cached until the next write to the database. */
type LedgerFacts = Pick<RuleContext, 'workspace' | 'accounts' | 'whitelisted'>;
let facts: Promise<LedgerFacts> | undefined;
let watching = false;

/**
 * Submit checks run on the page's critical path, so the ledger's view is kept in memory and dropped
 * whenever anything writes to IndexedDB (Dexie's `storagemutated` also reports writes made by other
 * extension contexts). Whitelist flags live in storage.local (`whitelistItem`) and are re-read each time (cheap).
 */
/** Drop every in-memory view of the ledger when anything writes to it (here or in another context). */
function watchWrites(): void {
  if (watching) return;
  watching = true;
  Dexie.on('storagemutated', () => {
    facts = undefined;
    workspaceByMain = undefined;
  });
}

async function ledgerFacts(): Promise<LedgerFacts> {
  watchWrites();
  facts ??= loadFacts().catch((err: unknown) => {
    facts = undefined;
    throw err;
  });
  return facts;
}

async function loadFacts(): Promise<LedgerFacts> {
  const d = ledger();
  const settings = await getSettings(d);
  const ws = settings.selectedWorkspaceId ? await d.workspaces.get(settings.selectedWorkspaceId) : undefined;
  if (!ws) return { workspace: null, accounts: [], whitelisted: 'unknown' };
  const main = await d.accounts.get(ws.mainAccountId);
  return {
    workspace: main
      ? {
          guangguangId: main.guangguangId,
          nickname: main.nickname,
          ...(main.identity ? { identity: main.identity } : {}),
        }
      : null,
    accounts: toKnown(await listAccounts(d, ws.id)),
    whitelisted: 'unknown',
  };
}

/** What the rules need to know, from the selected workspace and the page. */
export async function ruleContext(
  pageAccount: PageAccount | null,
  now = Date.now(),
  pageAccountUnconfirmed = false,
): Promise<RuleContext> {
  const f = await ledgerFacts();
  const pa = pageAccount ? { ...pageAccount } : null;
  const whitelistFor = f.workspace?.guangguangId ?? pa?.guangguangId;
  return {
    ...emptyContext(now),
    ...f,
    whitelisted: await whitelistOf(whitelistFor),
    pageAccount: pa,
    ...(pageAccountUnconfirmed ? { pageAccountUnconfirmed: true } : {}),
  };
}

/**
 * The roster of the institution this tab last showed (its 达人管理), else of the selected workspace when
 * that is an institution; null when none has been read.
 */
export async function rosterFacts(tabId: number): Promise<RosterFacts | null> {
  const d = ledger();
  const shown = lastAccountByTab.get(tabId);
  const id = shown?.startsWith(INSTITUTION_PREFIX)
    ? shown.slice(INSTITUTION_PREFIX.length)
    : (await getSettings(d)).selectedWorkspaceId;
  const inst = id ? await d.institutions.get(id) : undefined;
  if (!inst) return null;
  const members = await d.members.where('workspaceId').equals(inst.id).toArray();
  return {
    institution: inst.name,
    members: members.map((m) => ({
      nickname: m.nickname,
      guangguangId: m.guangguangId,
      status: m.status,
      binding: m.binding,
    })),
  };
}

/**
 * The page shows a matrix account as offering proxy publish: record the grant if the ledger has the
 * binding accepted but has not seen the grant yet (the user may not have reopened the matrix list).
 * Returns true when the ledger changed.
 */
export async function notePublishGrantSeen(nickname: string, now = Date.now()): Promise<boolean> {
  const d = ledger();
  const settings = await getSettings(d);
  if (!settings.selectedWorkspaceId) return false;
  const f = await ledgerFacts();
  const known = f.accounts.filter((a) => a.nickname === nickname);
  if (known.length !== 1) return false;
  const a = known[0]!;
  if (a.state !== 'accepted') return false;
  if (a.permissions.some((p) => p.scope === 'proxy-publish' && p.state === 'granted')) return false;
  await recordPageCapture(
    d,
    settings.selectedWorkspaceId,
    {
      kind: 'matrix-list',
      capturedAt: now,
      rows: [
        { guangguangId: a.guangguangId, state: 'accepted', permissions: { 'proxy-publish': 'granted' } },
      ],
    },
    { now },
  );
  facts = undefined;
  return true;
}

/**
 * Fill in what only the ledger knows: the invite phone's HMAC (compared with the recorded one, never
 * in clear), and the 逛逛号 of a matrix account the publish form names by nickname only.
 */
export async function prepareSubmission(submission: Submission, context: RuleContext): Promise<Submission> {
  if (submission.kind === 'matrix-invite') {
    const normal = normalizePhone(submission.phone);
    return normal ? { ...submission, phoneHash: await hmacPhone(ledger(), normal) } : submission;
  }
  if (
    (submission.kind === 'proxy-publish-video' || submission.kind === 'proxy-publish-image') &&
    submission.actingAs
  ) {
    const name = submission.actingAs;
    const byId = context.accounts.find((a) => a.guangguangId === name);
    const byName = context.accounts.filter((a) => a.nickname === name);
    if (!byId && byName.length === 1) return { ...submission, actingAs: byName[0]!.guangguangId };
  }
  return submission;
}

// ------------------------------------------------------------------ reminders

/** One notification when the number of overdue items grows, if the user turned reminders on. */
async function maybeNotify(count: number): Promise<void> {
  const got: unknown = await notifiedCountItem.getValue();
  const before = typeof got === 'number' ? got : 0;
  if (count !== before) await notifiedCountItem.setValue(count);
  if (count <= before) return;
  const settings = await getSettings(ledger());
  if (!settings.notificationsEnabled || !browser.notifications) return;
  if (!(await browser.permissions.contains({ permissions: ['notifications'] }))) return;
  const lang = await currentLang();
  await browser.notifications.create('guanghe-reminders', {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: translate(lang, 'notify.title'),
    message: translate(lang, 'notify.message', { count }),
  });
}

export async function refreshBadge(now = Date.now()): Promise<number> {
  const count = await staleCount(ledger(), now);
  await maybeNotify(count).catch(() => undefined);
  try {
    await browser.action.setBadgeText({ text: badgeText(count) });
    await browser.action.setBadgeBackgroundColor({ color: '#e5484d' });
  } catch {
    // A badge is a nicety: a browser without it (or a test double) must not fail the write that preceded it.
  }
  return count;
}
