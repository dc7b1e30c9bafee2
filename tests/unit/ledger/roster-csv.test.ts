/** The roster as a CSV file: export for Excel, and the import an agency keeps (preview, refusals, one transaction). */
import { describe, expect, it } from 'vitest';
import {
  LedgerNotFoundError,
  LedgerStorageFullError,
  getMemberTimeline,
  recordRosterCapture,
  type LedgerDb,
  type MemberRow,
  type RosterSnapshot,
} from '@/utils/ledger';
import { applyImport, exportJson, parseBackup } from '@/utils/ledger/backup';
import { decodeCsv, parseCsv } from '@/utils/ledger/csv-read';
import { ROSTER_CSV_HEADERS, ROSTER_CSV_HEADERS_EN, exportRosterCsv } from '@/utils/ledger/roster-csv';
import { applyRosterCsv, planRosterCsv, previewRosterCsv } from '@/utils/ledger/roster-csv-import';
import { gbkBytes as gbk } from '../../fixtures/gbk';
import { HOUR, T0, contentHash, freshDb, newWorkspace, quotaSimulator } from './helpers';

const INST = { name: '星光机构', id: 'mcn-1' };

function snap(rows: RosterSnapshot['rows'], patch: Partial<RosterSnapshot> = {}): RosterSnapshot {
  return { institution: INST, tab: 'bound', rows, filtered: false, complete: true, ...patch };
}

async function seeded(db: LedgerDb = freshDb()): Promise<{ db: LedgerDb; ws: string }> {
  const r = await recordRosterCapture(
    db,
    snap([
      { nickname: '糖糖探店记', guangguangId: '4410000001', level: 'LV3' },
      { nickname: '=HYPERLINK("x")', guangguangId: '4410000002', level: null },
      { nickname: '无号达人', guangguangId: null, level: null },
    ]),
    T0,
  );
  return { db, ws: r.workspaceId };
}

async function byGg(db: LedgerDb): Promise<Map<string, MemberRow>> {
  return new Map((await db.members.toArray()).map((m) => [m.guangguangId ?? `nick:${m.nickname}`, m]));
}

describe('exportRosterCsv', () => {
  it('one line per creator, UTF-8 BOM, CRLF, formula cells neutralised, headers in either language', async () => {
    const { db, ws } = await seeded();
    const zh = await exportRosterCsv(db, ws);
    expect(zh.startsWith('\uFEFF')).toBe(true);
    const parsed = parseCsv(zh);
    if (!parsed.ok) throw new Error('unparseable');
    expect(parsed.records[0]!.cells).toEqual([...ROSTER_CSV_HEADERS]);
    expect(parsed.records).toHaveLength(4);
    const cells = parsed.records.map((r) => r.cells);
    expect(cells).toContainEqual([
      '糖糖探店记',
      '4410000001',
      'LV3',
      '在名单中',
      '已绑定',
      '2025-01-06 10:00',
      '2025-01-06 10:00',
      '',
    ]);
    // Excel would run this as a formula without the leading quote.
    expect(zh).toContain(`"'=HYPERLINK(""x"")"`);
    expect(zh.split('\r\n').length).toBe(5);
    const en = await exportRosterCsv(db, ws, { lang: 'en' });
    const enParsed = parseCsv(en);
    expect(enParsed.ok && enParsed.records[0]!.cells).toEqual([...ROSTER_CSV_HEADERS_EN]);
    expect(enParsed.ok && enParsed.records[1]!.cells.slice(3, 5)).toEqual(['listed', 'Bound']);
    await expect(exportRosterCsv(db, 'nope')).rejects.toBeInstanceOf(LedgerNotFoundError);
  });

  it('the JSON export of one roster is a backup of that workspace, and imports into an empty ledger', async () => {
    const { db, ws } = await seeded();
    await newWorkspace(db);
    const text = await exportJson(db, { workspaceIds: [ws] });
    const b = parseBackup(text).backup!;
    expect(b.institutions.map((i) => i.id)).toEqual([ws]);
    expect(b.members).toHaveLength(3);
    expect(b.workspaces).toHaveLength(0);
    const other = freshDb();
    await applyImport(other, text);
    expect(await other.members.count()).toBe(3);
  });

  it('exported, then imported again: nothing changes (our own headers are read)', async () => {
    const { db, ws } = await seeded();
    const before = await contentHash(db);
    const text = decodeCsv(new TextEncoder().encode(await exportRosterCsv(db, ws))).text;
    const p = await previewRosterCsv(db, ws, text);
    // The creator without a 逛逛号 is refused (line 4); the others match the roster.
    expect(p).toMatchObject({ ok: true, add: 0, update: 0, unchanged: 2, refusedCount: 1 });
    expect(await applyRosterCsv(db, ws, text, { now: T0 + HOUR })).toMatchObject({ written: 0 });
    expect(await contentHash(db)).toBe(before);
  });
});

