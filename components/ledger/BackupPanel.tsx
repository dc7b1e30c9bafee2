/**
 * Export (JSON backup, CSV for Excel) and import (JSON backup: preview → confirm → apply with
 * progress → result). Exports are read by the panel itself; the import runs in the background.
 * Phone data (masks and HMACs, never numbers) is exported only when the user ticks the opt-in.
 */
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
import { BACKUP_TABLES, type BackupTable } from '@/utils/ledger/db';
import { MAX_IMPORT_MESSAGE_CHARS } from '@/utils/ledger/protocol';
import { importProgressItem } from '@/utils/storage-items';
import { runCommand, useCommand, type Status } from './command';
import { ledgerDb } from './db';
import type { Bi } from './format';
import { StatusLine } from './Status';
import { Field } from './Field';

const TABLE_LABELS: Record<BackupTable, Bi> = {
  workspaces: { zh: '工作区', en: 'workspaces' },
  accounts: { zh: '账号', en: 'accounts' },
  bindings: { zh: '绑定', en: 'bindings' },
  permissions: { zh: '权限', en: 'permissions' },
  events: { zh: '事件', en: 'events' },
  settings: { zh: '设置', en: 'settings' },
};

function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/** Saves text as a file: Blob → object URL → `<a download>` click → URL revoked. */
function download(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoked a moment later: some browsers read the URL after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

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

const fileError = (code: string, zh: string, en: string): Status => ({
  kind: 'error',
  error: { code, zh, en, issues: [] },
});

export function BackupPanel({ workspaceId }: { workspaceId: string | null }) {
  const id = useId();
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
        const text = await exportCsv(db, { ...scope, includePhones });
        download(text, `guanghe-ledger-${stamp()}.csv`, 'text/csv;charset=utf-8');
      }
      const note =
        includePhones && kind === 'json' && hashes === 0
          ? { zh: '（台账里没有手机号数据）', en: ' (the ledger holds no phone data)' }
          : { zh: '', en: '' };
      setExportStatus({
        kind: 'ok',
        text: {
          zh: `已导出 ${kind === 'json' ? 'JSON 备份' : 'CSV'}${includePhones ? '（含手机号掩码）' : '（不含手机号）'}${note.zh}`,
          en: `Exported the ${kind === 'json' ? 'JSON backup' : 'CSV'}${includePhones ? ' (with phone masks)' : ' (without phones)'}${note.en}`,
        },
      });
    } catch (e) {
      setExportStatus({
        kind: 'error',
        error: {
          code: 'export-failed',
          zh: `导出失败：${e instanceof Error ? e.message : String(e)}`,
          en: `Export failed: ${e instanceof Error ? e.message : String(e)}`,
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
          导出 <span className="en">Export</span>
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
            包含手机号掩码和哈希（不含号码本身）{' '}
            <span className="en">Include phone masks and hashes (never the numbers)</span>
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
              只导出当前工作区 <span className="en">Only the selected workspace</span>
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
            导出 JSON 备份 <span className="en">Export JSON backup</span>
          </button>
          <button
            type="button"
            disabled={exporting || exportBusy}
            onClick={() => void doExport('csv')}
            data-testid="export-csv"
          >
            导出 CSV（Excel） <span className="en">Export CSV (Excel)</span>
          </button>
        </div>
        <StatusLine status={exportStatus} testId="export-status" />
      </fieldset>
      <ImportBox />
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
        status: fileError('read-failed', `无法读取文件：${why}`, `Could not read the file: ${why}`),
      });
      clearInput();
      return;
    }
    if (text.length > MAX_IMPORT_MESSAGE_CHARS) {
      const mb = Math.round(text.length / 1048576);
      setImport({
        s: { stage: 'idle' },
        status: fileError(
          'import-invalid',
          `文件过大（${mb} MB），未导入任何数据。`,
          `The file is too large (${mb} MB); nothing was imported.`,
        ),
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
        text: {
          zh: `导入完成：写入 ${out.value.written} 行`,
          en: `Import finished: ${out.value.written} rows written`,
        },
      },
    });
  };

  return (
    <fieldset className="limport" data-testid="import-box" data-stage={s.stage}>
      <legend>
        导入 JSON 备份 <span className="en">Import a JSON backup</span>
      </legend>
      <Field htmlFor={`${id}-file`} zh="选择备份文件（.json）" en="Choose a backup file (.json)">
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
          正在检查 {s.name}… <span className="en">Checking {s.name}…</span>
        </p>
      ) : null}
      {s.stage === 'preview' ? (
        <ImportSummary
          headingRef={resultHeading}
          title={{ zh: `预览：${s.name}`, en: `Preview: ${s.name}` }}
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
                确认导入 · Import
              </button>
              <button type="button" onClick={reset} data-testid="import-cancel">
                取消 · Cancel
              </button>
            </div>
          ) : (
            <div className="lactions">
              <button type="button" onClick={reset} data-testid="import-cancel">
                关闭 · Close
              </button>
            </div>
          )}
        </ImportSummary>
      ) : null}
      {s.stage === 'applying' ? (
        <div data-testid="import-progress" aria-live="polite">
          <label htmlFor={`${id}-progress`}>
            正在导入… <span className="en">Importing…</span>
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
          title={{
            zh: `已导入：${s.name}（写入 ${s.result.written} 行）`,
            en: `Imported ${s.name} (${s.result.written} rows written)`,
          }}
          preview={s.result}
          testId="import-result"
        >
          <div className="lactions">
            <button type="button" onClick={reset}>
              完成 · Done
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
        {title.zh} <span className="en">{title.en}</span>
      </h4>
      {preview.ok ? (
        <>
          <p data-testid={`${testId}-counts`}>
            新增 {preview.new} · 更新 {preview.updated} · 冲突 {preview.conflicting} · 未变{' '}
            {preview.unchanged}
            <span className="en">
              new {preview.new} · updated {preview.updated} · conflicting {preview.conflicting} · unchanged{' '}
              {preview.unchanged}
            </span>
          </p>
          {nothing ? (
            <p data-testid={`${testId}-all-unchanged`}>
              文件里的内容和台账完全一致，无需导入。
              <span className="en">Everything in the file is already in the ledger, unchanged.</span>
            </p>
          ) : null}
          {preview.conflicting ? (
            <p className="notice">
              冲突的行保留台账里的版本（文件里的不比台账新）。
              <span className="en">
                Conflicting rows keep the ledger&apos;s version (the file&apos;s is not newer).
              </span>
            </p>
          ) : null}
          <table className="ltable">
            <caption className="visually-hidden">各表明细 · Per table</caption>
            <thead>
              <tr>
                <th scope="col">表 · Table</th>
                <th scope="col">新增 · New</th>
                <th scope="col">更新 · Upd.</th>
                <th scope="col">冲突 · Confl.</th>
                <th scope="col">未变 · Same</th>
              </tr>
            </thead>
            <tbody>
              {BACKUP_TABLES.map((t) => {
                const r = preview.tables[t];
                return (
                  <tr key={t} data-table={t}>
                    <th scope="row">
                      {TABLE_LABELS[t].zh} <span className="en">{TABLE_LABELS[t].en}</span>
                    </th>
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
          <p className="sev-block">
            文件有 {preview.errors.length} 处问题，不能导入；台账没有任何改动。
            <span className="en">
              The file has {preview.errors.length} problem(s) and cannot be imported; the ledger was not
              changed.
            </span>
          </p>
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
