/**
 * 导入待邀请名单（CSV）: a list of matrix accounts to invite, kept in Excel, read into the workspace as
 * draft invites. The panel decodes the file (UTF-8 with or without BOM, UTF-16, GB18030/GBK) and
 * sends its text; the background previews it (nothing written), then applies the accepted rows in one
 * transaction (utils/ledger/csv-import.ts). Every refused row is named with its line.
 */
import '@/utils/i18n/ledger';
import { both } from '@/utils/i18n';
import type { InviteCsvIssue, InviteCsvPreview } from '@/utils/ledger/csv-import';
import { useI18n } from '../hooks/useI18n';
import { runCommand } from './command';
import { CsvImportForm, useCsvFileImport } from './CsvFileImport';

export function InviteCsvImport({ workspaceId }: { workspaceId: string }) {
  const flow = useCsvFileImport({
    preview: (text) => runCommand({ op: 'previewInviteCsv', workspaceId, text }),
    apply: (text) => runCommand({ op: 'applyInviteCsv', workspaceId, text }),
    done: (r) => both('csvImport.done', { n: r.written }),
  });

  return (
    <CsvImportForm formTestId="csv-import" keys="csvImport" testId="csv-import" flow={flow}>
      {(preview, head) => (
        <CsvPreview
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

function CsvPreview({
  name,
  encoding,
  preview,
  onApply,
  onCancel,
}: {
  name: string;
  encoding: string;
  preview: Extract<InviteCsvPreview, { ok: true }>;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const field = (f: InviteCsvIssue<string>['field']) => (f ? t(`csvImport.field.${f}`) : '');
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
