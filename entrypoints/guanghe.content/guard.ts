import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendToBackground } from '@/utils/content-messaging';
import { takeSnapshot } from '@/utils/pages/snapshot';
import { clean, dialogTitle, idOfRow, listRowOf } from '@/utils/pages/recognise';
import {
  enterField,
  enterSubmitButton,
  findSubmit,
  formDefaultButton,
  implicitSubmissionBlockers,
  isPlainEnter,
} from '@/utils/pages/submits';
import { SELECTORS, type SubmitSignature } from '@/utils/platform/anchors';
import type { PageReport } from '@/utils/pages/types';
import {
  REPLY_MAX_CHARS,
  REPLY_MAX_TEXTS,
  type CheckVerdict,
  type SubmitOutcome,
} from '@/utils/submit-types';
import type { BoxKit } from '@/utils/i18n/box';
import { showFindings, hideFindings } from './findings-box';

/** How long a click may be held. Past this the click goes through and the panel is told (fail open). */
export const CHECK_TIMEOUT_MS = 300;

interface Target {
  sig: SubmitSignature;
  root: ParentNode;
  rowGuangguangId?: string;
  /** Set when the submit was an Enter in this field rather than a click on the button. */
  enter?: HTMLInputElement;
}

/** The 逛逛号 of the last matrix row whose action button was clicked (row dialogs do not always repeat it). */
let lastRowId: string | undefined;

function targetOf(btn: Element, frame: PageReport['frame']): Target | null {
  const found = findSubmit(btn, location.href, frame);
  if (!found) return null;
  const inDialog = found.root !== btn.ownerDocument;
  return { ...found, ...(inDialog && lastRowId ? { rowGuangguangId: lastRowId } : {}) };
}

/**
 * A click on a list row's action (申请代理权限, 解绑) remembers that row's 逛逛号 for the dialog it
 * opens. Clicks inside dialogs and forms leave it alone: their rows are a form's layout.
 */
function rememberRow(btn: Element): void {
  const row = listRowOf(btn);
  if (row) lastRowId = idOfRow(row);
}

/**
 * Presses Enter again in `field`, for the platform's own key handlers, then does what the browser
 * does for a real Enter that nobody prevented: implicit submission of the field's form (a click on
 * its default button, or a submit when it has none and one field only).
 */
function replayEnter(field: HTMLInputElement): void {
  const init: KeyboardEventInit = {
    key: 'Enter',
    code: 'Enter',
    keyCode: 13,
    which: 13,
    bubbles: true,
    cancelable: true,
    composed: true,
  };
  const down = new KeyboardEvent('keydown', init);
  field.dispatchEvent(down);
  if (!down.defaultPrevented) {
    field.dispatchEvent(new KeyboardEvent('keypress', { ...init, charCode: 13 }));
    const form = field.form;
    const def = form ? formDefaultButton(form) : null;
    if (def) {
      if (!(def as HTMLButtonElement).disabled) def.click();
    } else if (form && implicitSubmissionBlockers(form) <= 1) form.requestSubmit();
  }
  field.dispatchEvent(new KeyboardEvent('keyup', init));
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(Error('timeout')), ms));
}

function tell(outcome: SubmitOutcome): void {
  sendToBackground('submit:outcome', outcome).catch(() => undefined);
}

/** How long after a click went through the platform's own messages are read (its toasts last ~3 s). */
export const REPLY_WINDOW_MS = 6000;

/**
 * Reads what the platform says after a submit we let through: each element with the `alert` role
 * (Fusion's toasts) or a Fusion form item's help (its field errors, drawn with no role) that appears
 * or changes in the next few seconds. Read only, never touched.
 */
