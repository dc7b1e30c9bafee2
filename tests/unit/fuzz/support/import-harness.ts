/**
 * The import fuzzers' harness (`import.test.ts`, `import-near-valid.test.ts`): the seeded database and
 * the real exports mutated by the generators, the property checked for every file (`checkFile`), and
 * the generators of hostile files.
 *
 * Property, for every file: either the import succeeds and the file was valid (it parses, preview
 * agrees; if rows were written the ledger keeps its documented invariants, stays usable and importing
 * the file again writes nothing; if nothing was written the ledger is still the seed), or both
 * `previewImport` and `applyImport` refuse it with a clear `LedgerImportError` (non-empty `zh` + `en`,
 * every issue naming where it is: `file`, a header field, or `table[row].field`) AND the database is
 * unchanged (a write probe on every file, SHA-256 of the stable JSON of every table after any write,
 * on every near-valid file, every `FUZZ_HASH_EVERY` files and at the end of each property). Nothing
 * may pollute `Object.prototype`.
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  LedgerError,
  LedgerImportError,
  applyImport,
  createWorkspace,
  exportJson,
  listAccounts,
  listWorkspaces,
  openLedger,
  parseBackup,
  previewImport,
  type ImportPreview,
  type LedgerDb,
} from '@/utils/ledger';
import {
  FORMULA_PAYLOADS,
  PROTO_KEYS,
  hostileString,
  hugeString,
  junk,
  junkOrDeep,
  junkText,
  oddNumber,
  toJsonText,
} from './arbitraries';
import { FUZZ_HASH_EVERY, Tally, banner, printable } from './config';
import {
  documentedInvariants,
  dumpAll,
  ledgerHash,
  restore,
  seededDb,
  withDeterministicIds,
  type Dump,
} from './db';

export const TABLES = ['workspaces', 'accounts', 'bindings', 'permissions', 'events', 'settings'] as const;
/** The roster tables of a version 2 file (backup format 2), mutated like the others. */
export const ROSTER_TABLES = ['institutions', 'members', 'memberEvents'] as const;
const ALL_FILE_TABLES = [...TABLES, ...ROSTER_TABLES] as const;
export const HEADER = [
  'format',
  'version',
  'exportedAt',
  'schemaVersion',
  'phonesIncluded',
  'phoneKeyId',
] as const;

/** Where an import issue may point: the file, a header field, a table, or `table[row]…`. */
const LOCATED = new RegExp(
  `^(?:(?:file|${HEADER.join('|')}): |(?:${ALL_FILE_TABLES.join('|')})(?:: |\\[\\d+\\])|… and \\d+ more$)`,
);

/** A property's database: seeded, its write probe, snapshot and content hash. */
export interface Fixture {
  db: LedgerDb;
  writes: { readonly count: number };
  snapshot: Dump;
  hash: string;
  runs: number;
  hashed: number;
}

async function fixture(): Promise<Fixture> {
  const { db, writes } = await seededDb('fuzz-import');
  return { db, writes, snapshot: await dumpAll(db), hash: await ledgerHash(db), runs: 0, hashed: 0 };
}

export async function expectUnchanged(f: Fixture, message: string): Promise<void> {
  f.hashed++;
  expect(await ledgerHash(f.db), message).toBe(f.hash);
}

/** End of a property (which started when `f.hashed` was `hashedAtStart`): still the seed, by content hash. */
export async function done(f: Fixture, t: Tally, hashedAtStart: number): Promise<void> {
  await expectUnchanged(f, 'the database differs from the seed at the end of the property');
  t.hashes = f.hashed - hashedAtStart;
}

const FOREIGN = new Set(['other-install', 'same-gg-other-ids']);

/** Real exports used as mutation bases (set by `loadFixture`). */
export let bases: { name: string; text: string; obj: Record<string, unknown> }[] = [];
/** Every id in any base: a row edited to use one may point into another ledger (clashes, dangling refs). */
let allIds: string[] = [];

