/**
 * Export (JSON backup, CSV for Excel) and import (JSON backup: preview → confirm → apply with
 * progress → result; in a workspace, also a CSV list of accounts to invite: InviteCsvImport.tsx). Exports are read by the panel itself; the import runs in the background.
 * Phone data (masks and HMACs, never numbers) is exported only when the user ticks the opt-in.
 */
import '@/utils/i18n/ledger';
import { both, bothWith, translate } from '@/utils/i18n';
import { useI18n } from '../hooks/useI18n';
import { Msg } from '../Msg';
import {
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
  type ChangeEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { exportJson, type ImportPreview, type ImportResult } from '@/utils/ledger/backup';
import { exportCsv } from '@/utils/ledger/csv';
import { ALL_BACKUP_TABLES } from '@/utils/ledger/db';

type AnyBackupTable = (typeof ALL_BACKUP_TABLES)[number];
import { MAX_IMPORT_MESSAGE_CHARS } from '@/utils/ledger/protocol';
import { importProgressItem } from '@/utils/storage-items';
import { runCommand, useCommand, type Status } from './command';
import { ledgerDb } from './db';
import type { Bi } from './format';
import { StatusLine } from './Status';
import { Field } from './Field';
import { InviteCsvImport } from './InviteCsvImport';
import { download, stamp } from './download';

const TABLE_LABELS: Record<AnyBackupTable, Bi> = {
  workspaces: both('backup.table.workspaces'),
  accounts: both('backup.table.accounts'),
  bindings: both('backup.table.bindings'),
  permissions: both('backup.table.permissions'),
  events: both('backup.table.events'),
  settings: both('backup.table.settings'),
  institutions: both('backup.table.institutions'),
  members: both('backup.table.members'),
  memberEvents: both('backup.table.memberEvents'),
};

type ImportStage =
  | { stage: 'idle' }
  | { stage: 'reading'; name: string }
  | { stage: 'preview'; name: string; text: string; preview: ImportPreview }
  | { stage: 'applying'; name: string }
  | { stage: 'done'; name: string; result: ImportResult };

interface ImportState {
  s: ImportStage;
  status: Status;
}

/**
 * The import's state lives outside React: an import changes the ledger under the view (a first
 * workspace appears, the selection may change), which can remount the panel that started it. Any
 * mounted import box shows the same preview, progress and result.
 */
let importState: ImportState = { s: { stage: 'idle' }, status: null };
const importListeners = new Set<() => void>();
function setImport(next: Partial<ImportState>): void {
  importState = { ...importState, ...next };
  for (const l of importListeners) l();
}
function subscribeImport(l: () => void): () => void {
  importListeners.add(l);
  return () => importListeners.delete(l);
}
const getImport = () => importState;

/** True while an import is being previewed, applied, or its result is on screen. */
export function useImportInProgress(): boolean {
  return useSyncExternalStore(subscribeImport, getImport).s.stage !== 'idle';
}

const fileError = (code: string, text: Bi): Status => ({
  kind: 'error',
  error: { code, ...text, issues: [] },
});

export function BackupPanel({ workspaceId }: { workspaceId: string | null }) {
  const id = useId();
  const { lang } = useI18n();
  const [includePhones, setIncludePhones] = useState(false);
  const [onlyThis, setOnlyThis] = useState(false);
  const { busy: exportBusy, status: exportStatus, setStatus: setExportStatus } = useCommand();
  const [exporting, setExporting] = useState(false);

  const doExport = async (kind: 'json' | 'csv') => {
    setExporting(true);
    setExportStatus(null);
    try {
      const db = ledgerDb();
      const scope = onlyThis && workspaceId ? { workspaceIds: [workspaceId] } : {};
      // Phone data only on opt-in. The JSON export needs this install's key fingerprint, which exists
      // whenever a phone hash does; without one there is no phone data to include (and nothing is created).
      const hashes = includePhones ? await db.accounts.where('phoneHash').above('').count() : 0;
      if (kind === 'json') {
        const text = await exportJson(db, { ...scope, includePhones: includePhones && hashes > 0 });
        download(text, `guanghe-ledger-${stamp()}.json`, 'application/json');
      } else {
        const text = await exportCsv(db, { ...scope, includePhones, lang });
        download(text, `guanghe-ledger-${stamp()}.csv`, 'text/csv;charset=utf-8');
      }
      const noPhoneData = includePhones && kind === 'json' && hashes === 0;
      setExportStatus({
        kind: 'ok',
        text: bothWith('backup.exported', (l) => ({
          what: translate(l, kind === 'json' ? 'backup.what.json' : 'backup.what.csv'),
          phones: translate(l, includePhones ? 'backup.withPhones' : 'backup.withoutPhones'),
          note: noPhoneData ? translate(l, 'backup.noPhoneData') : '',
        })),
      });
    } catch (e) {
      setExportStatus({
        kind: 'error',
        error: {
          code: 'export-failed',
          ...both('backup.exportFailed', { error: e instanceof Error ? e.message : String(e) }),
          issues: [],
        },
      });
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="lbackup" data-testid="ledger-backup">
      <fieldset className="lexport">
        <legend>
          <Msg k="backup.export" />
        </legend>
        <label className="lcheck" htmlFor={`${id}-phones`}>
          <input
            id={`${id}-phones`}
            type="checkbox"
            checked={includePhones}
            onChange={(e) => setIncludePhones(e.target.checked)}
            data-testid="export-include-phones"
          />
          <span>
            <Msg k="backup.includePhones" />
          </span>
        </label>
        {workspaceId ? (
          <label className="lcheck" htmlFor={`${id}-only`}>
            <input
              id={`${id}-only`}
              type="checkbox"
              checked={onlyThis}
              onChange={(e) => setOnlyThis(e.target.checked)}
            />
            <span>
              <Msg k="backup.onlySelected" />
            </span>
          </label>
        ) : null}
        <div className="lactions">
          <button
            type="button"
            disabled={exporting || exportBusy}
            onClick={() => void doExport('json')}
            data-testid="export-json"
          >
            <Msg k="backup.exportJson" />
          </button>
          <button
            type="button"
            disabled={exporting || exportBusy}
            onClick={() => void doExport('csv')}
            data-testid="export-csv"
          >
            <Msg k="backup.exportCsv" />
          </button>
        </div>
        <StatusLine status={exportStatus} testId="export-status" />
      </fieldset>
      <ImportBox />
      {workspaceId ? <InviteCsvImport workspaceId={workspaceId} /> : null}
    </div>
  );
}

function useImportProgress(active: boolean): { done: number; total: number } | null {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return;
    }
    let alive = true;
    const read = (v: unknown) => {
      if (!alive) return;
      const p = v as { done?: unknown; total?: unknown } | undefined;
      setProgress(
        p && typeof p.done === 'number' && typeof p.total === 'number'
          ? { done: p.done, total: p.total }
          : null,
      );
    };
    const unwatch = importProgressItem.watch(read);
    importProgressItem.getValue().then(read, () => undefined);
    return () => {
      alive = false;
      unwatch();
    };
  }, [active]);
  return progress;
}

