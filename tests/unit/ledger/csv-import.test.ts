import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv, cellText, MAX_CSV_RECORDS } from '@/utils/ledger/csv-read';
import { applyInviteCsv, planInviteCsv, previewInviteCsv } from '@/utils/ledger/csv-import';
import { exportCsv } from '@/utils/ledger/csv';
import { LedgerStorageFullError, recordInvite } from '@/utils/ledger';
import { gbkBytes as gbk } from '../../fixtures/gbk';
import { contentHash, freshDb, newWorkspace, quotaSimulator, T0 } from './helpers';

const SHEET = '昵称,逛逛号,手机号,备注\r\n小红,xh2024,138 0013 8000,老客户\r\n阿明,aming_01,,\r\n';

describe('decodeCsv', () => {
  it('reads UTF-8 with and without a BOM, UTF-16 with a BOM, and GB18030 (Excel on Chinese Windows)', () => {
    const utf8 = new TextEncoder().encode(SHEET);
    expect(decodeCsv(utf8)).toEqual({ text: SHEET, encoding: 'utf-8', bom: false });
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({
      text: SHEET,
      encoding: 'utf-8',
      bom: true,
    });
    const le = new Uint8Array([
      0xff,
      0xfe,
      ...[...SHEET].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]),
    ]);
    expect(decodeCsv(le)).toMatchObject({ text: SHEET, encoding: 'utf-16le' });
    const gb = gbk(SHEET);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow();
    expect(decodeCsv(gb)).toEqual({ text: SHEET, encoding: 'gb18030', bom: false });
  });
});

describe('parseCsv', () => {
  it('keeps quoted commas, quotes and line breaks, and names each record by the line it starts on', () => {
    const r = parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\r\nlines",z\rlast,1');
    expect(r).toEqual({
      ok: true,
      delimiter: ',',
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x, y', 'say "hi"'] },
        { line: 3, cells: ['two\r\nlines', 'z'] },
        { line: 5, cells: ['last', '1'] },
      ],
    });
  });

  it('reads tab-separated text (Excel "Unicode text") and skips empty lines', () => {
    const r = parseCsv('逛逛号\t昵称\n\nab12\t甲\n\n');
    expect(r.ok && r.delimiter).toBe('\t');
    expect(r.ok && r.records.map((x) => [x.line, ...x.cells])).toEqual([
      [1, '逛逛号', '昵称'],
      [3, 'ab12', '甲'],
    ]);
  });

  it('refuses an unterminated quote with its line, an empty file and too many rows', () => {
    expect(parseCsv('a,b\nok,1\n"open,2\n3,4')).toEqual({
      ok: false,
      problem: 'unterminated-quote',
      line: 3,
    });
    expect(parseCsv('\r\n\n')).toEqual({ ok: false, problem: 'empty', line: 1 });
    const big = `a\n${'x\n'.repeat(MAX_CSV_RECORDS)}`;
    expect(parseCsv(big)).toMatchObject({ ok: false, problem: 'too-many-rows' });
  });

  it("takes off our export's ' before a formula, and flags formula-like cells", () => {
    expect(cellText("'=1+1")).toEqual({ text: '=1+1', formula: true });
    expect(cellText('=HYPERLINK("x")')).toEqual({ text: '=HYPERLINK("x")', formula: true });
    expect(cellText("'plain")).toEqual({ text: "'plain", formula: false });
    expect(cellText(' 小红 ')).toEqual({ text: '小红', formula: false });
  });
});

describe('planInviteCsv', () => {
  it('maps Chinese or English headers, normalises phones, and keeps every other cell as text', () => {
    const p = planInviteCsv(SHEET);
    expect(p).toEqual({
      ok: true,
      rows: [
        { line: 2, guangguangId: 'xh2024', nickname: '小红', phone: '13800138000', note: '老客户' },
        { line: 3, guangguangId: 'aming_01', nickname: '阿明', phone: null, note: '' },
      ],
      refused: [],
      notes: [],
      columns: ['guangguangId', 'nickname', 'phone', 'note'],
      ignored: [],
    });
    const en = planInviteCsv('Guangguang ID,Nickname,Phone\nab12,A,+86 139-0013-9000\n');
    expect(en.ok && en.rows[0]).toMatchObject({ guangguangId: 'ab12', phone: '13900139000' });
  });

  it('names every refused row with its line and reason', () => {
    const text = [
      '逛逛号,昵称,手机号,备注',
      ',无号,,', // 2: no id
      'has space,甲,,', // 3
      'okay1,乙,12345,', // 4: bad phone
      'okay2,丙,,', // 5
      'OKAY2,丁,,', // 6: duplicate of 5 (ids compare case-insensitively)
      `okay3,${'长'.repeat(101)},,`, // 7: nickname too long
      ',,,', // 8: blank, skipped silently
      'okay4,=1+1,,@SUM(A1)', // 9: imported, formula noted
    ].join('\n');
    const p = planInviteCsv(text);
    if (!p.ok) throw new Error('expected a plan');
    expect(p.rows.map((r) => r.line)).toEqual([5, 9]);
    expect(p.refused).toEqual([
      { line: 2, code: 'missing-id', field: 'guangguangId' },
      { line: 3, code: 'bad-id', field: 'guangguangId' },
      { line: 4, code: 'bad-phone', field: 'phone' },
      { line: 6, code: 'duplicate', field: 'guangguangId', firstLine: 5 },
      { line: 7, code: 'too-long', field: 'nickname' },
    ]);
    expect(p.notes).toEqual([{ line: 9, code: 'formula', field: 'nickname' }]);
    expect(p.rows[1]).toMatchObject({ nickname: '=1+1', note: '@SUM(A1)' });
  });

  it('refuses a file without a 逛逛号 column, or without a single row', () => {
    expect(planInviteCsv('昵称,手机号\n甲,13800138000\n')).toEqual({
      ok: false,
      problem: 'no-id-column',
      line: 1,
    });
    expect(planInviteCsv('逛逛号\n\n')).toEqual({ ok: false, problem: 'no-rows', line: 1 });
    expect(planInviteCsv('逛逛号\n"abc')).toEqual({
      ok: false,
      problem: 'unterminated-quote',
      line: 2,
    });
  });
});

