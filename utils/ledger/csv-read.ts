/**
 * Reading a CSV file someone kept in Excel or WPS: the bytes decoded (UTF-8 with or without BOM, UTF-16
 * with BOM — Excel's "Unicode text" — and GB18030/GBK, what Excel on Chinese Windows saves), then parsed
 * as RFC 4180 records, each with the line it starts on so a refused row can be named.
 *
 * Pure: no database, no DOM. The panel decodes (it holds the file's bytes); the background parses and
 * validates again what it is sent, so a forged message is checked like a file.
 */

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** A spreadsheet bigger than this is refused before it is parsed (8 MiB of text, ~100,000 short rows). */
export const MAX_CSV_CHARS = 8 * 1024 * 1024;
/** At most this many records (the header included). */
export const MAX_CSV_RECORDS = 10_001;

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
  /** The file began with a byte-order mark (removed from `text`). */
  bom: boolean;
}

/**
 * The file's text. A BOM decides; without one, text that is valid UTF-8 is UTF-8, anything else is
 * GB18030 (a superset of GBK and GB2312, so every file Excel saves as "CSV" on Chinese Windows).
 */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  const b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(b.subarray(3)), encoding: 'utf-8', bom: true };
  if (b[0] === 0xff && b[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'utf-16le', bom: true };
  if (b[0] === 0xfe && b[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), encoding: 'utf-16be', bom: true };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8', bom: false };
  } catch {
    return { text: new TextDecoder('gb18030').decode(b), encoding: 'gb18030', bom: false };
  }
}

export interface CsvRecord {
  /** 1-based line of the file where the record starts (what Excel shows as the row number). */
  line: number;
  cells: string[];
}

export type CsvParseResult =
  | { ok: true; records: CsvRecord[]; delimiter: ',' | '\t' | ';' }
  | { ok: false; problem: 'unterminated-quote' | 'too-many-rows' | 'too-large' | 'empty'; line: number };

/** The delimiter of the header line: a comma, else a tab (Excel's Unicode text), else a semicolon. */
function delimiterOf(text: string): ',' | '\t' | ';' {
  const end = text.search(/[\r\n]/);
  const first = end < 0 ? text : text.slice(0, end);
  if (first.includes(',')) return ',';
  if (first.includes('\t')) return '\t';
  return first.includes(';') ? ';' : ',';
}

/**
 * RFC 4180 records: quoted fields may hold the delimiter, quotes (doubled) and line breaks; CRLF, LF
 * and CR all end a record. A BOM left at the start is dropped. Completely empty lines are skipped
 * (Excel leaves them at the end); a line of empty cells is kept for the caller to judge.
 */
export function parseCsv(input: string): CsvParseResult {
  if (input.length > MAX_CSV_CHARS) return { ok: false, problem: 'too-large', line: 0 };
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const d = delimiterOf(text);
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    // One record.
    for (;;) {
      if (text[i] === '"') {
        // A quoted field: up to the closing quote; "" is a quote.
        i++;
        for (;;) {
          if (i >= n) return { ok: false, problem: 'unterminated-quote', line: start };
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          cell += c;
          i++;
        }
      }
      // Unquoted text (or what follows a closing quote, kept as Excel does).
      while (i < n && text[i] !== d && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      cells.push(cell);
      cell = '';
      if (i >= n) break;
      if (text[i] === d) {
        i++;
        continue;
      }
      // A line end.
      i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      break;
    }
    if (!(cells.length === 1 && cells[0] === '')) {
      records.push({ line: start, cells });
      if (records.length > MAX_CSV_RECORDS) return { ok: false, problem: 'too-many-rows', line: start };
    }
  }
  if (records.length === 0) return { ok: false, problem: 'empty', line: 1 };
  return { ok: true, records, delimiter: d };
}

/** A header cell compared loosely: NFKC, no spaces, no required marks or colons, lower case. */
export function headerKey(cell: string): string {
  return cell
    .normalize('NFKC')
    .replace(/[\s*:：()（）]/g, '')
    .toLowerCase();
}

/**
 * A cell that a spreadsheet would run as a formula: starts with `=`, `+`, `-`, `@`, a tab or a CR.
 * Our own export prefixes such cells with `'` (utils/ledger/csv.ts); `unquoteFormula` takes that off.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell as text: our export's `'` before a formula character removed (the value round-trips); every
 * other cell as it is. Whatever comes back is only ever stored and shown as text, never evaluated, and
 * an export writes it neutralised again.
 */
export function cellText(raw: string): { text: string; formula: boolean } {
  const text = raw.startsWith("'") && FORMULA_START.test(raw.slice(1)) ? raw.slice(1) : raw;
  return { text: text.trim(), formula: FORMULA_START.test(text) };
}

/** Why a file yields no table: unreadable, no 逛逛号 column, or no data row. */
export type CsvTableProblem = Exclude<CsvParseResult, { ok: true }>['problem'] | 'no-id-column' | 'no-rows';

export type CsvCell = ReturnType<typeof cellText>;

export type CsvTable<C extends string> =
  | {
      ok: true;
      headerLine: number;
      /** The columns the header names, in `columns` order. */
      columns: C[];
      /** Header cells that name no column we read (at most 40 characters each). */
      ignored: string[];
      /** Every non-blank data record, each column's cell read with `cellText`. */
      records: { line: number; cells: Record<C, CsvCell> }[];
    }
  | { ok: false; problem: Exclude<CsvTableProblem, 'no-rows'>; line: number };

/**
 * A CSV file as a table of known columns: headers matched loosely (`headerKey`) against each column's
 * accepted names, the first match of a column wins, blank records skipped. A file whose header names no
 * `guangguangId` column is refused, as every list the ledger imports is keyed by 逛逛号.
 */
export function readCsvTable<C extends string>(
  text: string,
  columns: readonly C[],
  headers: Record<C, readonly string[]>,
): CsvTable<C> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, problem: parsed.problem, line: parsed.line };
  const byKey = new Map<string, C>(columns.flatMap((c) => headers[c].map((h) => [headerKey(h), c] as const)));
  const [header, ...data] = parsed.records;
  const index: Partial<Record<C, number>> = {};
  const ignored: string[] = [];
  header!.cells.forEach((cell, i) => {
    const col = byKey.get(headerKey(cell));
    if (col && index[col] === undefined) index[col] = i;
    else if (cell.trim()) ignored.push(cell.trim().slice(0, 40));
  });
  if ((index as Record<string, number | undefined>)['guangguangId'] === undefined)
    return { ok: false, problem: 'no-id-column', line: header!.line };
  const records: { line: number; cells: Record<C, CsvCell> }[] = [];
  for (const rec of data) {
    const cells = Object.fromEntries(
      columns.map((c) => {
        const i = index[c];
        return [c, i === undefined ? { text: '', formula: false } : cellText(rec.cells[i] ?? '')];
      }),
    ) as Record<C, CsvCell>;
    if (columns.every((c) => cells[c].text === '')) continue; // a blank row
    records.push({ line: rec.line, cells });
  }
  return {
    ok: true,
    headerLine: header!.line,
    columns: columns.filter((c) => index[c] !== undefined),
    ignored,
    records,
  };
}
