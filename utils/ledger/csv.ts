/**
 * CSV export for Excel (importing a CSV is csv-import.ts: a list of accounts to invite). UTF-8 with BOM so Excel detects the
 * encoding, CRLF line ends, headers and labels in the interface language (Chinese by default, `lang`),
 * times as `YYYY-MM-DD HH:mm` in China time.
 *
 * Every cell is neutralised against formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or
 * CR gets a leading `'` (nicknames and notes come from pages and users). Cells with a comma, quote,
 * CR or LF are quoted, quotes doubled. Phone data (mask + hash) only with `includePhones: true`.
 */
import '@/utils/i18n/ledger';
import type { LedgerDb } from './db';
import { listAccounts } from './queries';
import { translate } from '../i18n';
import type { Lang } from '../i18n/lang';
import { SCOPE_TERMS } from '../platform/terms';
import { PERMISSION_SCOPES, type AccountRow } from './types';

export const CSV_HEADERS = [
  '工作区',
  '昵称',
  '逛逛号',
  '身份',
  '角色',
  '绑定状态',
  ...PERMISSION_SCOPES.map((s) => SCOPE_TERMS[s].zh),
  '邀请时间',
  '状态更新时间',
  '备注',
] as const satisfies readonly string[];
export const CSV_PHONE_HEADERS = ['手机号（掩码）', '手机号哈希'] as const;

/** The same headers in English, column for column (tests/unit/platform-vocabulary.test.ts checks the count). */
export const CSV_HEADERS_EN = [
  'Workspace',
  'Nickname',
  'Guangguang ID',
  'Identity',
  'Role',
  'Binding',
  ...PERMISSION_SCOPES.map((s) => SCOPE_TERMS[s].en.replace(/^./, (c) => c.toUpperCase())),
  'Invited at',
  'State changed at',
  'Note',
] as const satisfies readonly string[];
export const CSV_PHONE_HEADERS_EN = ['Phone (masked)', 'Phone hash'] as const;

/** Neutralises a formula-looking cell, then quotes it if needed. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

/** `YYYY-MM-DD HH:mm` in `timeZone` (default Asia/Shanghai); '' for null. */
export function formatTime(ms: number | null, timeZone = 'Asia/Shanghai'): string {
  if (ms === null) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const p = (t: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

export interface CsvOptions {
  /** Only these workspaces. Default: all. */
  workspaceIds?: readonly string[];
  includePhones?: boolean;
  timeZone?: string;
  /** Headers and labels in this language (default Chinese). */
  lang?: Lang;
}

/** One line per account (main account first), with its binding and permission states. */
export async function exportCsv(db: LedgerDb, opts: CsvOptions = {}): Promise<string> {
  const lang = opts.lang ?? 'zh';
  const headers: string[] =
    lang === 'en'
      ? [...CSV_HEADERS_EN, ...(opts.includePhones ? CSV_PHONE_HEADERS_EN : [])]
      : [...CSV_HEADERS, ...(opts.includePhones ? CSV_PHONE_HEADERS : [])];
  const lines = [csvLine(headers)];
  const workspaces = (await db.workspaces.toArray())
    .filter((w) => !opts.workspaceIds || opts.workspaceIds.includes(w.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1));
  for (const ws of workspaces) {
    for (const { account, binding, permissions } of await listAccounts(db, ws.id)) {
      const a: AccountRow = account;
      const changed = Math.max(
        binding?.stateChangedAt ?? 0,
        ...Object.values(permissions).map((p) => p?.stateChangedAt ?? 0),
      );
      const cells = [
        ws.name,
        a.nickname,
        a.guangguangId,
        a.identity ? translate(lang, `identity.${a.identity}`) : '',
        translate(lang, a.role === 'main' ? 'event.main' : 'event.matrix'),
        binding ? translate(lang, `binding.${binding.state}`) : '',
        ...PERMISSION_SCOPES.map((s) => {
          const p = permissions[s];
          return p ? translate(lang, `permission.${p.state}`) : '';
        }),
        formatTime(binding?.invitedAt ?? null, opts.timeZone),
        formatTime(changed > 0 ? changed : null, opts.timeZone),
        a.note,
        ...(opts.includePhones ? [a.phoneMask ?? '', a.phoneHash ?? ''] : []),
      ];
      lines.push(csvLine(cells));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