function ImportBox() {
  const id = useId();
  const { s, status } = useSyncExternalStore(subscribeImport, getImport);
  const fileInput = useRef<HTMLInputElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const progress = useImportProgress(s.stage === 'applying');
  const busy = s.stage === 'reading' || s.stage === 'applying';

  useEffect(() => {
    if (s.stage === 'preview' || s.stage === 'done') resultHeading.current?.focus();
  }, [s.stage]);

  const clearInput = () => {
    if (fileInput.current) fileInput.current.value = '';
  };
  const reset = () => {
    setImport({ s: { stage: 'idle' }, status: null });
    clearInput();
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setImport({ s: { stage: 'reading', name: file.name }, status: null });
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      setImport({
        s: { stage: 'idle' },
        status: fileError('read-failed', both('backup.readFailed', { why })),
      });
      clearInput();
      return;
    }
    if (text.length > MAX_IMPORT_MESSAGE_CHARS) {
      const mb = Math.round(text.length / 1048576);
      setImport({
        s: { stage: 'idle' },
        status: fileError('import-invalid', both('backup.tooLarge', { mb })),
      });
      clearInput();
      return;
    }
    const out = await runCommand({ op: 'previewImport', text });
    if (!out.ok) {
      setImport({ s: { stage: 'idle' }, status: { kind: 'error', error: out.error } });
      clearInput();
      return;
    }
    setImport({ s: { stage: 'preview', name: file.name, text, preview: out.value } });
  };

  const apply = async () => {
    if (s.stage !== 'preview') return;
    const previewed = s;
    const { name, text } = previewed;
    setImport({ s: { stage: 'applying', name }, status: null });
    const out = await runCommand({ op: 'applyImport', text });
    clearInput();
    if (!out.ok) {
      // The import is one transaction: on failure nothing was written. The file stays loaded with its
      // preview so the user can import it again (say, once disk space is freed) without choosing it
      // again; the background validates it afresh each time.
      setImport({ s: previewed, status: { kind: 'error', error: out.error } });
      return;
    }
    setImport({
      s: { stage: 'done', name, result: out.value },
      status: {
        kind: 'ok',
        text: both('backup.importFinished', { n: out.value.written }),
      },
    });
  };

  return (
    <fieldset className="limport" data-testid="import-box" data-stage={s.stage}>
      <legend>
        <Msg k="backup.import" />
      </legend>
      <Field htmlFor={`${id}-file`} label={<Msg k="backup.chooseFile" />}>
        <input
          ref={fileInput}
          id={`${id}-file`}
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(e) => void onFile(e)}
          data-testid="import-file"
        />
      </Field>
      {s.stage === 'reading' ? (
        <p aria-busy="true">
          <Msg k="backup.checking" params={{ name: s.name }} />
        </p>
      ) : null}
      {s.stage === 'preview' ? (
        <ImportSummary
          headingRef={resultHeading}
          title={both('backup.preview', { name: s.name })}
          preview={s.preview}
          testId="import-preview"
        >
          {s.preview.ok ? (
            <div className="lactions">
              <button
                type="button"
                className="primary"
                disabled={busy || s.preview.new + s.preview.updated === 0}
                onClick={() => void apply()}
                data-testid="import-apply"
              >
                <Msg k="backup.apply" />
              </button>
              <button type="button" onClick={reset} data-testid="import-cancel">
                <Msg k="backup.cancel" />
              </button>
            </div>
          ) : (
            <div className="lactions">
              <button type="button" onClick={reset} data-testid="import-cancel">
                <Msg k="backup.close" />
              </button>
            </div>
          )}
        </ImportSummary>
      ) : null}
      {s.stage === 'applying' ? (
        <div data-testid="import-progress" aria-live="polite">
          <label htmlFor={`${id}-progress`}>
            <Msg k="backup.importing" />
            {progress ? ` ${progress.done} / ${progress.total}` : ''}
          </label>
          <progress
            id={`${id}-progress`}
            max={progress?.total || undefined}
            value={progress ? progress.done : undefined}
          />
        </div>
      ) : null}
      {s.stage === 'done' ? (
        <ImportSummary
          headingRef={resultHeading}
          title={both('backup.imported', { name: s.name, n: s.result.written })}
          preview={s.result}
          testId="import-result"
        >
          <div className="lactions">
            <button type="button" onClick={reset}>
              <Msg k="backup.done" />
            </button>
          </div>
        </ImportSummary>
      ) : null}
      <StatusLine status={status} testId="import-status" />
    </fieldset>
  );
}