describe('planRosterCsv', () => {
  it('reads Chinese or English headers; refuses rows without a 逛逛号 and duplicates, by line', () => {
    const text = [
      '达人昵称,逛逛号,等级,状态,备注,粉丝数',
      '小红,gg1,LV2,已绑定,老客户,100',
      ',,,,,',
      '没有号,,LV1,,,',
      '小红二号,GG1,,,,',
      '阿明,gg 2,,,,',
      '"@SUM(1)",gg3,,待确认,,',
    ].join('\r\n');
    const plan = planRosterCsv(text);
    expect(plan).toMatchObject({
      ok: true,
      columns: ['guangguangId', 'nickname', 'level', 'status', 'note'],
      ignored: ['粉丝数'],
      rows: [
        { line: 2, guangguangId: 'gg1', nickname: '小红', level: 'LV2', note: '老客户' },
        { line: 7, guangguangId: 'gg3', nickname: '@SUM(1)' },
      ],
      refused: [
        { line: 4, code: 'missing-id' },
        { line: 5, code: 'duplicate', firstLine: 2 },
        { line: 6, code: 'bad-id' },
      ],
      notes: [
        { line: 7, code: 'formula', field: 'nickname' },
        { line: 7, code: 'state-ignored', value: '待确认' },
      ],
    });
    const en = planRosterCsv('Nickname,Guangguang ID,Level,State,Note\nAda,a1,L1,Listed,x\n');
    expect(en).toMatchObject({
      ok: true,
      rows: [{ guangguangId: 'a1', nickname: 'Ada', level: 'L1', note: 'x' }],
      notes: [],
    });
    expect(planRosterCsv('昵称,等级\n小红,LV1')).toEqual({ ok: false, problem: 'no-id-column', line: 1 });
    expect(planRosterCsv('逛逛号\n')).toEqual({ ok: false, problem: 'no-rows', line: 1 });
    expect(planRosterCsv('逛逛号,昵称\n"gg1,小红')).toMatchObject({
      ok: false,
      problem: 'unterminated-quote',
      line: 2,
    });
    expect(planRosterCsv(`逛逛号,昵称\ngg1,${'长'.repeat(101)}`)).toMatchObject({
      ok: true,
      refused: [{ line: 2, code: 'too-long', field: 'nickname' }],
    });
  });

  it('a GBK file (Excel on Chinese Windows), decoded like the invite CSV', () => {
    const sheet = '昵称,逛逛号,等级,备注\r\n糖糖探店记,4410000001,LV3,签约到年底\r\n';
    const decoded = decodeCsv(gbk(sheet));
    expect(decoded.encoding).toBe('gb18030');
    expect(planRosterCsv(decoded.text)).toMatchObject({
      ok: true,
      rows: [
        { line: 2, nickname: '糖糖探店记', guangguangId: '4410000001', level: 'LV3', note: '签约到年底' },
      ],
    });
  });
});

