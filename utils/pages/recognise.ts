/**
 * Pure recognisers over a document. No side effects, no globals: the content script passes in
 * `document` and `location.href`, the unit tests pass in saved pages parsed by linkedom.
 * Recognition that finds nothing returns 'unknown' and the panel falls back to text guides.
 */
import {
  ACCOUNT_BLOCK_AUTOLOG,
  ACCOUNT_STATUS_LINE,
  DIALOGS,
  GUANGGUANG_ID_IN_TEXT,
  GUANGGUANG_ID_LABEL,
  GUANGGUANG_ID_WORD,
  MATRIX_COLUMNS,
  NOTICES,
  PAGES,
  SELECTORS,
  type PageSignature,
  type Probe,
  TMALL_WORD,
} from '../platform/anchors';
import { clean, normaliseText, sameText, textIncludes } from './text';
import type { DialogId, MatrixRow, NoticeId, PageAccount, PageId, PageReport } from './types';

export { clean, normaliseText } from './text';

/** Where a list keeps its rows: a table's body, an ARIA grid's row groups. */
export const LIST_BODY = 'tbody,[role=rowgroup]';

/**
 * The elements under `root` matching `selector`, in document order, without looking inside a list's
 * body (LIST_BODY): for what is never in a list row (a dialog, the header's account block). On a
 * page listing 5,000 creators the rows are nearly all of its ~150,000 elements, so this visits a few
 * hundred where `querySelectorAll` matches every one of them (tens of milliseconds in one task).
 */
export function outsideLists(root: ParentNode, selector: string, out: Element[] = []): Element[] {
  for (const el of root.children)
    if (!el.matches(LIST_BODY)) {
      if (el.matches(selector)) out.push(el);
      outsideLists(el, selector, out);
    }
  return out;
}

/** The first element matching `selector` that passes `test`, or null. */
export function findEl(root: ParentNode, selector: string, test: (el: Element) => boolean): Element | null {
  for (const el of root.querySelectorAll(selector)) if (test(el)) return el;
  return null;
}

/** The first non-empty piece of text under `root` (cleaned) that `keep` accepts, or ''. */
export function firstText(root: Node, keep: (t: string, n: Node) => boolean): string {
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(
    root,
    4 /* NodeFilter.SHOW_TEXT */,
  );
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = clean(n.textContent);
    if (t && keep(t, n)) return t;
  }
  return '';
}

/** The visible text of a button: its text, else the value of an <input> button, else its aria-label. */
export function buttonText(el: Element): string {
  const own = clean(el.textContent);
  if (own) return own;
  if (el.tagName === 'INPUT') {
    const v = (el as HTMLInputElement).value;
    if (typeof v === 'string' && v.trim()) return clean(v);
  }
  return clean(el.getAttribute('aria-label'));
}

/** What a page's probes read, each taken once per recognition and only when a probe asks. */
interface PageText {
  body: () => string;
  /** Null in the first pass: headings are real headings only. */
  titles: (() => ReadonlySet<string>) | null;
}

/** Every probe of a page signature, `all` and `any`. */
const probesOf = (sig: PageSignature): Probe[] => [...sig.all, ...(sig.any ?? [])];

/** Every heading a page signature asks for, normalised: the only texts a plain-element title can be. */
const HEADING_WORDS: ReadonlySet<string> = new Set(
  PAGES.flatMap(probesOf)
    .flatMap((p) => ('heading' in p ? [normaliseText(p.heading)] : []))
    .filter(Boolean),
);
/**
 * Longest text a plain-element title is read from: a heading of the table (a dozen characters at
 * most, tests/unit/pages/recognise-bounded.test.ts) with spaces and marks around it.
 */
export const TITLE_MAX_CHARS = 48;

/**
 * Which of the table's headings appear as the whole text of an element with no child elements,
 * outside navigation and buttons (the menu names every page on every page): where a title drawn as
 * a styled <div> is found.
 */
function plainTitles(doc: Document): Set<string> {
  const out = new Set<string>();
  const skip = `${SELECTORS.navigation},${SELECTORS.buttonOrLink},[role=menuitem],[role=tab],[role=link]`;
  // A title is never a list row's text: the rows of a long list are not looked at.
  for (const el of outsideLists(doc.body ?? doc, '*')) {
    if (el.childElementCount > 0) continue;
    const raw = el.textContent ?? '';
    // Cheap before normalising: a heading is short (spaces and marks around it included).
    if (!raw || raw.length > TITLE_MAX_CHARS) continue;
    const t = normaliseText(raw);
    if (HEADING_WORDS.has(t) && !out.has(t) && !el.closest(skip)) out.add(t);
  }
  return out;
}