function ImportSummary({
  title,
  preview,
  headingRef,
  testId,
  children,
}: {
  title: Bi;
  preview: ImportPreview;
  headingRef: RefObject<HTMLHeadingElement | null>;
  testId: string;
  children: ReactNode;
}) {
  const { t, p } = useI18n();
  const nothing = preview.ok && preview.new + preview.updated + preview.conflicting === 0;
  return (
    <div
      className="limport-summary"
      data-testid={testId}
      data-ok={String(preview.ok)}
      data-new={preview.new}
      data-updated={preview.updated}
      data-conflicting={preview.conflicting}
      data-unchanged={preview.unchanged}
    >
      <h4 ref={headingRef} tabIndex={-1}>
        {p(title)}
      </h4>
      {preview.ok ? (
        <>
          <p data-testid={`${testId}-counts`}>
            {t('backup.counts', {
              new: preview.new,
              updated: preview.updated,
              conflicting: preview.conflicting,
              unchanged: preview.unchanged,
            })}
          </p>
          {nothing ? (
            <p data-testid={`${testId}-all-unchanged`}>
              <Msg k="backup.allUnchanged" />
            </p>
          ) : null}
          {preview.conflicting ? <p className="notice">{t('backup.conflicts')}</p> : null}
          <table className="ltable">
            <caption className="visually-hidden">{t('backup.perTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('backup.col.table')}</th>
                <th scope="col">{t('backup.col.new')}</th>
                <th scope="col">{t('backup.col.updated')}</th>
                <th scope="col">{t('backup.col.conflicting')}</th>
                <th scope="col">{t('backup.col.unchanged')}</th>
              </tr>
            </thead>
            <tbody>
              {ALL_BACKUP_TABLES.map((table) => {
                const r = preview.tables[table];
                return (
                  <tr key={table} data-table={table}>
                    <th scope="row">{p(TABLE_LABELS[table])}</th>
                    <td>{r.new}</td>
                    <td>{r.updated}</td>
                    <td>{r.conflicting}</td>
                    <td>{r.unchanged}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : (
        <div role="alert" data-testid={`${testId}-errors`}>
          <p className="sev-block">{t('backup.problems', { n: preview.errors.length })}</p>
          <ul className="lissues">
            {preview.errors.map((e, i) => (
              <li key={i}>
                <code>{e}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.warnings.length ? (
        <ul className="lissues notice">
          {preview.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      ) : null}
      {children}
    </div>
  );
}