describe('import of an invite list', () => {
  it('previews without writing, then writes one draft per accepted row; the clear phone is never stored', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db, '甲店', T0);
    const before = await contentHash(db);
    const preview = await previewInviteCsv(db, workspace.id, SHEET);
    expect(preview).toMatchObject({ ok: true, newAccounts: 2, newDrafts: 2, already: 0, refusedCount: 0 });
    expect(await contentHash(db)).toBe(before);

    const r = await applyInviteCsv(db, workspace.id, SHEET, { now: T0 + 5 });
    expect(r).toMatchObject({ ok: true, written: 2 });
    const accounts = await db.accounts.where('workspaceId').equals(workspace.id).toArray();
    const xh = accounts.find((a) => a.guangguangId === 'xh2024')!;
    expect(xh).toMatchObject({ nickname: '小红', note: '老客户', phoneMask: '138****8000', role: 'matrix' });
    expect(xh.phoneHash).toMatch(/^[0-9a-f]{64}$/);
    const bindings = await db.bindings.where('workspaceId').equals(workspace.id).toArray();
    expect(bindings.map((b) => b.state)).toEqual(['draft', 'draft']);
    expect(JSON.stringify(await db.accounts.toArray())).not.toContain('13800138000');
    // Each draft has its event, so the timeline says where it came from.
    expect(
      await db.events
        .where('workspaceId')
        .equals(workspace.id)
        .filter((e) => e.entityType === 'binding')
        .count(),
    ).toBe(2);
  });

  it('imports the same file twice without adding anything, and leaves invites in progress alone', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db, '甲店', T0);
    await recordInvite(db, workspace.id, {
      account: { guangguangId: 'aming_01', nickname: '旧名' },
      state: 'pending',
    });
    const r = await applyInviteCsv(db, workspace.id, SHEET, { now: T0 + 5 });
    expect(r).toMatchObject({ ok: true, written: 1, already: 1 });
    if (r.ok) expect(r.notes).toContainEqual({ line: 3, code: 'already', state: 'pending' });
    const aming = await db.accounts
      .where('[workspaceId+guangguangId]')
      .equals([workspace.id, 'aming_01'])
      .first();
    expect(aming?.nickname).toBe('旧名');
    const hash = await contentHash(db);
    const again = await applyInviteCsv(db, workspace.id, SHEET, { now: T0 + 6 });
    expect(again).toMatchObject({ ok: true, written: 0, already: 2 });
    expect(await contentHash(db)).toBe(hash);
  });

  it("refuses the main account's own 逛逛号 and reads our own CSV export back", async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db, 'shopA', T0);
    await recordInvite(db, workspace.id, {
      account: { guangguangId: 'x1', nickname: '=危险' },
      state: 'draft',
    });
    const exported = await exportCsv(db, {});
    const other = await newWorkspace(db, 'shopB', T0);
    const p = await previewInviteCsv(db, other.workspace.id, exported);
    // The export lists the main account too: it is not the other shop's main account, so both import.
    expect(p).toMatchObject({ ok: true, newDrafts: 2, refusedCount: 0 });
    const own = await previewInviteCsv(db, workspace.id, exported);
    expect(own).toMatchObject({ ok: true, newDrafts: 0, already: 1, refusedCount: 1 });
    if (own.ok) expect(own.refused[0]).toMatchObject({ code: 'main-account' });
    await applyInviteCsv(db, other.workspace.id, exported);
    const x1 = await db.accounts
      .where('[workspaceId+guangguangId]')
      .equals([other.workspace.id, 'x1'])
      .first();
    expect(x1?.nickname).toBe('=危险');
  });

  it('writes all or nothing: a full disk leaves the ledger as it was, and says so', async () => {
    const db = freshDb();
    const quota = quotaSimulator(db);
    const { workspace } = await newWorkspace(db, '甲店', T0);
    const before = await contentHash(db);
    const rows = Array.from({ length: 300 }, (_, i) => `gg${1000 + i},名${i}`).join('\n');
    let writes = 0;
    // The disk fills up after 200 rows are written.
    quota.arm(() => ++writes > 200);
    await expect(applyInviteCsv(db, workspace.id, `逛逛号,昵称\n${rows}`)).rejects.toBeInstanceOf(
      LedgerStorageFullError,
    );
    quota.arm(() => false);
    expect(await contentHash(db)).toBe(before);
  });

  it('imports 5,000 rows in one go', async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db, '甲店', T0);
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `gg${10000 + i},名${i},1380013${String(i).padStart(4, '0')}`,
    );
    const r = await applyInviteCsv(db, workspace.id, `逛逛号,昵称,手机号\n${rows.join('\n')}`);
    expect(r).toMatchObject({ ok: true, written: 5000, refusedCount: 0 });
    expect(await db.bindings.where('[workspaceId+state]').equals([workspace.id, 'draft']).count()).toBe(5000);
  });
});
