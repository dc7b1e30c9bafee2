/**
 * Fuzzing the CSV export (`exportCsv`) against formula injection.
 *
 * Property, for arbitrary nicknames, notes, 逛逛号 and workspace names (formula payloads, quotes, CR/LF,
 * tabs, BOMs, lone surrogates, any Unicode): every cell of the export that would start with `=`, `+`,
 * `-`, `@`, tab or CR starts with `'` instead, no cell starts with one of those characters, and the
 * file parses (RFC 4180, below) to exactly the stored values, with the `'` prefix on the neutralised
 * ones only. Runs: `FUZZ_RUNS / 40` ledgers (each a few writes and one export), at least 25.
 */
import * as fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CSV_HEADERS,
  CSV_PHONE_HEADERS,
  createWorkspace,
  deleteWorkspace,
  exportCsv,
  listAccounts,
  openLedger,
  upsertAccount,
  type AccountRow,
} from '@/utils/ledger';
import { FORMULA_PAYLOADS, hostileString } from './support/arbitraries';
import { FUZZ_RUNS, Tally, assertProperty, banner } from './support/config';

/** RFC 4180: fields separated by `,`, records by CRLF, `"` quotes a field, `""` is a quote inside one. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        cell += c;
        i++;
      }
    } else if (c === '"') {
      if (cell !== '') throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else if (c === '\r' || c === '\n') {
      throw new Error(`a bare line break in an unquoted field at ${i}`);
    } else {
      cell += c;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (cell !== '' || row.length) throw new Error('the last record has no CRLF');
  return rows;
}

const DANGEROUS = /^[=+\-@\t\r]/;
/** What the cell of a stored value must read after parsing. */
const expectedCell = (v: string) => (DANGEROUS.test(v) ? `'${v}` : v);

/** Text that starts with what a spreadsheet evaluates, or is just hostile. */
const cellText = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\t=', '\r\n=', ' =', '＝', "'", '"'),
        hostileString,
      )
      .map(([a, b]) => a + b),
  },
  { weight: 2, arbitrary: fc.constantFrom(...FORMULA_PAYLOADS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

/** Values that pass the account schema: the 逛逛号 must be non-empty after trimming, at most 64 long. */
const ggText = (i: number) => cellText.map((s) => `${s.slice(0, 50)}#${i}`);

const files = new Tally('csv files exported and parsed');
const rowsSeen = new Tally('csv account rows checked');
afterAll(() => {
  console.info([banner('csv'), `  ${files.toString()}`, `  ${rowsSeen.toString()}`].join('\n'));
});

describe('fuzz: CSV export neutralises formula injection', () => {
  it('every dangerous cell is prefixed with an apostrophe and the file parses back to the stored values', async () => {
    const db = openLedger(`fuzz-csv-${crypto.randomUUID()}`);
    const input = fc.record({
      workspace: cellText,
      main: fc.record({ nickname: cellText, guangguangId: ggText(0), note: cellText }),
      matrix: fc.array(
        fc.record({ nickname: cellText, note: cellText, phone: fc.constantFrom(undefined, '13800138000') }),
        { minLength: 0, maxLength: 2 },
      ),
      matrixGg: fc.tuple(ggText(1), ggText(2)),
      includePhones: fc.boolean(),
    });
    await assertProperty(
      'csv/formula-injection',
      fc.asyncProperty(input, async ({ workspace, main, matrix, matrixGg, includePhones }) => {
        // Workspace names must be non-empty after trimming.
        const name = workspace.trim() ? workspace.slice(0, 100) : `${workspace}名`;
        const { workspace: ws } = await createWorkspace(db, { name, mainAccount: main });
        for (const [i, m] of matrix.entries())
          await upsertAccount(db, ws.id, { ...m, guangguangId: matrixGg[i]! });
        const csv = await exportCsv(db, { workspaceIds: [ws.id], includePhones });
        const stored: AccountRow[] = (await listAccounts(db, ws.id)).map((v) => v.account);
        const storedWs = (await db.workspaces.get(ws.id))!;
        await deleteWorkspace(db, ws.id);

        expect(csv.startsWith('\uFEFF')).toBe(true);
        const [header, ...rows] = parseCsv(csv.slice(1));
        expect(header).toEqual([...CSV_HEADERS, ...(includePhones ? CSV_PHONE_HEADERS : [])]);
        expect(rows).toHaveLength(stored.length);
        for (const row of rows) {
          expect(row).toHaveLength(header!.length);
          for (const cell of row)
            expect(cell, `a cell starts with a formula character: ${JSON.stringify(cell)}`).not.toMatch(
              DANGEROUS,
            );
        }
        const col = (h: string) => header!.indexOf(h);
        for (const a of stored) {
          const row = rows.find((r) => r[col('逛逛号')] === expectedCell(a.guangguangId));
          expect(row, `no row for 逛逛号 ${JSON.stringify(a.guangguangId)}`).toBeDefined();
          expect(row![col('工作区')]).toBe(expectedCell(storedWs.name));
          expect(row![col('昵称')]).toBe(expectedCell(a.nickname));
          expect(row![col('备注')]).toBe(expectedCell(a.note));
          rowsSeen.add(
            DANGEROUS.test(a.nickname) || DANGEROUS.test(a.note) || DANGEROUS.test(a.guangguangId)
              ? 'accounts with a formula-looking field'
              : 'accounts, plain',
          );
        }
        files.add(includePhones ? 'with phone columns' : 'without phone columns');
      }),
      Math.max(25, Math.round(FUZZ_RUNS / 40)),
    );
    await db.delete();
  }, 120_000);

  it('the parser in this test reads quotes, doubled quotes and CRLF inside quotes', () => {
    expect(parseCsv('a,"b,c","d""e","f\r\ng"\r\n,\r\n')).toEqual([
      ['a', 'b,c', 'd"e', 'f\r\ng'],
      ['', ''],
    ]);
    expect(() => parseCsv('a"b\r\n')).toThrow();
    expect(() => parseCsv('"a\r\n')).toThrow();
  });
});