/**
 * The one seeded database of a test file (each property starts and ends with it unchanged), and real
 * exports used as mutation bases: of that same ledger (with and without phones, and of one workspace,
 * so that mutated rows hit the merge rules: unchanged / updated / conflicting), of another ledger made
 * on another install (all rows new, foreign phone hashes), and of a twin ledger with the same 逛逛号s
 * under other ids (edited to point at our workspaces, its rows clash on 逛逛号).
 */
export async function loadFixture(): Promise<Fixture> {
  const fx = await fixture();
  const db = fx.db;
  const twin = await seededDb('fuzz-import-twin');
  const other = openLedger(`fuzz-import-other-${crypto.randomUUID()}`);
  await withDeterministicIds(() =>
    createWorkspace(
      other,
      { name: '别家店', mainAccount: { guangguangId: '5510000001', nickname: '别家', phone: '13700001111' } },
      { now: 1_700_000_000_000 },
    ),
  );
  const firstWs = (await db.workspaces.toArray())[0]!.id;
  const texts = {
    'with-phones': await exportJson(db, { includePhones: true, now: 1_750_000_000_000 }),
    'without-phones': await exportJson(db, { now: 1_750_000_000_000 }),
    'one-workspace': await exportJson(db, { workspaceIds: [firstWs], includePhones: true }),
    'other-install': await exportJson(other, { includePhones: true }),
    'same-gg-other-ids': await exportJson(twin.db, { includePhones: true }),
  };
  bases = Object.entries(texts).map(([name, text]) => ({
    name,
    text,
    obj: JSON.parse(text) as Record<string, unknown>,
  }));
  // Exporting created nothing (the HMAC key existed): the fixture is still the seed.
  await expectUnchanged(fx, 'exporting changed the database');
  const ids = new Set<string>();
  for (const base of bases)
    for (const t of ALL_FILE_TABLES)
      for (const row of (base.obj[t] as Record<string, unknown>[] | undefined) ?? [])
        for (const k of [
          'id',
          'workspaceId',
          'mainAccountId',
          'matrixAccountId',
          'bindingId',
          'entityId',
          'memberId',
        ])
          if (typeof row[k] === 'string') ids.add(row[k]);
  allIds = [...ids];
  await twin.db.delete();
  await other.delete();
  return fx;
}

const PROTO_BEFORE = Object.getOwnPropertyNames(Object.prototype).sort().join();
export function expectNoPollution(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).toBe(PROTO_BEFORE);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

export function expectClearIssues(issues: readonly string[]): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(typeof issue).toBe('string');
    expect(issue, `issue does not say where: ${issue.slice(0, 200)}`).toMatch(LOCATED);
  }
}

function describeError(e: unknown): string {
  return e instanceof Error
    ? `${e.name}: ${e.message.slice(0, 300)}`
    : (JSON.stringify(e)?.slice(0, 300) ?? typeof e);
}

export interface Outcome {
  imported: boolean;
  issues: string[];
  /** For the tallies: how far the file got. */
  category: string;
}

/**
 * The property for one file (the database must equal the fixture's snapshot before and is restored to
 * it after). `where`: the row that was corrupted, when the file is a real export with one bad row.
 */
