import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '@/utils/messaging';
import { takeSnapshot } from '@/utils/pages/snapshot';
import { clean, dialogIdOf, dialogTitle, recognisePage } from '@/utils/pages/recognise';
import { SUBMITS, type SubmitSignature } from '@/utils/pages/table';
import type { PageReport } from '@/utils/pages/types';
import {
  REPLY_MAX_CHARS,
  REPLY_MAX_TEXTS,
  type CheckVerdict,
  type SubmitOutcome,
} from '@/utils/submit-types';
import { showFindings, hideFindings } from './findings-box';

/** How long a click may be held. Past this the click goes through and the panel is told (fail open). */
export const CHECK_TIMEOUT_MS = 300;

interface Target {
  sig: SubmitSignature;
  root: ParentNode;
  rowGuangguangId?: string;
}

/** The 逛逛号 of the last matrix row whose action button was clicked (row dialogs do not always repeat it). */
let lastRowId: string | undefined;

function targetOf(btn: Element, frame: PageReport['frame']): Target | null {
  const text = clean(btn.textContent);
  const dialog = btn.closest('[role="dialog"],[role="alertdialog"]');
  const dialogId = dialog ? dialogIdOf(dialog) : null;
  const page = dialog ? null : recognisePage(document, location.href);
  for (const sig of SUBMITS) {
    if (!sig.buttons.includes(text)) continue;
    if ('dialog' in sig.where && dialog && sig.where.dialog === dialogId)
      return { sig, root: dialog, ...(lastRowId ? { rowGuangguangId: lastRowId } : {}) };
    if (
      'page' in sig.where &&
      page === sig.where.page &&
      (frame === 'top') === !sig.where.page.startsWith('publish-frame')
    )
      return { sig, root: document };
  }
  return null;
}

function rememberRow(btn: Element): void {
  const row = btn.closest('tr,[role="row"]');
  if (!row) return;
  const id = /\b(\d{5,})\b/.exec(clean(row.textContent));
  if (id) lastRowId = id[1];
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms));
}

function tell(outcome: SubmitOutcome): void {
  sendMessage('submit:outcome', outcome).catch(() => undefined);
}

/** How long after a click went through the platform's own messages are read (its toasts last ~3 s). */
export const REPLY_WINDOW_MS = 6000;

/**
 * Reads what the platform says after a submit we let through: each element with the `alert` role
 * (toasts, field errors) that appears or changes in the next few seconds. Read only, never touched.
 */
function listenForReply(ctx: ContentScriptContext, checkId: string): void {
  const texts: string[] = [];
  const read = (node: Node) => {
    const el = node instanceof Element ? node : node.parentElement;
    if (!el) return;
    const alerts = [el.closest('[role="alert"]'), ...el.querySelectorAll('[role="alert"]')];
    for (const a of alerts) {
      const t = a ? clean(a.textContent).slice(0, REPLY_MAX_CHARS) : '';
      if (!t || texts.includes(t) || texts.length >= REPLY_MAX_TEXTS) continue;
      texts.push(t);
      sendMessage('submit:reply', { checkId, texts: [...texts] }).catch(() => undefined);
    }
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') read(r.target);
      else r.addedNodes.forEach(read);
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  const stop = () => observer.disconnect();
  ctx.setTimeout(stop, REPLY_WINDOW_MS);
  ctx.onInvalidated(stop);
}

export function startSubmitGuard(ctx: ContentScriptContext, frame: PageReport['frame']): void {
  /** Buttons allowed through exactly once (our own re-dispatched click). */
  const passes = new WeakSet<Element>();
  /** Buttons with a check in flight: further clicks are swallowed, so nothing is ever sent twice. */
  const held = new WeakSet<Element>();

  /** Lets the click through; from then on, what the platform says about it is read (see above). */
  const release = (btn: HTMLElement, checkId: string) => {
    if (!btn.isConnected) return false;
    // Listening first: the platform may answer synchronously, inside the click (a field error).
    listenForReply(ctx, checkId);
    passes.add(btn);
    btn.click();
    return true;
  };

  const check = async (btn: HTMLElement, target: Target) => {
    const checkId = crypto.randomUUID();
    const kind = target.sig.kind;
    let verdict: CheckVerdict;
    try {
      const title = target.root instanceof Element ? dialogTitle(target.root) : document.title;
      const snapshot = takeSnapshot(target.root, btn, title, target.rowGuangguangId);
      verdict = await Promise.race([
        sendMessage('submit:check', { checkId, kind, snapshot, page: location.href }),
        timeout(CHECK_TIMEOUT_MS),
      ]);
      if (!verdict || !Array.isArray(verdict.findings)) throw new Error('malformed verdict');
    } catch (err) {
      hideFindings();
      release(btn, checkId);
      tell({
        checkId,
        outcome: 'failed-open',
        kind,
        detail: err instanceof Error ? err.message : String(err),
      });
      return;
    }
    if (verdict.verdict === 'allow') {
      hideFindings();
      if (release(btn, checkId)) tell({ checkId, outcome: 'released' });
      return;
    }
    showFindings(ctx, verdict, {
      onContinue: (reason) => {
        if (release(btn, checkId))
          tell({ checkId, outcome: 'continued', ...(reason ? { detail: reason } : {}) });
      },
      onCancel: () => tell({ checkId, outcome: 'cancelled' }),
    });
  };

  const onClick = (e: MouseEvent) => {
    const el = e.target instanceof Element ? e.target : null;
    const btn = el?.closest<HTMLElement>('button,[role="button"]');
    if (!btn) return;
    if (passes.has(btn)) {
      passes.delete(btn);
      return;
    }
    const target = targetOf(btn, frame);
    if (!target) {
      rememberRow(btn);
      return;
    }
    e.preventDefault();
    e.stopImmediatePropagation();
    if (held.has(btn)) return;
    held.add(btn);
    void check(btn, target)
      .catch(() => undefined)
      .finally(() => held.delete(btn));
  };

  // Capture on window runs before the platform's own handlers (React delegates at its root).
  ctx.addEventListener(window, 'click', onClick, { capture: true });
  ctx.onInvalidated(hideFindings);
}
