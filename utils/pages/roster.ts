/**
 * The institution platform's 达人管理 list, read from a document: who is logged in (the header's
 * institution block), which tab is open, the rows of this page (nickname, 逛逛号, level), whether a
 * search narrows them, and the pagination. Pure DOM reading, no side effects; never part of the
 * content script (its size budget): entrypoints/roster.ts runs it when the background asks.
 *
 * A 逛逛号 is taken only where the page labels it as one (an element whose whole text is
 * `逛逛号：ID`, or a cell under a 逛逛号 column): a fan count, a date or a number in a nickname is
 * never one.
 */
import {
  INSTITUTION_BLOCK_AUTOLOG,
  INSTITUTION_ID_LABEL,
  ROSTER,
  ROSTER_GUANGGUANG_ID,
  ROSTER_SELECTORS,
  SELECTORS,
  GUANGGUANG_ID_WORD,
} from '../platform/anchors';
import { columnIndex, findAutolog, firstText, holdsFormFields, idInCell, outsideLists } from './recognise';
import { clean, normaliseText, sameText } from './text';
import type { RosterList } from './types';

type RosterRow = RosterList['rows'][number];

/** The header's institution block: its first text that is not the ID line is the name. */
export function readInstitution(doc: Document): RosterList['institution'] {
  const block = findAutolog(doc, INSTITUTION_BLOCK_AUTOLOG);
  if (!block) return null;
  const id = INSTITUTION_ID_LABEL.exec(clean(block.textContent).normalize('NFKC'))?.[1];
  const name = firstText(block, (t) => !INSTITUTION_ID_LABEL.test(t.normalize('NFKC')));
  if (!name) return null;
  return id ? { name, id } : { name };
}

/** Outside dialogs and forms: a confirmation's own markup is never the list. */
const onPage = (el: Element) => el.closest(`${SELECTORS.dialog},form`) === null;

/** The column of a cell or header: Fusion's `data-next-table-col`, else its place in the row. */
function colOf(cell: Element, index: number): number {
  const n = Number(cell.getAttribute('data-next-table-col') ?? '');
  return cell.hasAttribute('data-next-table-col') && Number.isInteger(n) && n >= 0 ? n : index;
}

/**
 * Header text by column. Looked for outside the table's body first (a <thead>, Fusion's header
 * table): the body of 5,000 rows is not walked for them. An ARIA grid keeps its header row in a row
 * group too: then the whole table is searched.
 */
function headersOf(table: Element): string[] {
  const out: string[] = [];
  const found = outsideLists(table, SELECTORS.columnHeader);
  (found.length ? found : [...table.querySelectorAll(SELECTORS.columnHeader)]).forEach((th, i) => {
    out[colOf(th, i)] = clean(th.textContent);
  });
  return out;
}

/** The roster table: the first table on the page with a creator column, else the first table. */
function rosterTable(doc: Document): { table: Element; headers: string[] } | null {
  // Outermost tables (a .next-table and the <table>s drawn inside it are one), none in a list's body.
  const all = outsideLists(doc, SELECTORS.table);
  const tables = all.filter((t) => onPage(t) && !all.some((o) => o !== t && o.contains(t)));
  for (const table of tables) {
    const headers = headersOf(table);
    if (columnIndex(headers, ROSTER.columns.creator) >= 0) return { table, headers };
  }
  const first = tables[0];
  return first ? { table: first, headers: headersOf(first) } : null;
}

/** The 逛逛号 a row labels as such, or null. */
function rowId(tr: Element, cells: Map<number, Element>, idCol: number): string | null {
  for (const el of tr.querySelectorAll('*')) {
    const m = ROSTER_GUANGGUANG_ID.exec(normaliseText(el.textContent));
    if (m) return m[1]!;
  }
  const cell = idCol >= 0 ? cells.get(idCol) : undefined;
  return (cell && idInCell(cell.textContent ?? '')) || null;
}