/**
 * A page heading: a real heading whose text contains the words; failing that, an element with no
 * child elements whose whole text is the words, outside navigation and buttons.
 */
function hasHeading(doc: Document, words: string, text: PageText): boolean {
  if (findEl(doc, SELECTORS.heading, (el) => textIncludes(el.textContent, words))) return true;
  if (!text.titles) return false;
  const want = normaliseText(words);
  return want !== '' && text.titles().has(want);
}

function probeMatches(doc: Document, url: URL, probe: Probe, text: PageText): boolean {
  if ('heading' in probe) return hasHeading(doc, probe.heading, text);
  if ('button' in probe)
    return !!findEl(doc, SELECTORS.buttonOrLink, (el) => sameText(el.textContent, probe.button));
  if ('placeholder' in probe) return hasAttrValue(doc, 'input,textarea', 'placeholder', probe.placeholder);
  if ('autolog' in probe) return !!findAutolog(doc, probe.autolog);
  if ('iframeTitle' in probe) return hasAttrValue(doc, 'iframe', 'title', probe.iframeTitle);
  if ('iframeSrc' in probe) return hasAttrValue(doc, 'iframe', 'src', probe.iframeSrc, textIncludes);
  if ('text' in probe) return text.body().includes(normaliseText(probe.text));
  return `${url.pathname}/`.startsWith(probe.path);
}

// Attribute values are compared in code rather than put into a selector: labels come from a table
// today, but nothing here should ever build a selector out of page text.
function hasAttrValue(
  root: ParentNode,
  selector: string,
  attr: string,
  value: string,
  match: (attrValue: string | null, value: string) => boolean = sameText,
): boolean {
  return findEl(root, selector, (el) => match(el.getAttribute(attr), value)) !== null;
}

/** The first element whose `data-autolog` contains `part`, outside list bodies (never a row's). */
export function findAutolog(root: ParentNode, part: string): Element | undefined {
  return outsideLists(root, '[data-autolog]').find((el) => el.getAttribute('data-autolog')!.includes(part));
}

/** Which known page this is, from the URL's host and the document's stable anchors. */
export function recognisePage(doc: Document, href: string): PageId {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return 'unknown';
  }
  let body: string | undefined;
  let titles: Set<string> | undefined;
  const strict: PageText = { body: () => (body ??= normaliseText(doc.body?.textContent)), titles: null };
  const matches = (sig: PageSignature, text: PageText) =>
    sig.host === url.hostname &&
    sig.all.every((p) => probeMatches(doc, url, p, text)) &&
    (!sig.any || sig.any.some((p) => probeMatches(doc, url, p, text)));
  // First pass with real headings only: the common case, and cheap.
  const first = PAGES.findIndex((sig) => matches(sig, strict));
  if (first >= 0 && PAGES[first]!.all.some((p) => 'heading' in p)) return PAGES[first]!.id;
  // A page whose title is drawn as a plain element: the signatures before the first match that ask
  // for a heading, again, with plain-element titles too.
  const loose: PageText = { ...strict, titles: () => (titles ??= plainTitles(doc)) };
  const upTo = first >= 0 ? first : PAGES.length;
  for (const sig of PAGES.slice(0, upTo)) {
    const asksHeading = probesOf(sig).some((p) => 'heading' in p);
    if (asksHeading && matches(sig, loose)) return sig.id;
  }
  return first >= 0 ? PAGES[first]!.id : 'unknown';
}

/**
 * For a report on a page the recognisers missed: every page signature of this host, with which of
 * its probes the document matches (`kind:words`) and which it does not. Headings drawn as plain
 * elements count. Not used by the content script (tree-shaken out of it).
 */
export function probeReport(
  doc: Document,
  href: string,
): { page: PageId; matched: string[]; missed: string[] }[] {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return [];
  }
  let body: string | undefined;
  let titles: Set<string> | undefined;
  const text: PageText = {
    body: () => (body ??= normaliseText(doc.body?.textContent)),
    titles: () => (titles ??= plainTitles(doc)),
  };
  return PAGES.filter((sig) => sig.host === url.hostname).map((sig) => {
    const matched: string[] = [];
    const missed: string[] = [];
    for (const p of probesOf(sig)) {
      const [kind, words] = Object.entries(p)[0] as [string, string];
      (probeMatches(doc, url, p, text) ? matched : missed).push(`${kind}:${words}`);
    }
    return { page: sig.id, matched, missed };
  });
}

function knownDialog(title: string): DialogId | null {
  if (!normaliseText(title)) return null;
  for (const sig of DIALOGS) if (sig.titles.some((t) => textIncludes(title, t))) return sig.id;
  return null;
}

