/**
 * A small, generic picture of the form a held submit button belongs to. The content script takes it
 * (cheap, no platform knowledge beyond "labels and values"), the background turns it into a rule
 * submission with the field table (utils/pages/extract.ts). Plain data, serialisable.
 */
import { buttonText } from './recognise';
import { REMOVE_WORD, SELECTORS } from '../platform/anchors';
import { clean } from './text';

/** A held form's contents; the shape is inferred from the schema the background checks it with. */
export type { FormSnapshot } from '../schemas/messages';
import type { FormSnapshot } from '../schemas/messages';

const MAX_TEXT = 3000;
// `.next-select em`: what a Fusion Select shows as chosen (its combobox input inside stays empty).
const FIELDS =
  'input:not([type=hidden]):not([type=checkbox]):not([type=radio]),textarea,[contenteditable=true],[role=textbox],[role=combobox],.next-select em';
const CHECKS = 'input[type=checkbox],input[type=radio],[role=checkbox],[role=radio],[aria-pressed]';

function byIds(doc: Document, ids: string): string {
  return ids
    .split(/\s+/)
    .map((id) => clean(doc.getElementById(id)?.textContent))
    .join(' ')
    .trim();
}

/** Whether `a` comes before `b` in document order. */
function before(a: Node, b: Node): boolean {
  return (a.compareDocumentPosition(b) & 4) /* DOCUMENT_POSITION_FOLLOWING */ !== 0;
}

/**
 * The label a reader would associate with a control: ARIA first, then <label for>, then the nearest
 * label before it in its form item (a `<label>`, Fusion's `next-form-item-label`, or an element whose
 * class says label). A label with another field between it and the control is that field's: then the
 * control has no label here and is known by its placeholder only.
 */
export function labelOf(el: Element): string {
  const doc = el.ownerDocument;
  const by = el.getAttribute('aria-labelledby');
  if (by) {
    const t = byIds(doc, by);
    if (t) return t;
  }
  const aria = el.getAttribute('aria-label');
  if (aria) return clean(aria);
  if (el.id)
    for (const l of doc.querySelectorAll('label')) if (l.htmlFor === el.id) return clean(l.textContent);
  const wrapping = el.closest('label');
  if (wrapping) {
    const own = clean(wrapping.textContent);
    if (own) return own;
  }
  let box: Element | null = el.parentElement;
  for (let i = 0; box && i < 5; i++, box = box.parentElement) {
    let best: Element | null = null;
    for (const l of box.querySelectorAll(SELECTORS.label)) {
      if (l.contains(el) || el.contains(l)) continue;
      if (!before(l, el)) break;
      // A checkbox's or radio's own text is its choice, not a field label.
      if (l.querySelector(CHECKS) || l.closest('.next-checkbox-wrapper,.next-radio-wrapper')) continue;
      if (clean(l.textContent) && !(best && best.contains(l))) best = l;
    }
    if (!best) continue;
    const label = best;
    const between = [...box.querySelectorAll(FIELDS)].some(
      (f) => f !== el && !label.contains(f) && before(label, f) && before(f, el),
    );
    return between ? '' : clean(label.textContent);
  }
  return '';
}

function valueOf(el: Element): string {
  const v = (el as HTMLInputElement).value;
  return typeof v === 'string' && el.tagName !== 'DIV' && el.tagName !== 'SPAN' ? v : (el.textContent ?? '');
}

function isOn(el: Element): boolean {
  return (
    (el as HTMLInputElement).checked === true ||
    el.getAttribute('aria-checked') === 'true' ||
    el.getAttribute('aria-pressed') === 'true'
  );
}

/**
 * The visible text of a checkbox or radio: its <label> or Fusion wrapper, else its own text, else the
 * nearest ancestor (up to three) that has text and holds no other choice.
 */
function checkText(el: Element): string {
  const holder = el.closest('label,.next-checkbox-wrapper,.next-radio-wrapper');
  const t = clean(holder?.textContent) || clean(el.textContent) || clean(el.getAttribute('aria-label'));
  if (t) return t;
  let box = el.parentElement;
  for (let i = 0; box && i < 3; i++, box = box.parentElement) {
    if ([...box.querySelectorAll(CHECKS)].some((c) => c !== el && !c.contains(el))) break;
    const text = clean(box.textContent);
    if (text) return text;
  }
  return '';
}

export function takeSnapshot(root: ParentNode, button: Element, title: string, rowId?: string): FormSnapshot {
  const fields: FormSnapshot['fields'] = [];
  for (const el of root.querySelectorAll(FIELDS))
    fields.push({
      label: labelOf(el),
      placeholder: el.getAttribute('placeholder') ?? el.getAttribute('data-placeholder') ?? '',
      value: valueOf(el).slice(0, 20_000),
    });
  const checked: FormSnapshot['checked'] = [];
  for (const el of root.querySelectorAll(CHECKS)) {
    if (!isOn(el)) continue;
    checked.push({
      text: checkText(el),
      disabled: (el as HTMLInputElement).disabled === true || el.getAttribute('aria-disabled') === 'true',
    });
  }
  const removable: string[] = [];
  // A word of our table (never page text) in the selector.
  for (const el of root.querySelectorAll(`[aria-label^="${REMOVE_WORD}"]`))
    removable.push(clean(el.getAttribute('aria-label')));
  const text = clean((root as Element).textContent ?? (root as Document).body?.textContent).slice(
    0,
    MAX_TEXT,
  );
  return {
    title,
    button: buttonText(button),
    fields,
    checked,
    removable,
    text,
    ...(rowId ? { rowId } : {}),
  };
}
