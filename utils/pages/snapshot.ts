/**
 * A small, generic picture of the form a held submit button belongs to. The content script takes it
 * (cheap, no platform knowledge beyond "labels and values"), the background turns it into a rule
 * submission with the field table (utils/pages/extract.ts). Plain data, serialisable.
 */
import { clean } from './recognise';

/** A held form's contents; the shape is inferred from the schema the background checks it with. */
export type { FormSnapshot } from '../schemas/messages';
import type { FormSnapshot } from '../schemas/messages';

const MAX_TEXT = 3000;
const FIELDS =
  'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]),textarea,[contenteditable="true"],[role="textbox"],[role="combobox"]';
const CHECKS = 'input[type="checkbox"],input[type="radio"],[role="checkbox"],[role="radio"],[aria-pressed]';

function byIds(doc: Document, ids: string): string {
  return ids
    .split(/\s+/)
    .map((id) => clean(doc.getElementById(id)?.textContent))
    .join(' ')
    .trim();
}

/** The label a reader would associate with a control: ARIA first, then <label for>, then the form item. */
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
  let box: Element | null = el.parentElement;
  for (let i = 0; box && i < 5; i++, box = box.parentElement) {
    const l = box.querySelector('label,[class*="label"]');
    if (l && !l.contains(el)) return clean(l.textContent);
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
    const holder = el.closest('label') ?? (el.tagName === 'INPUT' ? el.parentElement : el);
    checked.push({
      text: clean(holder?.textContent),
      disabled: (el as HTMLInputElement).disabled === true || el.getAttribute('aria-disabled') === 'true',
    });
  }
  const removable: string[] = [];
  for (const el of root.querySelectorAll('[aria-label^="删除"]'))
    removable.push(clean(el.getAttribute('aria-label')));
  const text = clean((root as Element).textContent ?? (root as Document).body?.textContent).slice(
    0,
    MAX_TEXT,
  );
  return {
    title,
    button: clean(button.textContent),
    fields,
    checked,
    removable,
    text,
    ...(rowId ? { rowId } : {}),
  };
}
