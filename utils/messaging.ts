/**
 * The one typed protocol between the content script, the background and the side panel.
 * No string-typed `{type: '...'}` switches anywhere else: every message is declared here.
 *
 * Direction and who may send it:
 * - content script → background: `page:report`, `page:left`, `submit:check`, `submit:outcome`,
 *   `submit:reply`
 * - side panel → background: `ledger:*`, `page:outline`, `sharing:command`
 * - side panel → content script: `page:spotlight` (checked there: our extension id, no tab = an extension page)
 * The background checks every sender with `isFromOurPage` / `isFromExtensionPage` below and ignores
 * anything else (a forged message from another extension or a web page gets no answer, writes nothing).
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import { isOurPageUrl } from './hosts';
import type { PageReport, RosterList } from './pages/types';
import type { FrameOutline } from './pages/outline-text';
import type { SpotlightTarget } from './guides/matrix';
import type { CheckVerdict, PlatformReply, SubmitCheckRequest, SubmitOutcome } from './submit-types';
import type { LedgerCommand, LedgerCommandResult } from './ledger/protocol';
import type { SharingCommand, SharingResult } from './sync/protocol';

export type { LedgerCommandResult } from './ledger/protocol';

export interface ProtocolMap {
  /** The content script saw a page (or a dialog opened/closed on it). */
  'page:report'(report: PageReport): void;
  /** The top frame is going away (navigation, possibly to the Taobao login page where we never run). */
  'page:left'(info: { url: string }): void;
  /** The content script holds a submit click and asks whether to let it through. */
  'submit:check'(request: SubmitCheckRequest): CheckVerdict;
  /** What finally happened to a held click (released, continued despite warnings, cancelled, failed open). */
  'submit:outcome'(outcome: SubmitOutcome): void;
  /** After a click went through: what the platform itself said (its toasts and field errors). */
  'submit:reply'(reply: PlatformReply): void;
  /** Panel → content script (top frame): outline a step's target on the page. True if found. */
  'page:spotlight'(target: SpotlightTarget): boolean;
  /**
   * Panel → background: run a ledger command (utils/ledger/protocol.ts; answered by entrypoints/background/handlers.ts, then ledger.ts). Send it with
   * `sendLedgerCommand`, whose answer has the type of the operation sent.
   */
  'ledger:command'(command: LedgerCommand): LedgerCommandResult;
  /**
   * Panel → background: the outline of every frame of this tab (utils/pages/outline.ts), read by
   * injecting entrypoints/outline.ts on demand. `unread`: frames that answered nothing usable.
   */
  'page:outline'(request: { tabId: number }): OutlineAnswer;
  /**
   * entrypoints/roster.ts (injected into a 达人管理 tab) → background: the list changed (a page turned,
   * a search, a tab): what it shows now.
   */
  'roster:report'(list: RosterList): void;
  /**
   * Panel → background: turn team sharing on or off for a workspace, join one from an invite code, or
   * read a shared workspace's invite code (utils/sync/protocol.ts; entrypoints/background/sharing-hub.ts).
   */
  'sharing:command'(command: SharingCommand): SharingResult;
}

export type OutlineAnswer =
  | { ok: true; frames: FrameOutline[]; unread: number }
  | { ok: false; reason: 'refused' | 'not-our-page' | 'failed' };

export const messaging = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage, onMessage } = messaging;

/**
 * Sends one ledger command; the answer is typed by the operation (`LedgerResults[op]`). The message
 * layer carries one reply type for all operations, so this signature is where the operation's type
 * is given back: the background answers each operation from a table typed by the same map.
 */
export function sendLedgerCommand<C extends LedgerCommand>(command: C): Promise<LedgerCommandResult<C['op']>>;
export function sendLedgerCommand(command: LedgerCommand): Promise<LedgerCommandResult> {
  return sendMessage('ledger:command', command);
}

/** Minimal sender shape (chrome.runtime.MessageSender), so the checks are testable without a browser. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
}

/** A content script of ours, on one of our hosts, in a tab. */
export function isFromOurPage(sender: SenderLike, extensionId: string): boolean {
  return sender.id === extensionId && typeof sender.tab?.id === 'number' && isOurPageUrl(sender.url);
}

/** One of our own extension pages (the side panel), not a content script. */
export function isFromExtensionPage(
  sender: SenderLike,
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (sender.id !== extensionId || typeof sender.url !== 'string') return false;
  return sender.url.startsWith(extensionOrigin);
}
