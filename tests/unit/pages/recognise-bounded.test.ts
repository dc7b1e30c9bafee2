/**
 * On a page listing thousands of creators (达人管理 with 5,000 rows is ~150,000 elements), what runs
 * in one task must not look at every element: the content script's dialog and account reads, and
 * the steps of the roster reader that are not one row's (finding the table, its headers, its rows,
 * the tab, the pager, the search box, the institution). Counted here as "scans across the list":
 * a querySelector(All) called on an element that holds more than one of the list's rows. Each row's
 * own reading is sliced (readRosterListInSlices) and is not counted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { load } from './saved-pages';
import {
  findAutolog,
  outsideLists,
  recogniseAccount,
  recogniseDialogs,
  TITLE_MAX_CHARS,
} from '@/utils/pages/recognise';
import { readRosterList, rowsOf } from '@/utils/pages/roster';
import { INSTITUTION_BLOCK_AUTOLOG, PAGES, SELECTORS } from '@/utils/platform/anchors';
import { normaliseText } from '@/utils/pages/text';

const ROWS = 600;

/** 达人管理 of the mock with its 20 rows copied up to `ROWS` rows (unique 逛逛号 are not needed here). */
function bigRoster(): Document {
  const doc = load('mcn-talent.html');
  const body = doc.querySelector('tbody')!;
  const rows = [...body.children];
  while (body.children.length < ROWS) for (const r of rows) body.append(r.cloneNode(true));
  return doc;
}

type Patched = { proto: object; name: 'querySelector' | 'querySelectorAll'; fn: unknown };
const patched: Patched[] = [];

/** Counts the calls to querySelector(All) on a node holding more than one row of `doc`'s list. */
function countListScans(doc: Document): { scans: string[] } {
  const rows = new Set(doc.querySelectorAll('tbody tr'));
  const holdsRows = (n: ParentNode) => {
    let k = 0;
    for (const r of rows) if (n !== r && (n as Node).contains(r) && ++k > 1) return true;
    return false;
  };
  const seen = { scans: [] as string[] };
  for (const node of [doc, doc.body]) {
    for (
      let proto = Object.getPrototypeOf(node) as object | null;
      proto;
      proto = Object.getPrototypeOf(proto) as object | null
    )
      for (const name of ['querySelector', 'querySelectorAll'] as const) {
        if (!Object.prototype.hasOwnProperty.call(proto, name)) continue;
        if (patched.some((p) => p.proto === proto && p.name === name)) continue;
        const fn = (proto as Record<string, (this: ParentNode, s: string) => unknown>)[name]!;
        patched.push({ proto: proto, name, fn });
        (proto as Record<string, unknown>)[name] = function (this: ParentNode, sel: string) {
          if (rows.size && holdsRows(this)) seen.scans.push(sel);
          return fn.call(this, sel);
        };
      }
  }
  return seen;
}

afterEach(() => {
  for (const p of patched.splice(0)) (p.proto as Record<string, unknown>)[p.name] = p.fn;
});

describe('reads bounded on a page of many rows', () => {
  it('the content script: dialogs and the header blocks are found without walking the rows', () => {
    const doc = bigRoster();
    const seen = countListScans(doc);
    expect(recogniseDialogs(doc)).toEqual([]);
    expect(findAutolog(doc, INSTITUTION_BLOCK_AUTOLOG)).toBeTruthy();
    recogniseAccount(doc);
    expect(seen.scans).toEqual([]);
  });

  it('the roster reader: table, headers, rows, tab, pager, search and institution without a scan across the list', () => {
    const doc = bigRoster();
    const seen = countListScans(doc);
    const list = readRosterList(doc);
    expect(seen.scans).toEqual([]);
    expect(list.rows).toHaveLength(ROWS);
    expect(list).toMatchObject({ tab: 'bound', page: 1, pageCount: 3, filtered: false });
    expect(list.institution?.name).toBeTruthy();
  });

  it('outsideLists: never what is inside a table body or a row group, all the rest in document order', () => {
    const doc = load('mcn-talent.html');
    const body = doc.querySelector('tbody')!;
    const inRow = doc.createElement('div');
    inRow.setAttribute('role', 'dialog');
    body.querySelector('td')!.append(inRow);
    const el = (role: string, id = '') => {
      const e = doc.createElement('div');
      e.setAttribute('role', role);
      if (id) e.id = id;
      return e;
    };
    const group = el('rowgroup');
    group.append(el('dialog', 'in-group'));
    doc.body.append(group, el('dialog', 'out'));
    const found = outsideLists(doc, '[role=dialog]');
    expect(found.includes(inRow)).toBe(false);
    expect(found.map((e) => e.id)).toEqual(['out']);
  });

  it('rowsOf: the rows of a table in document order, a row inside a row not one of them', () => {
    const doc = load('mcn-talent.html');
    const table = doc.querySelector('tbody')!.closest('table')!;
    const all = [...table.querySelectorAll(SELECTORS.row)];
    const nested = doc.createElement('div');
    nested.setAttribute('role', 'row');
    all[0]!.querySelector('td')!.append(nested);
    const got = rowsOf(table);
    expect(got.length).toBe(all.length);
    expect(got.every((r, i) => r === all[i])).toBe(true);
  });

  it('every heading of the table fits the plain-title length bound, spaces and marks around it included', () => {
    const headings = PAGES.flatMap((s) => [...s.all, ...(s.any ?? [])]).flatMap((p) =>
      'heading' in p ? [normaliseText(p.heading)] : [],
    );
    expect(headings.length).toBeGreaterThan(0);
    for (const h of headings) expect(h.length * 3 + 8).toBeLessThanOrEqual(TITLE_MAX_CHARS);
  });
});