function listenForReply(ctx: ContentScriptContext, checkId: string): void {
  const texts: string[] = [];
  const read = (node: Node) => {
    const el = node instanceof Element ? node : node.parentElement;
    if (!el) return;
    const sel = '[role=alert],.next-form-item-help';
    const alerts = [el.closest(sel), ...el.querySelectorAll(sel)];
    for (const a of alerts) {
      const t = a ? clean(a.textContent).slice(0, REPLY_MAX_CHARS) : '';
      if (!t || texts.includes(t) || texts.length >= REPLY_MAX_TEXTS) continue;
      texts.push(t);
      sendToBackground('submit:reply', { checkId, texts: [...texts] }).catch(() => undefined);
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

  /** While we replay an Enter: our own key events are not held again, and a click they cause passes. */
  let replaying = false;
  /** The field whose held Enter's keypress and keyup are still to come (swallowed with it). */
  let swallowKeysOf: Element | null = null;

  /**
   * Lets the submit through: the click again, or for a held Enter the key press again (when the field
   * is gone, a click on the button it submits through). From then on, what the platform says about it
   * is read (see above).
   */
  const release = (btn: HTMLElement, checkId: string, enter?: HTMLInputElement) => {
    if (!btn.isConnected) return false;
    // Listening first: the platform may answer synchronously, inside the click (a field error).
    listenForReply(ctx, checkId);
    passes.add(btn);
    if (enter?.isConnected) {
      replaying = true;
      try {
        replayEnter(enter);
      } finally {
        replaying = false;
        // The platform's Enter handler may submit without clicking: the pass must not outlive it.
        passes.delete(btn);
      }
    } else btn.click();
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
        sendToBackground('submit:check', { checkId, kind, snapshot, page: location.href }),
        timeout(CHECK_TIMEOUT_MS),
      ]);
      // A verdict that would open the box without its words would hold the submit with nothing shown.
      if (!verdict || !Array.isArray(verdict.findings) || (verdict.verdict !== 'allow' && !verdict.box))
        throw Error('verdict');
      // A form whose fields the background could not find is not checked as if they were empty.
      if (verdict.failOpen) throw Error(verdict.failOpen);
    } catch (err) {
      hideFindings();
      release(btn, checkId, target.enter);
      tell({
        checkId,
        outcome: 'failed-open',
        kind,
        detail: String((err as Error | undefined)?.message ?? err),
      });
      return;
    }
    if (verdict.verdict === 'allow') {
      hideFindings();
      if (release(btn, checkId, target.enter)) tell({ checkId, outcome: 'released' });
      return;
    }
    showFindings(
      ctx,
      verdict as CheckVerdict & { box: BoxKit },
      {
        onContinue: (reason) => {
          if (release(btn, checkId, target.enter))
            tell({ checkId, outcome: 'continued', ...(reason ? { detail: reason } : {}) });
        },
        onCancel: () => tell({ checkId, outcome: 'cancelled' }),
      },
      btn,
    );
  };

  /** Holds a submit (a click on `btn`, or an Enter that submits through it) and checks it. */
  const hold = (e: Event, btn: HTMLElement, target: Target) => {
    e.preventDefault();
    e.stopImmediatePropagation();
    if (held.has(btn)) return;
    held.add(btn);
    void check(btn, target)
      .catch(() => undefined)
      .finally(() => held.delete(btn));
  };

  const onClick = (e: MouseEvent) => {
    const el = e.target instanceof Element ? e.target : null;
    const btn = el?.closest<HTMLElement>(SELECTORS.button);
    if (!btn) return;
    if (passes.has(btn)) {
      passes.delete(btn);
      return;
    }
    if (replaying) return;
    const target = targetOf(btn, frame);
    if (!target) {
      rememberRow(btn);
      return;
    }
    hold(e, btn, target);
  };

  /**
   * An Enter in a one-line field of a form we check is a submit through the form's default button:
   * held and checked exactly like a click on it. Anything we cannot place goes on untouched.
   */
  const onKeyDown = (e: KeyboardEvent) => {
    if (replaying) return;
    // A new key press: a keyup of an earlier held Enter that went elsewhere no longer matters.
    swallowKeysOf = null;
    if (!isPlainEnter(e)) return;
    const field = enterField(e.composedPath?.()[0] ?? e.target);
    if (!field) return;
    const btn = enterSubmitButton(field);
    const target = btn ? targetOf(btn, frame) : null;
    if (!btn || !target) return;
    swallowKeysOf = field;
    hold(e, btn, { ...target, enter: field });
  };

  /** The keypress and keyup of a held Enter would submit too on some forms: they go with it. */
  const onKeyRest = (e: KeyboardEvent) => {
    if (replaying || e.key !== 'Enter' || !swallowKeysOf) return;
    if ((e.composedPath?.()[0] ?? e.target) !== swallowKeysOf) return;
    if (e.type === 'keyup') swallowKeysOf = null;
    e.preventDefault();
    e.stopImmediatePropagation();
  };

  // Capture on window runs before the platform's own handlers (React delegates at its root).
  ctx.addEventListener(window, 'click', onClick, { capture: true });
  ctx.addEventListener(window, 'keydown', onKeyDown, { capture: true });
  ctx.addEventListener(window, 'keypress', onKeyRest, { capture: true });
  ctx.addEventListener(window, 'keyup', onKeyRest, { capture: true });
  ctx.onInvalidated(hideFindings);
}
