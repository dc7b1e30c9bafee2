/**
 * A page's outline, for a report to the team about a page the assistant missed: its headings, labels,
 * placeholders, button texts, roles, `data-autolog` keys and iframes, and what the recognisers said.
 * Pure over a document (the unlisted script entrypoints/outline.ts runs it in each frame; the unit
 * tests pass in saved pages parsed by linkedom).
 *
 * Never any field's content: no `.value`, no text inside inputs, text areas, selects or rich-text
 * boxes. Every run of 5 or more digits (a phone, a 逛逛号, an order number), even with spaces or dashes
 * inside, becomes `#####`; URLs keep their host and path only. Each section is capped.
 */
import { SELECTORS } from '../platform/anchors';
import { probeReport, recogniseDialogs, recogniseNotices, recognisePage } from './recognise';
import { clean } from './text';
import {
  maskDigits,
  OUTLINE_MAX_CHARS,
  OUTLINE_MAX_ENTRIES,
  OUTLINE_SECTIONS,
  type FrameOutline,
  type OutlineSection,
} from './outline-text';

export {
  DIGITS_MASK,
  maskDigits,
  OUTLINE_MAX_CHARS,
  OUTLINE_MAX_ENTRIES,
  renderOutline,
  type FrameOutline,
} from './outline-text';

/** Host and path of an address (relative to `base`), masked; '' if it is not one. */
export function pathOnly(src: string | null | undefined, base: string): string {
  try {
    const u = new URL(src ?? '', base);
    if (u.protocol === 'about:' || u.protocol === 'javascript:' || u.protocol === 'data:') return u.protocol;
    return maskDigits(`${u.host}${u.pathname}`);
  } catch {
    return '';
  }
}

/** Field content: never read. Script and style: not text a user sees. */
const SKIP =
  'input,textarea,select,script,style,noscript,template,[contenteditable]:not([contenteditable=false])';

/** The text under `el` a reader sees, leaving out anything inside a field or a rich-text box. */
function visibleText(el: Element): string {
  if (el.closest(SKIP)) return '';
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  let out = '';
  for (let n = walker.nextNode(); n && out.length < 4 * OUTLINE_MAX_CHARS; n = walker.nextNode())
    if (!n.parentElement?.closest(SKIP)) out += ` ${n.textContent ?? ''}`;
  return out;
}

/** A button's words: its text, else an input button's own label attribute, else its aria-label. */
function buttonWords(el: Element): string {
  const own = clean(visibleText(el));
  if (own) return own;
  const type = el.getAttribute('type');
  if (el.tagName === 'INPUT' && (type === 'submit' || type === 'button'))
    return clean(el.getAttribute('value'));
  return clean(el.getAttribute('aria-label'));
}

/** Only the keys of `k=v` pairs; the rest as text. */
function autologKeys(value: string): string {
  return value
    .split(/[&;,]/)
    .map((part) => part.split('=')[0]!.trim())
    .filter(Boolean)
    .join('&');
}

class Section {
  readonly items: string[] = [];
  private readonly seen = new Set<string>();
  over = false;
  add(text: string | null | undefined): void {
    const t = maskDigits(clean(text)).slice(0, OUTLINE_MAX_CHARS);
    if (!t || this.seen.has(t)) return;
    this.seen.add(t);
    if (this.items.length < OUTLINE_MAX_ENTRIES) this.items.push(t);
    else this.over = true;
  }
}

const short = (t: string) => maskDigits(clean(t)).slice(0, OUTLINE_MAX_CHARS);

export function outlineOf(doc: Document, href: string, top: boolean): FrameOutline {
  const s = Object.fromEntries(OUTLINE_SECTIONS.map((k) => [k, new Section()])) as Record<
    OutlineSection,
    Section
  >;
  const all = (selector: string) => doc.querySelectorAll(selector);

  for (const el of all(`${SELECTORS.heading},h5,h6`)) s.headings.add(visibleText(el));
  // A dialog's title: its ARIA name, else its title element (the page's own <header> is no heading).
  for (const el of all(SELECTORS.dialog)) {
    const title = el.querySelector(SELECTORS.dialogTitle);
    s.headings.add(el.getAttribute('aria-label') ?? (title ? visibleText(title) : ''));
  }
  for (const el of all(SELECTORS.label)) {
    // A wrapper whose class merely contains "label" can hold a whole form: only short ones are labels.
    const t = clean(visibleText(el));
    if (t.length <= OUTLINE_MAX_CHARS) s.labels.add(t);
  }
  for (const el of all('input[aria-label],textarea[aria-label],select[aria-label]'))
    s.labels.add(el.getAttribute('aria-label'));
  for (const el of all('[placeholder],[data-placeholder],[aria-placeholder]'))
    s.placeholders.add(
      el.getAttribute('placeholder') ??
        el.getAttribute('data-placeholder') ??
        el.getAttribute('aria-placeholder'),
    );
  for (const el of all(SELECTORS.button)) s.buttons.add(buttonWords(el));

  const roles = new Map<string, number>();
  for (const el of all('[role]')) {
    const role = clean(el.getAttribute('role')).slice(0, 30);
    if (role) roles.set(role, (roles.get(role) ?? 0) + 1);
  }
  for (const [role, n] of roles) s.roles.add(`${role} ×${n}`);
  for (const el of all('[data-autolog]')) s.autolog.add(autologKeys(el.getAttribute('data-autolog') ?? ''));
  for (const el of all('iframe,frame')) {
    const title = clean(el.getAttribute('title'));
    s.iframes.add(`${title || '-'} | ${pathOnly(el.getAttribute('src'), href) || '-'}`);
  }

  const page = recognisePage(doc, href);
  return {
    url: pathOnly(href, href),
    top,
    title: maskDigits(clean(doc.title)).slice(0, OUTLINE_MAX_CHARS),
    recognised: {
      page,
      dialogs: recogniseDialogs(doc).map((d) => d.id),
      notices: recogniseNotices(doc),
      anchors: probeReport(doc, href)
        .slice(0, OUTLINE_MAX_ENTRIES)
        .map((a) => ({
          page: a.page,
          matched: a.matched.map(short),
          missed: a.missed.map(short),
        })),
    },
    sections: Object.fromEntries(OUTLINE_SECTIONS.map((k) => [k, s[k].items])) as FrameOutline['sections'],
    truncated: OUTLINE_SECTIONS.filter((k) => s[k].over),
  };
}