describe('previewRosterCsv / applyRosterCsv', () => {
  const FILE = [
    '昵称,逛逛号,等级,状态,备注',
    '糖糖探店记,4410000001,LV3,,签约到年底', // known: note added
    '新名字,4410000002,,,', // known: renamed
    '新来的,4410000009,LV1,已确认离开,', // new; the state is not imported
    '无号达人,4410000010,,,', // known by nickname only: identified
    ',,,,',
    '没号,,,,', // refused
    '重复,4410000009,,,', // refused
  ].join('\r\n');

  it('previews add / update / refused with lines, writes nothing; apply writes it in one go, once', async () => {
    const { db, ws } = await seeded();
    const before = await contentHash(db);
    const p = await previewRosterCsv(db, ws, FILE);
    expect(p).toMatchObject({
      ok: true,
      add: 1,
      update: 3,
      unchanged: 0,
      refusedCount: 2,
      refused: [
        { line: 7, code: 'missing-id' },
        { line: 8, code: 'duplicate', firstLine: 4 },
      ],
    });
    expect(p.ok && p.notes.map((n) => [n.line, n.code])).toEqual([
      [4, 'state-ignored'],
      [5, 'identified'],
    ]);
    expect(await contentHash(db)).toBe(before);

    const r = await applyRosterCsv(db, ws, FILE, { now: T0 + HOUR });
    expect(r).toMatchObject({ ok: true, add: 1, update: 3, written: 4 });
    const m = await byGg(db);
    expect(m.size).toBe(4); // the one known by nickname only now has its 逛逛号
    expect(m.get('4410000001')).toMatchObject({ note: '签约到年底', level: 'LV3', nickname: '糖糖探店记' });
    expect(m.get('4410000002')).toMatchObject({ nickname: '新名字' });
    // Never gone, whatever the file says.
    expect(m.get('4410000009')).toMatchObject({ status: 'listed', binding: 'bound', level: 'LV1' });
    expect(m.get('4410000010')).toMatchObject({ nickname: '无号达人' });
    expect([...m.values()].every((x) => x.status === 'listed')).toBe(true);
    const renamed = await getMemberTimeline(db, m.get('4410000002')!.id);
    expect(renamed[0]).toMatchObject({ action: 'renamed', source: 'manual', to: '新名字' });
    expect(renamed[0]!.captureKey).toMatch(/^csv:/);
    expect((await getMemberTimeline(db, m.get('4410000010')!.id))[0]).toMatchObject({ action: 'identified' });

    // The same file again changes nothing.
    const after = await contentHash(db);
    expect(await applyRosterCsv(db, ws, FILE, { now: T0 + 2 * HOUR })).toMatchObject({
      written: 0,
      update: 0,
      add: 0,
    });
    expect(await contentHash(db)).toBe(after);
  });

  it('an imported creator absent from a later complete 已绑定 list is flagged for the user, never deleted', async () => {
    const { db, ws } = await seeded();
    await applyRosterCsv(db, ws, '逛逛号,昵称\n4410000099,外来达人\n', { now: T0 + HOUR });
    const rows = [
      { nickname: '糖糖探店记', guangguangId: '4410000001', level: 'LV3' },
      { nickname: 'x', guangguangId: '4410000002', level: null },
      { nickname: '无号达人', guangguangId: null, level: null },
    ];
    expect((await recordRosterCapture(db, snap(rows), T0 + 2 * HOUR)).flaggedMissing).toBe(1);
    expect((await byGg(db)).get('4410000099')).toMatchObject({ status: 'missing' });
  });

  it('one transaction: a write failing half-way leaves nothing behind; an unknown workspace is refused', async () => {
    const fresh = freshDb();
    const quota = quotaSimulator(fresh);
    const { db, ws } = await seeded(fresh);
    const before = await contentHash(db);
    quota.arm((table) => table === 'memberEvents');
    const err = await applyRosterCsv(db, ws, FILE, { now: T0 + HOUR }).catch((e: unknown) => e);
    quota.disarm();
    expect(err).toBeInstanceOf(LedgerStorageFullError);
    expect(await contentHash(db)).toBe(before);
    await expect(previewRosterCsv(db, 'no-such', FILE)).rejects.toBeInstanceOf(LedgerNotFoundError);
    // A shop workspace is not a roster.
    const shop = await newWorkspace(db);
    await expect(applyRosterCsv(db, shop.workspace.id, FILE)).rejects.toBeInstanceOf(LedgerNotFoundError);
  });

  it('5,000 rows import in one transaction', async () => {
    const { db, ws } = await seeded();
    const lines = ['逛逛号,昵称', ...Array.from({ length: 5000 }, (_, i) => `g${i},达人${i}`)];
    const r = await applyRosterCsv(db, ws, lines.join('\n'), { now: T0 + HOUR });
    expect(r).toMatchObject({ add: 5000, written: 5000, refusedCount: 0 });
    expect(await db.members.count()).toBe(5003);
  });
});