export async function checkFile(f: Fixture, text: string, alwaysHash = false): Promise<Outcome> {
  f.runs++;
  const w0 = f.writes.count;
  let preview: ImportPreview;
  try {
    preview = await previewImport(f.db, text);
  } catch (err) {
    throw new Error(`previewImport threw instead of listing errors: ${String(err)}`, { cause: err });
  }
  expect(f.writes.count, 'previewImport wrote to the database').toBe(w0);
  let error: unknown;
  let result: Awaited<ReturnType<typeof applyImport>> | undefined;
  try {
    result = await applyImport(f.db, text);
  } catch (err) {
    error = err;
  }
  expectNoPollution();
  if (error !== undefined) {
    expect(error, `applyImport threw ${describeError(error)} instead of a LedgerImportError`).toBeInstanceOf(
      LedgerImportError,
    );
    const e = error as LedgerImportError;
    expect(e).toBeInstanceOf(LedgerError);
    expect(e.zh.trim()).not.toBe('');
    expect(e.en.trim()).not.toBe('');
    expectClearIssues(e.issues);
    expect(preview.ok, 'preview said ok but apply refused').toBe(false);
    expectClearIssues(preview.errors);
    // Unchanged: no write reached the database (probe), and the content hash is the seed's (after
    // any write attempt, e.g. a rolled-back one, on near-valid inputs, and every FUZZ_HASH_EVERY runs).
    if (alwaysHash || f.writes.count !== w0 || f.runs % FUZZ_HASH_EVERY === 0)
      await expectUnchanged(f, 'a refused import changed the database');
    const early = /^(file|format|version): /.test(e.issues[0] ?? '');
    const schema = !early && parseBackup(text).errors.length > 0;
    const category = early
      ? 'refused (file/format/version)'
      : schema
        ? 'refused (rows)'
        : 'refused (references)';
    return { imported: false, issues: e.issues, category };
  }
  // Success: the file was valid and preview agreed.
  expect(preview.ok, `apply succeeded but preview listed: ${preview.errors.join('; ')}`).toBe(true);
  expect(parseBackup(text).backup).not.toBeNull();
  expect(result!.written).toBe(preview.new + preview.updated);
  if (result!.written === 0) {
    // Nothing to write (every row unchanged or conflicting): the ledger must still be the seed.
    await expectUnchanged(f, 'an import that wrote nothing changed the database');
    return { imported: true, issues: [], category: 'imported (nothing new)' };
  }
  // Rows written: the ledger is consistent and usable, and importing the same file again writes nothing.
  expect(await documentedInvariants(f.db)).toEqual([]);
  const again = await applyImport(f.db, text);
  expect(again.written, 'importing the same file twice wrote again').toBe(0);
  await listWorkspaces(f.db);
  for (const w of await f.db.workspaces.toArray()) await listAccounts(f.db, w.id);
  expect(parseBackup(await exportJson(f.db, { includePhones: true })).errors).toEqual([]);
  await restore(f.db, f.snapshot);
  await expectUnchanged(f, 'restoring the seed failed');
  const category = preview.updated > 0 ? 'imported (rows updated)' : 'imported (rows added)';
  return { imported: true, issues: [], category };
}

// ------------------------------------------------------------------ generators

