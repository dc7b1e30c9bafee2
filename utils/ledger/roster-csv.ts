/**
 * An institution's roster as a CSV file, both ways.
 *
 * Export (`exportRosterCsv`): one line per creator, for Excel, with the safety of the ledger's CSV
 * (csv.ts: UTF-8 with BOM, CRLF, every formula-looking cell prefixed with `'`). The JSON export of a
 * roster is the JSON backup of that one workspace (backup.ts `exportJson` with `workspaceIds`), so it
 * imports again through the JSON import.
 *
 * Import: roster-csv-import.ts.
 */
import '@/utils/i18n/ledger';
import type { LedgerDb } from './db';
import { LedgerNotFoundError } from './errors';
import { csvLine, formatTime } from './csv';
import { translate } from '../i18n';
import type { Lang } from '../i18n/lang';

// ---------------------------------------------------------------- export

/** The `captureKey` prefix of the events a roster CSV import writes (the panel says where they came from). */
export const ROSTER_CSV_KEY_PREFIX = 'csv:';

export const ROSTER_CSV_HEADERS = [
  '昵称',
  '逛逛号',
  '等级',
  '状态',
  '所在列表',
  '第一次看到',
  '最近一次看到',
  '备注',
] as const;
export const ROSTER_CSV_HEADERS_EN = [
  'Nickname',
  'Guangguang ID',
  'Level',
  'State',
  'List',
  'First seen',
  'Last seen',
  'Note',
] as const;

/** One line per creator of the institution, most recently seen first. */
export async function exportRosterCsv(
  db: LedgerDb,
  workspaceId: string,
  opts: { lang?: Lang; timeZone?: string } = {},
): Promise<string> {
  const lang = opts.lang ?? 'zh';
  if (!(await db.institutions.get(workspaceId))) throw new LedgerNotFoundError('workspace', workspaceId);
  const members = (await db.members.where('workspaceId').equals(workspaceId).toArray()).sort(
    (a, b) =>
      b.lastSeenAt - a.lastSeenAt || a.nickname.localeCompare(b.nickname, 'zh-CN') || (a.id < b.id ? -1 : 1),
  );
  const lines = [csvLine(lang === 'en' ? ROSTER_CSV_HEADERS_EN : ROSTER_CSV_HEADERS)];
  for (const m of members)
    lines.push(
      csvLine([
        m.nickname,
        m.guangguangId ?? '',
        m.level ?? '',
        translate(lang, `roster.status.${m.status}`),
        translate(lang, m.binding === 'bound' ? 'roster.list.bound' : 'roster.list.other'),
        formatTime(m.firstSeenAt, opts.timeZone),
        formatTime(m.lastSeenAt, opts.timeZone),
        m.note ?? '',
      ]),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
