/**
 * Pure recognisers over a document. No side effects, no globals: the content script passes in
 * `document` and `location.href`, the unit tests pass in saved pages parsed by linkedom.
 * Recognition that finds nothing returns 'unknown' and the panel falls back to text guides.
 */
import {
  ACCOUNT_BLOCK_AUTOLOG,
  DIALOGS,
  GUANGGUANG_ID_LABEL,
  MATRIX_COLUMNS,
  NOTICES,
  PAGES,
  type Probe,
} from './table';
import type { DialogId, MatrixRow, NoticeId, PageAccount, PageId, PageReport } from './types';

/** Collapse whitespace the way a reader sees it. */
export function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

const HEADINGS = 'h1,h2,h3,h4,[role="heading"]';
const BUTTONS = 'button,[role="button"],a';

function someText(root: ParentNode, selector: string, test: (t: string) => boolean): boolean {
  for (const el of root.querySelectorAll(selector)) if (test(clean(el.textContent))) return true;
  return false;
}

function probeMatches(doc: Document, url: URL, probe: Probe, bodyText: () => string): boolean {
  if ('heading' in probe) return someText(doc, HEADINGS, (t) => t.includes(probe.heading));
  if ('button' in probe) return someText(doc, BUTTONS, (t) => t === probe.button);
  if ('placeholder' in probe) return hasAttrValue(doc, 'input,textarea', 'placeholder', probe.placeholder);
  if ('autolog' in probe) return findAutolog(doc, probe.autolog) !== null;
  if ('iframeTitle' in probe) return hasAttrValue(doc, 'iframe', 'title', probe.iframeTitle);
  if ('text' in probe) return bodyText().includes(probe.text);
  return url.pathname.startsWith(probe.path);
}

// Attribute values are compared in code rather than put into a selector: labels come from a table
// today, but nothing here should ever build a selector out of page text.
function hasAttrValue(root: ParentNode, selector: string, attr: string, value: string): boolean {
  for (const el of root.querySelectorAll(selector)) if (el.getAttribute(attr) === value) return true;
  return false;
}

function findAutolog(root: ParentNode, part: string): Element | null {
  for (const el of root.querySelectorAll('[data-autolog]'))
    if ((el.getAttribute('data-autolog') ?? '').includes(part)) return el;
  return null;
}

/** Which known page this is, from the URL's host and the document's stable anchors. */
export function recognisePage(doc: Document, href: string): PageId {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return 'unknown';
  }
  let text: string | undefined;
  const bodyText = () => (text ??= clean(doc.body?.textContent));
  for (const sig of PAGES) {
    if (!sig.hosts.includes(url.hostname)) continue;
    if (!sig.all.every((p) => probeMatches(doc, url, p, bodyText))) continue;
    if (sig.any && !sig.any.some((p) => probeMatches(doc, url, p, bodyText))) continue;
    return sig.id;
  }
  return 'unknown';
}

/** The title of a dialog: aria-labelledby target, else its first heading-like element. */
export function dialogTitle(dialog: Element): string {
  const labelledBy = dialog.getAttribute('aria-labelledby');
  if (labelledBy) {
    const el = dialog.ownerDocument.getElementById(labelledBy);
    if (el) return clean(el.textContent);
  }
  const label = dialog.getAttribute('aria-label');
  if (label) return clean(label);
  const head = dialog.querySelector(`${HEADINGS},header,[class*="dialog-header"],[class*="dialog-title"]`);
  return clean(head?.textContent);
}

export function dialogIdOf(dialog: Element): DialogId | null {
  const title = dialogTitle(dialog);
  if (!title) return null;
  for (const sig of DIALOGS) if (sig.titles.some((t) => title.includes(t))) return sig.id;
  return null;
}

/** Open dialogs we know, in document order. */
export function recogniseDialogs(doc: Document): { id: DialogId; el: Element }[] {
  const out: { id: DialogId; el: Element }[] = [];
  for (const el of doc.querySelectorAll('[role="dialog"],[role="alertdialog"]')) {
    if (el.getAttribute('aria-hidden') === 'true') continue;
    const id = dialogIdOf(el);
    if (id) out.push({ id, el });
  }
  return out;
}

export function recogniseNotices(doc: Document): NoticeId[] {
  const text = clean(doc.body?.textContent);
  return NOTICES.filter((n) => n.texts.some((t) => text.includes(t))).map((n) => n.id);
}

/** The logged-in account, from the creator platform's user block. */
export function recogniseAccount(doc: Document): PageAccount | null {
  const block = findAutolog(doc, ACCOUNT_BLOCK_AUTOLOG);
  if (!block) return null;
  const all = clean(block.textContent);
  const id = GUANGGUANG_ID_LABEL.exec(all)?.[1];
  // The nickname is the first piece of text in the block that is neither the 逛逛号 line nor a status.
  let nickname: string | undefined;
  const walker = doc.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = clean(n.textContent);
    if (!t || t.includes('逛逛号') || /^账号(正常|异常|受限)/.test(t) || t === id) continue;
    nickname = t;
    break;
  }
  const account: PageAccount = {};
  if (nickname) account.nickname = nickname;
  if (id) account.guangguangId = id;
  return nickname || id ? account : null;
}

/** Rows of the matrix-account table, read by column header text. */
export function readMatrixRows(doc: Document): MatrixRow[] {
  for (const table of doc.querySelectorAll('table,[role="table"],[role="grid"]')) {
    const headers = [...table.querySelectorAll('th,[role="columnheader"]')].map((h) => clean(h.textContent));
    const col = (names: readonly string[]) => headers.findIndex((h) => names.includes(h));
    const idx = {
      nickname: col(MATRIX_COLUMNS.nickname),
      guangguangId: col(MATRIX_COLUMNS.guangguangId),
      binding: col(MATRIX_COLUMNS.binding),
      permission: col(MATRIX_COLUMNS.permission),
    };
    if (idx.guangguangId < 0 || idx.binding < 0) continue;
    const rows: MatrixRow[] = [];
    for (const tr of table.querySelectorAll('tbody tr,[role="row"]')) {
      const cells = [...tr.querySelectorAll('td,[role="cell"],[role="gridcell"]')].map((c) =>
        clean(c.textContent),
      );
      if (cells.length < headers.length) continue;
      const at = (i: number) => (i >= 0 ? (cells[i] ?? '') : '');
      const guangguangId = at(idx.guangguangId);
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
    report.confirmVariant = clean(doc.body?.textContent).includes('天猫') ? 'tmall' : 'other';
  return report;
}