/** A copy of a real export with one header field or table replaced by something hostile. */
export const hostileStructure = fc
  .tuple(
    fc.nat(),
    fc.oneof(
      { depthSize: 'small' },
      // Header fields: junk (including deeply nested values), unknown versions, wrong formats.
      {
        weight: 5,
        arbitrary: fc.record({
          op: fc.constant('header' as const),
          key: fc.constantFrom(...HEADER),
          value: fc.oneof(
            junk,
            junkOrDeep,
            fc.constantFrom<unknown>(2, 0, -1, 1.5, '1', 1e21, Number.MAX_SAFE_INTEGER + 2, 99),
            fc.constantFrom<unknown>(
              'Guanghe-Ledger',
              'guanghe-ledger ',
              '\uFEFFguanghe-ledger',
              'guanghe-ledger\u0000',
              'guanghe\uD800ledger',
              'guanghe-ledger-v2',
            ),
            fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 16, maxLength: 16 }),
          ),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          op: fc.constant('drop' as const),
          key: fc.constantFrom<string>(...HEADER, ...ALL_FILE_TABLES),
        }),
      },
      // A table replaced by junk, an array of junk rows, or another table's rows.
      {
        weight: 5,
        arbitrary: fc.record({
          op: fc.constant('table' as const),
          key: fc.constantFrom(...ALL_FILE_TABLES),
          value: fc.oneof(junkOrDeep, fc.array(junkOrDeep, { maxLength: 4 })),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          op: fc.constant('swap' as const),
          key: fc.constantFrom(...ALL_FILE_TABLES),
          other: fc.constantFrom(...ALL_FILE_TABLES),
        }),
      },
      // Prototype keys at the top level (ignored like any unknown key: such a file imports).
      {
        weight: 1,
        arbitrary: fc.record({
          op: fc.constant('proto' as const),
          key: fc.constantFrom(...PROTO_KEYS),
          value: fc.oneof(junk, fc.constant<unknown>({ polluted: true, format: 'x' })),
        }),
      },
    ),
    fc.constantFrom('', '\uFEFF', ' \n'),
  )
  .map(([i, m, prefix]) => {
    // Exports of the fixture's own ledger only: a valid variant then imports as "nothing new" (cheap);
    // whole foreign ledgers are imported by the near-valid properties.
    const own = bases.filter((b) => !FOREIGN.has(b.name));
    const base = own[i % own.length]!;
    const obj: Record<string, unknown> = { ...base.obj };
    if (m.op === 'header' || m.op === 'table') obj[m.key] = m.value;
    else if (m.op === 'drop') delete obj[m.key];
    else if (m.op === 'swap') obj[m.key] = base.obj[m.other];
    else
      Object.defineProperty(obj, m.key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return printable({ label: `${base.name}/${m.op}:${m.key}`, text: prefix + toJsonText(obj) });
  });

/** Values to put in one field of a real row. */
type FieldEdit = { v: unknown } | { perturb: number } | 'delete';

/**
 * Values to put in one field of a real row: junk of any type, hostile text, ids (of any base: reference
 * swaps, duplicate ids, rows moved into another ledger's workspace) and enum values (role and state
 * changes), or a small change of the
 * original value (`perturb`: a number moved by n, a text with n appended) that usually stays valid.
 */
function fieldValue(): fc.Arbitrary<FieldEdit> {
  return fc.oneof(
    { weight: 4, arbitrary: junkOrDeep.map((v) => ({ v })) },
    { weight: 3, arbitrary: hostileString.map((v) => ({ v })) },
    { weight: 2, arbitrary: fc.constantFrom(...FORMULA_PAYLOADS).map((v) => ({ v })) },
    { weight: 5, arbitrary: fc.constantFrom(...allIds).map((v) => ({ v })) },
    { weight: 2, arbitrary: fc.uuid().map((v) => ({ v })) },
    { weight: 4, arbitrary: fc.integer({ min: -1000, max: 1000 }).map((perturb) => ({ perturb })) },
    { weight: 1, arbitrary: hugeString.map((v) => ({ v })) },
    { weight: 2, arbitrary: oddNumber.map((v) => ({ v })) },
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(
          'main',
          'matrix',
          'pending',
          'accepted',
          'unbound',
          'granted',
          'proxy-publish',
          'tmall-merchant',
          'page',
          'import',
          'jump',
          '138****8000',
          '13800138000',
        )
        .map((v) => ({ v })),
    },
    { weight: 1, arbitrary: fc.constant<'delete'>('delete') },
  );
}

/** A real export with ONE row changed: 1–2 fields corrupted (maybe with a newer `updatedAt`), or the row duplicated. */
export const corruptedRow = fc
  .tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean(), fc.integer({ min: 1, max: 1e9 }))
  .chain(([bi, ti, ri, bump, delta]) => {
    const base = bases[bi % bases.length]!;
    const tables = ALL_FILE_TABLES.filter((t) => ((base.obj[t] as unknown[]) ?? []).length > 0);
    const table = tables[ti % tables.length]!;
    const rows = base.obj[table] as Record<string, unknown>[];
    const row = ri % rows.length;
    const keys = Object.keys(rows[row]!);
    const extraKey = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 8 }));
    return fc
      .oneof(
        {
          weight: 8,
          arbitrary: fc
            .tuple(
              fc.uniqueArray(fc.constantFrom(...keys), { minLength: 1, maxLength: 2 }),
              fc.array(fieldValue(), { minLength: 2, maxLength: 2 }),
            )
            .map(([fields, values]) => ({ kind: 'fields' as const, fields, values })),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(extraKey, junkOrDeep)
            .map(([k, v]) => ({ kind: 'extra' as const, fields: [k], values: [{ v }] })),
        },
        {
          weight: 1,
          arbitrary: fc.constant({
            kind: 'duplicate' as const,
            fields: [] as string[],
            values: [] as FieldEdit[],
          }),
        },
      )
      .map((m) => {
        const obj: Record<string, unknown> = { ...base.obj };
        const copy = rows.map((r) => ({ ...r }));
        const target = copy[row]!;
        if (m.kind === 'duplicate') copy.push({ ...target });
        else
          m.fields.forEach((k, j) => {
            const val = m.values[j]!;
            const old = target[k];
            if (val === 'delete') delete target[k];
            else
              Object.defineProperty(target, k, {
                value:
                  'v' in val
                    ? val.v
                    : typeof old === 'number'
                      ? old + val.perturb
                      : typeof old === 'string'
                        ? `${old}${Math.abs(val.perturb)}`
                        : val.perturb,
                enumerable: true,
                writable: true,
                configurable: true,
              });
          });
        if (bump && typeof target.updatedAt === 'number' && !m.fields.includes('updatedAt'))
          target.updatedAt += delta;
        obj[table] = copy;
        return printable({
          label: `${base.name}/${table}[${row}] ${m.kind} ${m.fields.join(',')}`,
          table,
          row: m.kind === 'duplicate' ? copy.length - 1 : row,
          kind: m.kind,
          fields: m.fields,
          text: toJsonText(obj),
        });
      });
  });