/** The first piece of text in a dialog that is not a button's (a title drawn without a header). */
function leadingText(dialog: Element): string {
  return firstText(dialog, (_, n) => !n.parentElement?.closest(SELECTORS.button));
}

/**
 * The title of a dialog: aria-labelledby target, aria-label, its first heading-like element; when it
 * has none of these (or they name no dialog we know), its first line of text that is not a button.
 */
export function dialogTitle(dialog: Element): string {
  const labelledBy = dialog.getAttribute('aria-labelledby');
  if (labelledBy) {
    const el = dialog.ownerDocument.getElementById(labelledBy);
    const t = clean(el?.textContent);
    if (t) return t;
  }
  const label = clean(dialog.getAttribute('aria-label'));
  if (label) return label;
  const head = clean(dialog.querySelector(SELECTORS.dialogTitle)?.textContent);
  if (knownDialog(head)) return head;
  return leadingText(dialog) || head;
}

export function dialogIdOf(dialog: Element): DialogId | null {
  return knownDialog(dialogTitle(dialog)) ?? knownDialog(leadingText(dialog));
}

/** Whether a dialog element is shown (not hidden by ARIA, `hidden`, or a closed Fusion overlay). */
function shown(el: Element): boolean {
  if (el.closest('[aria-hidden=true],[hidden]')) return false;
  const overlay = el.closest('.next-overlay-wrapper');
  return !overlay || overlay.classList.contains('opened');
}

/**
 * The known dialog an element is in: the nearest dialog-like ancestor that names one, walking out
 * (a role="dialog" box inside a titled Fusion dialog, or the other way round). Null when none does.
 */
export function dialogAround(el: Element): { id: DialogId; el: Element } | null {
  for (let d = el.closest(SELECTORS.dialog); d; d = d.parentElement?.closest(SELECTORS.dialog) ?? null) {
    const id = dialogIdOf(d);
    if (id) return { id, el: d };
  }
  return null;
}

/** Open dialogs we know, in document order; one entry per dialog even when two nested boxes say so. */
export function recogniseDialogs(doc: Document): { id: DialogId; el: Element }[] {
  const out: { id: DialogId; el: Element }[] = [];
  // Dialogs are overlays, never a list row's content: the rows of a long list are not looked at.
  for (const el of outsideLists(doc, SELECTORS.dialog)) {
    if (!shown(el)) continue;
    // In document order an outer box comes first: a box inside a dialog already listed is that one.
    if (out.some((d) => d.el.contains(el))) continue;
    const id = dialogIdOf(el);
    if (id) out.push({ id, el });
  }
  return out;
}

export function recogniseNotices(doc: Document): NoticeId[] {
  const text = normaliseText(doc.body?.textContent);
  return NOTICES.filter((n) => n.texts.some((t) => text.includes(normaliseText(t)))).map((n) => n.id);
}

/** The logged-in account, from the creator platform's user block. */
export function recogniseAccount(doc: Document): PageAccount | null {
  const block = findAutolog(doc, ACCOUNT_BLOCK_AUTOLOG);
  if (!block) return null;
  const all = clean(block.textContent);
  const id = GUANGGUANG_ID_LABEL.exec(all)?.[1];
  // The nickname is the first piece of text in the block that is neither the 逛逛号 line nor a status.
  const nickname =
    firstText(block, (t) => !t.includes(GUANGGUANG_ID_WORD) && !ACCOUNT_STATUS_LINE.test(t) && t !== id) ||
    undefined;
  const account: PageAccount = {};
  if (nickname) account.nickname = nickname;
  if (id) account.guangguangId = id;
  return nickname || id ? account : null;
}

/** A 逛逛号 as a list cell shows it: the first run of 4–32 letters, digits or `_` (after NFKC). */
export function idInCell(text: string): string {
  const t = clean(text).normalize('NFKC');
  // `\w` is exactly [0-9A-Za-z_] (no `u` flag).
  return /(?<!\w)\w{4,32}(?!\w)/.exec(t)?.[0] ?? '';
}

/** Whether an element holds something the user types into (a form row, not a list row). */
export function holdsFormFields(el: Element): boolean {
  return (
    el.querySelector(
      'input:not([type=hidden]):not([type=checkbox]):not([type=radio]),textarea,select,[contenteditable=true],[role=textbox]',
    ) !== null
  );
}

/** Column index by header text, for a table root (a .next-table, a <table> or an ARIA table/grid). */
function columnsOf(table: Element): string[] {
  return [...table.querySelectorAll(SELECTORS.columnHeader)].map((h) => clean(h.textContent));
}

