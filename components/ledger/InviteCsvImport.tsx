/**
 * 导入待邀请名单（CSV）: a list of matrix accounts to invite, kept in Excel, read into the workspace as
 * draft invites. The panel decodes the file (UTF-8 with or without BOM, UTF-16, GB18030/GBK) and
 * sends its text; the background previews it (nothing written), then applies the accepted rows in one
 * transaction (utils/ledger/csv-import.ts). Every refused row is named with its line.
 */
import '@/utils/i18n/ledger';
import { useId } from 'react';
import { both } from '@/utils/i18n';
import type { InviteCsvIssue, InviteCsvPreview } from '@/utils/ledger/csv-import';
import { useI18n } from '../hooks/useI18n';
import { Msg } from '../Msg';
import { runCommand } from './command';
import { Field } from './Field';
import { StatusLine } from './Status';
import { ENCODING_NAMES, useCsvFileImport } from './useCsvFileImport';

export function InviteCsvImport({ workspaceId }: { workspaceId: string }) {
  const id = useId();
  const { t } = useI18n();
  const { s, status, busy, input, onFile, apply, reset } = useCsvFileImport({
    preview: (text) => runCommand({ op: 'previewInviteCsv', workspaceId, text }),
    apply: (text) => runCommand({ op: 'applyInviteCsv', workspaceId, text }),
    done: (r) => both('csvImport.done', { n: r.written }),
  });

  return (
    <fieldset className="limport" data-testid="csv-import" data-stage={s.stage}>
      <legend>
        <Msg k="csvImport.legend" />
      </legend>
      <p className="hint">{t('csvImport.hint')}</p>
      <Field htmlFor={`${id}-file`} label={<Msg k="csvImport.chooseFile" />}>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv,.txt,text/plain"
          disabled={busy}
          onChange={(e) => void onFile(e)}
          data-testid="csv-import-file"
        />
      </Field>
      {s.stage === 'reading' || s.stage === 'applying' ? (
        <p aria-busy="true">
          <Msg k="csvImport.reading" params={{ name: s.name }} />
        </p>
      ) : null}
      {s.stage === 'preview' ? (
        <CsvPreview
          name={s.name}
          encoding={ENCODING_NAMES[s.encoding]}
          preview={s.preview}
          onApply={() => void apply()}
          onCancel={reset}
        />
      ) : null}
      <StatusLine status={status} testId="csv-import-status" />
    </fieldset>
  );
}

function CsvPreview({
  name,
  encoding,
  preview,
  onApply,
  onCancel,
}: {
  name: string;
  encoding: string;
  preview: InviteCsvPreview;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const field = (f: InviteCsvIssue<string>['field']) => (f ? t(`csvImport.field.${f}`) : '');
  if (!preview.ok)
    return (
      <div role="alert" data-testid="csv-import-problem" data-problem={preview.problem}>
        <p className="sev-block">{t(`csvImport.problem.${preview.problem}`, { line: preview.line })}</p>
        <button type="button" onClick={onCancel}>
          {t('backup.close')}
        </button>
      </div>
    );
  const listedRefused = preview.refused.length;
  return (
    <div className="limport-summary" data-testid="csv-import-preview" data-drafts={preview.newDrafts}>
      <h4 tabIndex={-1}>{t('csvImport.preview', { name, encoding })}</h4>
      <p data-testid="csv-import-counts">
        {t('csvImport.counts', {
          accounts: preview.newAccounts,
          drafts: preview.newDrafts,
          already: preview.already,
          refused: preview.refusedCount,
        })}
      </p>
      {preview.ignored.length ? (
        <p className="hint">
          {t('csvImport.ignored', { names: preview.ignored.join(t('csvImport.listSep')) })}
        </p>
      ) : null}
      {listedRefused ? (
        <div role="alert">
          <p className="sev-block">{t('csvImport.refusedTitle')}</p>
          <ul className="lissues" data-testid="csv-import-refused">
            {preview.refused.map((r) => (
              <li key={`${r.line}-${r.code}`} data-line={r.line} data-code={r.code}>
                {t('csvImport.line', {
                  line: r.line,
                  what: t(`csvImport.refused.${r.code}`, { field: field(r.field), first: r.firstLine ?? '' }),
                })}
              </li>
            ))}
          </ul>
          {preview.refusedCount > listedRefused ? (
            <p>{t('csvImport.more', { n: preview.refusedCount - listedRefused })}</p>
          ) : null}
        </div>
      ) : null}
      {preview.notes.length ? (
        <>
          <p>{t('csvImport.notesTitle')}</p>
          <ul className="lissues notice" data-testid="csv-import-notes">
            {preview.notes.map((n) => (
              <li key={`${n.line}-${n.code}`} data-line={n.line} data-code={n.code}>
                {t('csvImport.line', {
                  line: n.line,
                  what: t(`csvImport.note.${n.code}`, {
                    field: field(n.field),
                    state: n.state ? t(`binding.${n.state}`) : '',
                  }),
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
          disabled={preview.newDrafts === 0}
          onClick={onApply}
          data-testid="csv-import-apply"
        >
          {preview.newDrafts ? t('csvImport.apply', { n: preview.newDrafts }) : t('csvImport.nothing')}
        </button>
        <button type="button" onClick={onCancel} data-testid="csv-import-cancel">
          {t('backup.cancel')}
        </button>
      </div>
    </div>
  );
}
