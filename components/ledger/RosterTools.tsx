/**
 * The roster's file tools, in the lazy RosterView chunk: export (CSV for Excel, JSON that imports
 * again) and 导入达人名单（CSV）. Exports are read by the panel itself; the import is decoded here
 * (UTF-8 with or without BOM, UTF-16, GB18030/GBK) and its text sent to the background, which
 * previews it (nothing written) and then applies the accepted rows in one transaction
 * (utils/ledger/roster-csv-import.ts). Every refused row is named with its line.
 */
import '@/utils/i18n/ledger';
import { useState } from 'react';
import { both, bothWith, translate } from '@/utils/i18n';
import { exportJson } from '@/utils/ledger/backup';
import { exportRosterCsv } from '@/utils/ledger/roster-csv';
import type { RosterCsvIssue, RosterCsvPreview } from '@/utils/ledger/roster-csv-import';
import { useI18n } from '../hooks/useI18n';
import { Msg } from '../Msg';
import { runCommand, type Status } from './command';
import { ledgerDb } from './db';
import { download, stamp } from './download';
import { StatusLine } from './Status';
import { CsvImportForm, fail, useCsvFileImport } from './CsvFileImport';

export function RosterTools({ workspaceId, name }: { workspaceId: string; name: string }) {
  return (
    <details className="card" data-testid="roster-tools">
      <summary>
        <Msg k="roster.export" />
      </summary>
      <RosterExport workspaceId={workspaceId} name={name} />
      <RosterCsvImport workspaceId={workspaceId} />
    </details>
  );
}

function fileName(name: string): string {
  // A file name keeps the institution's name, without characters a file system refuses.
  const safe = [...name]
    .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .slice(0, 60);
  return `guanghe-roster-${safe}-${stamp()}`;
}

function RosterExport({ workspaceId, name }: { workspaceId: string; name: string }) {
  const { lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const run = async (kind: 'csv' | 'json') => {
    setBusy(true);
    setStatus(null);
    try {
      const db = ledgerDb();
      const n = await db.members.where('workspaceId').equals(workspaceId).count();
      if (kind === 'csv')
        download(
          await exportRosterCsv(db, workspaceId, { lang }),
          `${fileName(name)}.csv`,
          'text/csv;charset=utf-8',
        );
      // The JSON backup of this one workspace: the JSON import takes it back (no phone data: a roster has none).
      else
        download(
          await exportJson(db, { workspaceIds: [workspaceId] }),
          `${fileName(name)}.json`,
          'application/json',
        );
      setStatus({
        kind: 'ok',
        text: bothWith('roster.exported', (l) => ({
          n,
          what: translate(l, kind === 'csv' ? 'backup.what.csv' : 'backup.what.json'),
        })),
      });
    } catch (e) {
      setStatus(
        fail(
          'export-failed',
          both('roster.exportFailed', { error: e instanceof Error ? e.message : String(e) }),
        ),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="lexport">
      <div className="lactions">
        <button type="button" disabled={busy} onClick={() => void run('csv')} data-testid="roster-export-csv">
          <Msg k="roster.exportCsv" />
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => void run('json')}
          data-testid="roster-export-json"
        >
          <Msg k="roster.exportJson" />
        </button>
      </div>
      <StatusLine status={status} testId="roster-export-status" />
    </div>
  );
}

function RosterCsvImport({ workspaceId }: { workspaceId: string }) {
  const flow = useCsvFileImport({
    preview: (text) => runCommand({ op: 'previewRosterCsv', workspaceId, text }),
    apply: (text) => runCommand({ op: 'applyRosterCsv', workspaceId, text }),
    done: (r) => both('rosterCsv.done', { add: r.add, update: r.update }),
  });

  return (
    <CsvImportForm formTestId="roster-csv-import" keys="rosterCsv" testId="roster-csv" flow={flow}>
      {(preview, head) => (
        <Preview
          name={head.name}
          encoding={head.encoding}
          preview={preview}
          onApply={() => void flow.apply()}
          onCancel={flow.reset}
        />
      )}
    </CsvImportForm>
  );
}

function Preview({
  name,
  encoding,
  preview,
  onApply,
  onCancel,
}: {
  name: string;
  encoding: string;
  preview: Extract<RosterCsvPreview, { ok: true }>;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const field = (f: RosterCsvIssue<string>['field']) => (f ? t(`rosterCsv.field.${f}`) : '');
  const n = preview.add + preview.update;
  return (
    <div
      className="limport-summary"
      data-testid="roster-csv-preview"
      data-add={preview.add}
      data-update={preview.update}
      data-refused={preview.refusedCount}
    >
      <h4 tabIndex={-1}>{t('rosterCsv.preview', { name, encoding })}</h4>
      <p data-testid="roster-csv-counts">
        {t('rosterCsv.counts', {
          add: preview.add,
          update: preview.update,
          unchanged: preview.unchanged,
          refused: preview.refusedCount,
        })}
      </p>
      {preview.ignored.length ? (
        <p className="hint">
          {t('csvImport.ignored', { names: preview.ignored.join(t('csvImport.listSep')) })}
        </p>
      ) : null}
      {preview.refused.length ? (
        <div role="alert">
          <p className="sev-block">{t('rosterCsv.refusedTitle')}</p>
          <ul className="lissues" data-testid="roster-csv-refused">
            {preview.refused.map((r) => (
              <li key={`${r.line}-${r.code}`} data-line={r.line} data-code={r.code}>
                {t('csvImport.line', {
                  line: r.line,
                  what: t(`rosterCsv.refused.${r.code}`, { field: field(r.field), first: r.firstLine ?? '' }),
                })}
              </li>
            ))}
          </ul>
          {preview.refusedCount > preview.refused.length ? (
            <p>{t('csvImport.more', { n: preview.refusedCount - preview.refused.length })}</p>
          ) : null}
        </div>
      ) : null}
      {preview.notes.length ? (
        <>
          <p>{t('rosterCsv.notesTitle')}</p>
          <ul className="lissues notice" data-testid="roster-csv-notes">
            {preview.notes.map((x) => (
              <li key={`${x.line}-${x.code}`} data-line={x.line} data-code={x.code}>
                {t('csvImport.line', {
                  line: x.line,
                  what: t(`rosterCsv.note.${x.code}`, { field: field(x.field), value: x.value ?? '' }),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="lactions">
        <button
          type="button"
          className="primary"
          disabled={n === 0}
          onClick={onApply}
          data-testid="roster-csv-apply"
        >
          {n ? t('rosterCsv.apply', { n }) : t('rosterCsv.nothing')}
        </button>
        <button type="button" onClick={onCancel} data-testid="roster-csv-cancel">
          {t('backup.cancel')}
        </button>
      </div>
    </div>
  );
}
