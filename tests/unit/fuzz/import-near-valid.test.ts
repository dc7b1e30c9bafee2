/**
 * Fuzzing the JSON backup import (`previewImport`, `applyImport`), part 2 of 2: near-valid files, the
 * interesting and slow ones (each reaches the merge plan). A real export with one row corrupted (1–2
 * fields, maybe a newer `updatedAt`, or the row duplicated), and a real export corrupted as text
 * (truncated, BOM or lone surrogate inserted, broken UTF-8, lines doubled or swapped); plus examples
 * and the bugs found. The property and the generators are in `support/import-harness.ts`. Budget:
 * 10 % + 5 % of `FUZZ_RUNS` (part 1, `import.test.ts`, runs the other 85 %).
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKUP_VERSION, applyImport, parseBackup } from '@/utils/ledger';
import { nestText } from './support/arbitraries';
import { assertProperty, runsFor } from './support/config';
import { restore, roleInvariants } from './support/db';
import {
  bases,
  checkFile,
  corruptedRow,
  corruptedText,
  done,
  expectUnchanged,
  importFuzzSuite,
  type Fixture,
} from './support/import-harness';

const { tally, fixture } = importFuzzSuite('import, part 2 of 2 (near-valid)');

const TIMEOUT = 120_000;

describe('fuzz: near-valid backups (a real export, slightly corrupted) import consistently or not at all', () => {
  it(
    'one corrupted row of a real export: refused naming that row, or imported consistently',
    async () => {
      const f = fixture();
      const h0 = f.hashed;
      const t = tally('corrupted row');
      await assertProperty(
        'import/corrupted-row',
        fc.asyncProperty(corruptedRow, async (m) => {
          const r = await checkFile(f, m.text, true);
          t.add(r.category);
          if (r.imported) return;
          // A schema problem must be reported at the row that was changed, and at the field.
          const schemaErrors = parseBackup(m.text).errors;
          if (schemaErrors.length === 0) return; // refused by a reference / uniqueness check instead
          // (A duplicate id is reported at the later row, "same as" the earlier one: both are named.)
          const at = `${m.table}[${m.row}]`;
          expect(
            r.issues.some((i) => i.includes(at)),
            `${m.label}: no issue names ${at}: ${r.issues.join(' | ')}`,
          ).toBe(true);
          if (m.kind === 'duplicate') {
            expect(r.issues.some((i) => i.startsWith(`${at}.`) && i.includes('duplicate'))).toBe(true);
          } else if (m.table !== 'settings' || !m.fields.includes('key')) {
            expect(
              r.issues.some((i) => i.startsWith(`${m.table}[`) && m.fields.some((k) => i.includes(`].${k}`))),
              `${m.label}: no issue names the field: ${r.issues.join(' | ')}`,
            ).toBe(true);
          }
        }),
        runsFor(0.1),
      );
      await done(f, t, h0);
    },
    TIMEOUT,
  );

  it(
    'text-level corruption of a real export: truncation, BOM, lone surrogates, broken UTF-8, doubled lines',
    async () => {
      const f = fixture();
      const h0 = f.hashed;
      const t = tally('corrupted text');
      await assertProperty(
        'import/corrupted-text',
        fc.asyncProperty(corruptedText, async ({ text }) => {
          const r = await checkFile(f, text, true);
          t.add(r.category);
        }),
        runsFor(0.05),
      );
      await done(f, t, h0);
    },
    TIMEOUT,
  );
  it('examples: unknown versions, wrong format, prototype keys, huge file, CSV payloads in text fields', async () => {
    const f = fixture();
    const real = bases.find((b) => b.name === 'with-phones')!.obj;
    const cases: [string, string][] = [
      ['next version', JSON.stringify({ ...real, version: BACKUP_VERSION + 1 })],
      ['version "1"', JSON.stringify({ ...real, version: '1' })],
      ['format', JSON.stringify({ ...real, format: 'guanghe-ledger-backup' })],
      ['proto', `{"__proto__":{"polluted":true},${JSON.stringify(real).slice(1)}`],
      ['constructor', `{"constructor":{"prototype":{"polluted":true}},${JSON.stringify(real).slice(1)}`],
      ['too large', ' '.repeat(64 * 1024 * 1024 + 1)],
      ['deep array', nestText(100_000)],
    ];
    for (const [name, text] of cases) {
      const r = await checkFile(f, text, true);
      // Unknown top-level keys (prototype names included) are ignored, not merged anywhere.
      if (name !== 'proto' && name !== 'constructor') expect(r.imported, name).toBe(false);
    }
    // Formula payloads are text like any other: imported as is (the CSV export neutralises them).
    const accounts = (real.accounts as Record<string, unknown>[]).map((a, i) =>
      i === 0 ? { ...a, note: '=HYPERLINK("http://x","y")', updatedAt: (a.updatedAt as number) + 1 } : a,
    );
    expect((await checkFile(f, JSON.stringify({ ...real, accounts }), true)).imported).toBe(true);
    await expectUnchanged(f, 'the database differs from the seed');
  });
});

describe('import: bugs found while fuzzing (production code not fixed here)', () => {
  /** The file is refused (the property holds), or once imported the role invariants hold too. */
  async function expectRefusedOrConsistent(f: Fixture, text: string): Promise<void> {
    try {
      const r = await checkFile(f, text, true);
      if (!r.imported) return;
      await applyImport(f.db, text);
      expect(await roleInvariants(f.db)).toEqual([]);
    } finally {
      await restore(f.db, f.snapshot);
      await expectUnchanged(f, 'restoring the seed failed');
    }
  }

  // BUG (utils/ledger/backup.ts:187 and :192, `parseBackup`): the error message for a wrong `format`
  // (or `version`) is built with `JSON.stringify(obj.format)`, which throws `RangeError: Maximum call
  // stack size exceeded` for a deeply nested value, e.g. `{"format":[[[…100,000 deep…]]]}` (JSON.parse
  // accepts it). `parseBackup` is documented to never throw; `previewImport` and `applyImport` then
  // reject with a RangeError instead of a `LedgerImportError` (the panel shows "操作失败：Maximum call
  // stack size exceeded"). The database is unchanged. The fuzz generators above keep nesting shallow in
  // `format`/`version` so that this known bug does not mask others; remove `.fails` once fixed.
  it('a deeply nested `format` or `version` is refused with a LedgerImportError', async () => {
    const f = fixture();
    for (const text of [
      `{"format":${nestText(100_000)}}`,
      `{"format":"guanghe-ledger","version":${nestText(100_000, '1', 'object')}}`,
    ]) {
      expect(() => parseBackup(text)).not.toThrow();
      const r = await checkFile(f, text, true);
      expect(r.imported).toBe(false);
    }
    await expectUnchanged(f, 'the database differs from the seed');
  });

  // BUG (utils/ledger/backup.ts:474-486, `planImport`, the bindings checks): a binding's
  // `mainAccountId` is only checked to exist, not to be its workspace's main account (it may be an
  // account of ANOTHER workspace, or a matrix account), and the bound `matrixAccountId` is not checked
  // to have role `matrix`. A file doing so is imported, leaving a ledger no command can produce (a
  // binding across workspaces). Input: a real export where every `bindings[i].mainAccountId` is set to
  // the OTHER workspace's main account id and `updatedAt` is bumped by 1 (6 bindings imported as
  // "updated"). Found while writing the invariant check of the corrupted-row property (its random
  // one-field edits reach this rarely, and it checks the documented invariants only).
  it('a binding pointing at another workspace’s main account is refused', async () => {
    const f = fixture();
    const real = bases.find((b) => b.name === 'with-phones')!.obj;
    const ws = real.workspaces as { id: string; mainAccountId: string }[];
    const bindings = (real.bindings as Record<string, unknown>[]).map((b) => {
      const other = ws.find((w) => w.id !== b.workspaceId)!;
      return { ...b, mainAccountId: other.mainAccountId, updatedAt: (b.updatedAt as number) + 1 };
    });
    await expectRefusedOrConsistent(f, JSON.stringify({ ...real, bindings }));
  });
  // BUG (utils/ledger/backup.ts:445-466, `planImport`, the workspace and account checks): an account
  // row may change role `matrix` → `main` (with a newer `updatedAt`); only the account named by
  // `workspaces[i].mainAccountId` is checked to be `main`. The import succeeds and the workspace then
  // has two main accounts, one of them bound as a matrix account. Input: a real export with the
  // accepted matrix account's `role` set to "main" and `updatedAt` + 1.
  it('an account row turning a bound matrix account into a second main account is refused', async () => {
    const f = fixture();
    const real = bases.find((b) => b.name === 'with-phones')!.obj;
    const bound = new Set((real.bindings as { matrixAccountId: string }[]).map((b) => b.matrixAccountId));
    let changed = false;
    const accounts = (real.accounts as Record<string, unknown>[]).map((a) => {
      if (changed || a.role !== 'matrix' || !bound.has(a.id as string)) return a;
      changed = true;
      return { ...a, role: 'main', updatedAt: (a.updatedAt as number) + 1 };
    });
    await expectRefusedOrConsistent(f, JSON.stringify({ ...real, accounts }));
  });
});