/** The roster table's rows and how to read one (null: not a creator row), or null without a table. */
function rowReader(doc: Document): { rows: Element[]; read: (tr: Element) => RosterRow | null } | null {
  const found = rosterTable(doc);
  if (!found) return null;
  const { table, headers } = found;
  const creatorCol = Math.max(0, columnIndex(headers, ROSTER.columns.creator));
  const levelCol = columnIndex(headers, ROSTER.columns.level);
  const idCol = columnIndex(headers, ROSTER.columns.guangguangId);
  const seen = new Set<Element>();
  const read = (tr: Element): RosterRow | null => {
    if (seen.has(tr) || tr.matches(ROSTER_SELECTORS.emptyRow) || holdsFormFields(tr)) return null;
    seen.add(tr);
    const cells = new Map<number, Element>();
    [...tr.querySelectorAll(SELECTORS.cell)].forEach((td, i) => cells.set(colOf(td, i), td));
    if (cells.size < 2) return null; // a placeholder row (loading, empty), one cell across the table
    const creator = cells.get(creatorCol);
    const nickname = creator ? firstText(creator, (t) => !t.includes(GUANGGUANG_ID_WORD)) : '';
    if (!nickname) return null;
    const levelText = levelCol >= 0 ? clean(cells.get(levelCol)?.textContent) : '';
    const level = levelText && !(ROSTER.noLevel as readonly string[]).includes(levelText) ? levelText : null;
    return { nickname, guangguangId: rowId(tr, cells, idCol), level };
  };
  return { rows: rowsOf(table), read };
}

/**
 * The rows of a table, in document order, without looking inside a row: a few thousand elements
 * visited for 5,000 rows, not the ~150,000 elements they hold. A row drawn inside another row (an
 * expanded detail) is that row's content, not a creator of the list.
 */
export function rowsOf(root: Element, out: Element[] = []): Element[] {
  for (const el of root.children)
    if (el.matches(SELECTORS.row)) out.push(el);
    else rowsOf(el, out);
  return out;
}

function readRows(doc: Document): RosterRow[] {
  const r = rowReader(doc);
  if (!r) return [];
  const rows: RosterRow[] = [];
  for (const tr of r.rows) {
    const row = r.read(tr);
    if (row) rows.push(row);
  }
  return rows;
}

/** A whole number shown by an element, or null. */
function numberIn(el: Element | null): number | null {
  const t = clean(el?.textContent).normalize('NFKC');
  return /^\d{1,6}$/.test(t) ? Number(t) : null;
}

/** The current page and the number of pages (the highest page button: Fusion always shows the last). */
function readPaging(doc: Document): { page: number; pageCount: number | null } {
  const pager = outsideLists(doc, ROSTER_SELECTORS.pagination).find(onPage);
  if (!pager) return { page: 1, pageCount: null };
  const page = numberIn(pager.querySelector(ROSTER_SELECTORS.currentPage)) ?? 1;
  let last = 0;
  for (const item of pager.querySelectorAll(ROSTER_SELECTORS.pageItem))
    last = Math.max(last, numberIn(item) ?? 0);
  return { page, pageCount: last >= page ? last : null };
}

/** Which tab is open: 已绑定, or any other (邀约中, 已解绑, one the table does not know, none). */
function readTab(doc: Document): RosterList['tab'] {
  for (const tab of outsideLists(doc, ROSTER_SELECTORS.selectedTab)) {
    if (!onPage(tab)) continue;
    const label = tab.querySelector(ROSTER_SELECTORS.tabLabel) ?? tab;
    if (ROSTER.boundTabs.some((w) => sameText(label.textContent, w))) return 'bound';
  }
  return 'other';
}

/** Whether the search box holds a term (React keeps the value attribute in step with the value). */
function readFiltered(doc: Document): boolean {
  const box = outsideLists(doc, 'input').find((el) =>
    sameText(el.getAttribute('placeholder'), ROSTER.search),
  );
  if (!box) return false;
  const value = (box as HTMLInputElement).value ?? box.getAttribute('value') ?? '';
  return clean(value) !== '';
}

function listOf(doc: Document, rows: RosterRow[]): RosterList {
  const filtered = readFiltered(doc);
  const { page, pageCount } = readPaging(doc);
  return {
    institution: readInstitution(doc),
    tab: readTab(doc),
    rows,
    filtered,
    complete: !filtered && page === 1 && pageCount === 1,
    page,
    pageCount,
  };
}

export function readRosterList(doc: Document): RosterList {
  return listOf(doc, readRows(doc));
}

/** Longest slice of rows read without giving the page back (a long task is 50 ms). */
export const ROSTER_SLICE_MS = 8;

/**
 * The same list, read in slices of at most `ROSTER_SLICE_MS`, awaiting `pause()` between them, so a
 * page of thousands of rows never sees a long task from us. The page may change between slices: the
 * caller reads again when it did (entrypoints/roster.ts).
 */
export async function readRosterListInSlices(
  doc: Document,
  pause: () => Promise<unknown>,
  now: () => number = () => performance.now(),
): Promise<RosterList> {
  const r = rowReader(doc);
  const rows: RosterRow[] = [];
  if (r) {
    let start = now();
    for (const tr of r.rows) {
      if (now() - start > ROSTER_SLICE_MS) {
        await pause();
        start = now();
      }
      const row = r.read(tr);
      if (row) rows.push(row);
    }
  }
  return listOf(doc, rows);
}
