import { describe, expect, it } from 'vitest';
import {
  CSV_HEADERS,
  CSV_HEADERS_EN,
  createWorkspace,
  csvCell,
  exportCsv,
  formatTime,
  recordInvite,
  requestPermission,
  transitionBinding,
  upsertAccount,
} from '@/utils/ledger';
import { freshDb, T0 } from './helpers';

/** Minimal RFC 4180 reader for checking our output (quotes, doubled quotes, CRLF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('csvCell', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+8613800138000', "'+8613800138000"],
    ['-1+2', "'-1+2"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\r=1', `"'\r=1"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['普通昵称', '普通昵称'],
    ['', ''],
  ])('%j → %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });
});

it('formats times in China time', () => {
  expect(formatTime(Date.UTC(2025, 0, 6, 16, 30))).toBe('2025-01-07 00:30');
  expect(formatTime(null)).toBe('');
});

it('exports a BOM, Chinese headers and labels, CRLF, and neutralised cells', async () => {
  const db = freshDb();
  const { workspace } = await createWorkspace(db, {
    name: '=店铺,A',
    mainAccount: { guangguangId: 'main', nickname: '主号', identity: 'tmall-merchant' },
  });
  const { binding } = await recordInvite(
    db,
    workspace.id,
    { account: { guangguangId: '-42', nickname: '@达人 "小王"', identity: 'expert' } },
    { now: T0 },
  );
  await transitionBinding(db, binding.id, 'accepted', { now: T0 + 60_000 });
  await requestPermission(db, binding.id, ['proxy-publish', 'shop-card'], { now: T0 + 120_000 });
  await upsertAccount(db, workspace.id, {
    guangguangId: '-42',
    note: '第一行\n=第二行',
    phone: '13800138000',
  });

  const text = await exportCsv(db);
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  const rows = parseCsv(text.slice(1));
  expect(rows[0]).toEqual([...CSV_HEADERS]);
  expect(rows).toHaveLength(3);
  expect(rows[1]!.slice(0, 6)).toEqual(["'=店铺,A", '主号', 'main', '天猫商家', '主账号', '']);
  expect(rows[2]).toEqual([
    "'=店铺,A",
    `'@达人 "小王"`,
    "'-42",
    '达人',
    '矩阵号',
    '已绑定',
    '申请中',
    '',
    '',
    '申请中',
    '2025-01-06 10:00',
    '2025-01-06 10:02',
    '第一行\n=第二行',
  ]);
  // No cell of the file starts with a formula character.
  for (const r of rows) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);
  expect(text).not.toContain('138****8000');

  const withPhones = parseCsv((await exportCsv(db, { includePhones: true })).slice(1));
  expect(withPhones[0]!.slice(-2)).toEqual(['手机号（掩码）', '手机号哈希']);
  expect(withPhones[2]!.at(-2)).toBe('138****8000');
  expect(withPhones[2]!.at(-1)).toMatch(/^[0-9a-f]{64}$/);

  // In English: the same columns with English headers and labels; the data as it was typed.
  const english = parseCsv((await exportCsv(db, { lang: 'en', includePhones: true })).slice(1));
  expect(english[0]).toEqual([...CSV_HEADERS_EN, 'Phone (masked)', 'Phone hash']);
  expect(english[0]).toHaveLength(CSV_HEADERS.length + 2);
  expect(english[2]!.slice(1, 10)).toEqual([
    `'@达人 "小王"`,
    "'-42",
    'creator',
    'matrix account',
    'bound',
    'requested',
    '',
    '',
    'requested',
  ]);
  expect(english.map((r) => r.slice(3, 10).join(' ')).join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
});