/** A real export corrupted as text: truncated, a BOM or lone surrogate inserted, a UTF-8 byte flipped, a line doubled. */
export const corruptedText = fc
  .tuple(
    fc.nat(),
    fc.constantFrom('truncate', 'bom', 'surrogate', 'utf8', 'delete', 'double-line', 'swap-lines', 'replace'),
    fc.nat(),
    fc.nat(),
    fc.integer({ min: 0, max: 0xffff }),
  )
  .map(([bi, op, p, q, unit]) => {
    const base = bases[bi % bases.length]!;
    const t = base.text;
    const at = p % (t.length + 1);
    let text: string;
    switch (op) {
      case 'truncate':
        text = t.slice(0, at);
        break;
      case 'bom':
        text = `${t.slice(0, at)}\uFEFF${t.slice(at)}`;
        break;
      case 'surrogate':
        text = `${t.slice(0, at)}${String.fromCharCode(0xd800 + (unit % 0x800))}${t.slice(at)}`;
        break;
      case 'replace':
        text = `${t.slice(0, at)}${String.fromCharCode(unit)}${t.slice(at + 1)}`;
        break;
      case 'delete':
        text = t.slice(0, at) + t.slice(at + 1);
        break;
      case 'utf8': {
        // Broken UTF-8: flip bits of one byte and decode as a browser's FileReader would (U+FFFD).
        const bytes = new TextEncoder().encode(t);
        const i = p % bytes.length;
        bytes[i] = bytes[i]! ^ (1 + (unit % 255));
        text = new TextDecoder('utf-8').decode(bytes);
        break;
      }
      default: {
        const lines = t.split('\n');
        const i = p % lines.length;
        const j = q % lines.length;
        if (op === 'double-line') lines.splice(i, 0, lines[i]!);
        else [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        text = lines.join('\n');
      }
    }
    return printable({ label: `${base.name}/${op}@${at}`, text });
  });

// ------------------------------------------------------------------ properties

/** Junk text as a printable input. */
export const junkFile = junkText.map((text) => printable({ label: 'junk', text }));

/**
 * The set-up both import fuzz files share: one fixture ledger for the file (deleted afterwards), and
 * tallies printed with the seed banner and the file count when the file is done.
 */
export function importFuzzSuite(title: string): { tally: (name: string) => Tally; fixture: () => Fixture } {
  const tallies: Tally[] = [];
  const started = performance.now();
  let fx: Fixture | undefined;
  beforeAll(async () => {
    fx = await loadFixture();
  });
  afterAll(async () => {
    const total = tallies.reduce((n, t) => n + t.total, 0);
    console.info(
      [
        banner(title),
        ...tallies.map((t) => `  ${t.toString()}`),
        `  files: ${total} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      ].join('\n'),
    );
    await fx?.db.delete();
  });
  return {
    tally: (name) => {
      const t = new Tally(name);
      tallies.push(t);
      return t;
    },
    fixture: () => {
      if (!fx) throw new Error('the fixture ledger is made in beforeAll');
      return fx;
    },
  };
}
