/**
 * Which submit a button is, and which button an Enter submits through. Pure DOM reading over the
 * button's own document, no side effects: the content script passes in the page's nodes and URL,
 * the unit tests saved pages and variant markup.
 *
 * A submit by Enter. Pressing Enter in a one-line field submits the form the field is in, through
 * the button the form treats as its default: for an HTML <form>, its first submit button (the HTML
 * rule for implicit submission); for a dialog we know without one (Fusion forms are <div>s whose
 * inputs call the submit on Enter), that dialog's known submit button, the primary one when there
 * are several, when that dialog's fields submit on Enter (ENTER_DIALOG). The content script holds that
 * press like a click on that button. On a page without a <form> (the 发布器, a 批量发布's rows), in
 * other dialogs, and in fields with an Enter of their own (话题 "回车添加", searches, pickers),
 * Enter is the page's business and goes on untouched: holding it could swallow a keystroke that
 * was never a submit.
 */
import { buttonText, dialogAround, recognisePage } from './recognise';
import { ENTER_DIALOG, OWN_ENTER_WORDS, SELECTORS, SUBMITS, type SubmitSignature } from '../platform/anchors';
import { normaliseText, sameText } from './text';
import type { PageReport } from './types';

/** A submit the assistant checks: its signature and the dialog or document its form is in. */
export interface SubmitTarget {
  sig: SubmitSignature;
  root: ParentNode;
}

/**
 * The submit a click on `btn` is, or null: its text is one of a signature's buttons (compared with
 * `normaliseText`: `确 定` is 确定) and it sits in that signature's dialog, or on its page in the right
 * frame. A button in a dialog we do not know is never a page's submit.
 */
export function findSubmit(btn: Element, href: string, frame: PageReport['frame']): SubmitTarget | null {
  const text = buttonText(btn);
  const inDialog = btn.closest(SELECTORS.dialog) !== null;
  const dialog = inDialog ? dialogAround(btn) : null;
  const page = inDialog ? null : recognisePage(btn.ownerDocument, href);
  for (const sig of SUBMITS) {
    if (!sig.buttons.some((b) => sameText(b, text))) continue;
    if ('dialog' in sig.where && dialog && sig.where.dialog === dialog.id) return { sig, root: dialog.el };
    if (
      'page' in sig.where &&
      page === sig.where.page &&
      (frame === 'top') === !sig.where.page.startsWith('publish-frame')
    )
      return { sig, root: btn.ownerDocument };
  }
  return null;
}

/** Input types where Enter means "submit", not "new line", "toggle" or "pick" ('' is no type). */
const ONE_LINE = /^(|text|tel|number|email|url|password)$/;

/** The parts of a key press that decide whether it is a plain Enter. */
export interface EnterKey {
  key: string;
  isComposing?: boolean;
  keyCode?: number;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/**
 * A plain Enter: not while an input method is composing (Enter then confirms the 拼音 choice, keyCode
 * 229), not with a modifier (Shift+Enter, Ctrl+Enter mean other things).
 */
export function isPlainEnter(e: EnterKey): boolean {
  return (
    e.key === 'Enter' &&
    e.isComposing !== true &&
    e.keyCode !== 229 &&
    !e.shiftKey &&
    !e.ctrlKey &&
    !e.altKey &&
    !e.metaKey
  );
}

/**
 * The one-line field an Enter was pressed in, or null: text areas and rich-text editors take Enter as
 * a new line, comboboxes and search boxes as "pick" or "search", read-only and disabled fields as
 * nothing.
 */
export function enterField(target: EventTarget | null): HTMLInputElement | null {
  if (!target || typeof (target as Element).closest !== 'function') return null;
  const el = target as Element;
  if (el.tagName !== 'INPUT') return null;
  const input = el as HTMLInputElement;
  const type = (input.getAttribute('type') ?? '').toLowerCase();
  if (!ONE_LINE.test(type)) return null;
  if (input.disabled || input.readOnly || input.hasAttribute('readonly')) return null;
  if (el.closest('[role=combobox],[role=searchbox],[role=spinbutton]')) return null;
  if (el.hasAttribute('list') || el.hasAttribute('aria-autocomplete')) return null;
  return input;
}

/** A field whose Enter adds, searches or picks (话题 "输入话题，回车添加", a search box). */
function ownEnter(field: HTMLInputElement): boolean {
  const says = `${field.getAttribute('placeholder') ?? ''} ${field.getAttribute('aria-label') ?? ''}`;
  const text = normaliseText(says).toLowerCase();
  return OWN_ENTER_WORDS.some((w) => text.includes(w));
}

function usable(b: Element): boolean {
  return (
    (b as HTMLButtonElement).disabled !== true &&
    b.getAttribute('aria-disabled') !== 'true' &&
    !b.closest('[hidden],[aria-hidden=true]')
  );
}

/** The HTML default button of a form: its first submit button, in tree order. */
export function formDefaultButton(form: HTMLFormElement): HTMLElement | null {
  for (const b of form.querySelectorAll<HTMLElement>('button,input[type=submit],input[type=image]')) {
    const type = (b.getAttribute('type') ?? 'submit').toLowerCase();
    if (b.tagName === 'BUTTON' ? type === 'submit' : true) return b;
  }
  return null;
}

function isKnownSubmitText(b: Element): boolean {
  const text = buttonText(b);
  return SUBMITS.some((sig) => sig.buttons.some((t) => sameText(t, text)));
}

/**
 * The button an Enter in `field` submits through, if it is one the assistant knows by its text
 * (the caller still checks it is in the right dialog or page). Null when Enter submits nothing we
 * know: the field's <form> has another default button (a search form's 搜索), or the field sits in a
 * dialog we do not know.
 */
export function enterSubmitButton(field: HTMLInputElement): HTMLElement | null {
  const form = field.form ?? field.closest('form');
  const def = form ? formDefaultButton(form) : null;
  if (ownEnter(field)) return null;
  if (def) return usable(def) && isKnownSubmitText(def) ? def : null;
  // Without a default button, only a dialog whose fields submit on Enter (ENTER_DIALOG: 新增矩阵账号,
  // Fusion's Input onPressEnter) is a form whose Enter we treat as its submit. Another dialog we know
  // (a Dialog.confirm, the permission checkboxes: Fusion's Dialog has no Enter-to-OK), one we do not
  // (a topic or product picker) or a bare page decides what Enter does itself: holding it there would
  // check a keypress the platform ignores.
  const known = dialogAround(field);
  if (!known || known.id !== ENTER_DIALOG) return null;
  const candidates = [...known.el.querySelectorAll<HTMLElement>(SELECTORS.button)].filter(
    (b) => usable(b) && isKnownSubmitText(b),
  );
  return (
    candidates.find((b) => (b.getAttribute('type') ?? '').toLowerCase() === 'submit') ??
    candidates.find((b) => b.classList.contains('next-btn-primary')) ??
    candidates[0] ??
    null
  );
}

/** Input types that block implicit submission when a form has more than one ('' is no type). */
const BLOCKS_IMPLICIT = /^(|text|search|url|tel|email|password|date|month|week|time|datetime-local|number)$/;

/** How many fields of a form block implicit submission (HTML: with more than one, Enter alone does nothing). */
export function implicitSubmissionBlockers(form: HTMLFormElement): number {
  let n = 0;
  for (const el of form.querySelectorAll('input'))
    if (BLOCKS_IMPLICIT.test((el.getAttribute('type') ?? '').toLowerCase())) n++;
  return n;
}