export function columnIndex(headers: readonly string[], names: readonly string[]): number {
  return headers.findIndex((h) => names.some((n) => sameText(h, n)));
}

/** Tables of a document, outermost only (a .next-table and the <table>s drawn inside it are one). */
export function tablesOf(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const t of root.querySelectorAll(SELECTORS.table)) if (!out.some((o) => o.contains(t))) out.push(t);
  return out;
}

/**
 * Rows of the matrix-account table, read by column header text. Tables in a dialog or a form, and
 * rows holding input fields, are a form's layout, not the list: their digits are never a 逛逛号.
 */
export function readMatrixRows(doc: Document): MatrixRow[] {
  for (const table of tablesOf(doc)) {
    if (table.closest(`${SELECTORS.dialog},form`)) continue;
    const headers = columnsOf(table);
    const idx = {
      nickname: columnIndex(headers, MATRIX_COLUMNS.nickname),
      guangguangId: columnIndex(headers, MATRIX_COLUMNS.guangguangId),
      binding: columnIndex(headers, MATRIX_COLUMNS.binding),
      permission: columnIndex(headers, MATRIX_COLUMNS.permission),
    };
    if (idx.guangguangId < 0 || idx.binding < 0) continue;
    const rows: MatrixRow[] = [];
    // Rows are looked at one by one only when the table holds fields at all (it rarely does).
    // (querySelectorAll lists each row once, however many of the row selectors it matches.)
    const mixed = holdsFormFields(table);
    for (const tr of table.querySelectorAll(SELECTORS.row)) {
      if (mixed && holdsFormFields(tr)) continue;
      const cells = [...tr.querySelectorAll(SELECTORS.cell)].map((c) => clean(c.textContent));
      if (cells.length < headers.length) continue;
      const at = (i: number) => (i >= 0 ? (cells[i] ?? '') : '');
      const guangguangId = idInCell(at(idx.guangguangId));
      if (!guangguangId) continue;
      rows.push({
        nickname: at(idx.nickname),
        guangguangId,
        bindingText: at(idx.binding),
        permissionText: at(idx.permission),
      });
    }
    return rows;
  }
  return [];
}

/**
 * The list row an element (a row action button) is in, or null. Never a dialog's or a form's own
 * rows: a phone typed into a grid-laid form is not a list row's 逛逛号.
 */
export function listRowOf(el: Element): Element | null {
  return el.closest(`${SELECTORS.dialog},form`) ? null : el.closest('tr,[role=row],.next-table-row');
}

/**
 * The 逛逛号 a list row shows: its cell under the 逛逛号 column, else `逛逛号：…` in the innermost
 * element of the row that shows it; undefined when not found or when the row holds form fields.
 */
export function idOfRow(row: Element): string | undefined {
  if (holdsFormFields(row)) return undefined;
  const table = row.closest(SELECTORS.table);
  if (table) {
    const outer = tablesOf(row.ownerDocument).find((t) => t.contains(row)) ?? table;
    const col = columnIndex(columnsOf(outer), MATRIX_COLUMNS.guangguangId);
    const cells = [...row.querySelectorAll(SELECTORS.cell)];
    const id = col >= 0 ? idInCell(cells[col]?.textContent ?? '') : '';
    if (id) return id;
  }
  // Element by element, the innermost last: a row's cells run together in its text (React puts no
  // space between them), so `逛逛号：ID` followed by a level cell `LV5` would read as `IDLV5`.
  let id: string | undefined;
  for (const e of row.querySelectorAll('*'))
    id = GUANGGUANG_ID_IN_TEXT.exec(clean(e.textContent).normalize('NFKC'))?.[1] ?? id;
  return id;
}

/** The 逛逛号 of the list row an element is in (listRowOf, idOfRow); undefined when not found. */
export function rowGuangguangId(el: Element): string | undefined {
  const row = listRowOf(el);
  return row ? idOfRow(row) : undefined;
}

/** Everything the content script reports for one frame. */
export function recognise(doc: Document, href: string, frame: PageReport['frame']): PageReport {
  const page = recognisePage(doc, href);
  const report: PageReport = {
    url: href,
    frame,
    page,
    dialogs: recogniseDialogs(doc).map((d) => d.id),
    notices: recogniseNotices(doc),
    account: frame === 'top' ? recogniseAccount(doc) : null,
  };
  if (page === 'matrix') report.matrixRows = readMatrixRows(doc);
  if (page === 'confirm-info')
    report.confirmVariant = textIncludes(doc.body?.textContent, TMALL_WORD) ? 'tmall' : 'other';
  return report;
}
