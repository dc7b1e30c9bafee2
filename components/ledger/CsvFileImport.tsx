/**
 * The steps every CSV import of the panel goes through: a file chosen → decoded here (UTF-8 with or
 * without BOM, UTF-16, GB18030/GBK; too large refused before reading) → its text previewed by the
 * background (nothing written) → applied in one transaction. Used by 导入待邀请名单 (InviteCsvImport)
 * and 导入达人名单 (RosterTools); each supplies its own commands, words and preview of the rows.
 */
import '@/utils/i18n/ledger';
import { useId, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { both, type Bi } from '@/utils/i18n';
import { decodeCsv, MAX_CSV_CHARS, type CsvEncoding, type CsvTableProblem } from '@/utils/ledger/csv-read';
import { useI18n } from '../hooks/useI18n';
import { Msg } from '../Msg';
import type { CommandOutcome, Status } from './command';
import { Field } from './Field';
import { StatusLine } from './Status';

export type CsvImportStage<P> =
  | { stage: 'idle' }
  | { stage: 'reading'; name: string }
  | { stage: 'preview'; name: string; encoding: CsvEncoding; text: string; preview: P }
  | { stage: 'applying'; name: string };

export const ENCODING_NAMES: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  gb18030: 'GB18030/GBK',
};

export const fail = (code: string, text: Bi): Status => ({
  kind: 'error',
  error: { code, ...text, issues: [] },
});

/** A problem the background found in the file itself (no 逛逛号 column, no rows, unreadable CSV). */
export type CsvFileProblem = { ok: false; problem: CsvTableProblem; line: number };

export function useCsvFileImport<P, R extends { ok: true } | CsvFileProblem>(steps: {
  preview: (text: string) => Promise<CommandOutcome<P>>;
  apply: (text: string) => Promise<CommandOutcome<R>>;
  /** The status line after a successful apply. */
  done: (applied: Extract<R, { ok: true }>) => Bi;
}) {
  const [s, setS] = useState<CsvImportStage<P>>({ stage: 'idle' });
  const [status, setStatus] = useState<Status>(null);
  const input = useRef<HTMLInputElement>(null);
  const busy = s.stage === 'reading' || s.stage === 'applying';
  const reset = () => {
    setS({ stage: 'idle' });
    if (input.current) input.current.value = '';
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setStatus(null);
    setS({ stage: 'reading', name: file.name });
    const tooLarge = () =>
      fail('import-invalid', both('csvImport.tooLarge', { mb: Math.round(file.size / 1048576) }));
    // A character takes at least one byte: a file over 4× the limit cannot fit, even before decoding.
    if (file.size > 4 * MAX_CSV_CHARS) {
      setStatus(tooLarge());
      return reset();
    }
    let decoded;
    try {
      decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      setStatus(fail('read-failed', both('csvImport.readFailed', { why })));
      return reset();
    }
    if (decoded.text.length > MAX_CSV_CHARS) {
      setStatus(tooLarge());
      return reset();
    }
    const out = await steps.preview(decoded.text);
    if (!out.ok) {
      setStatus({ kind: 'error', error: out.error });
      return reset();
    }
    setS({
      stage: 'preview',
      name: file.name,
      encoding: decoded.encoding,
      text: decoded.text,
      preview: out.value,
    });
  };

  const apply = async () => {
    if (s.stage !== 'preview') return;
    const previewed = s;
    setS({ stage: 'applying', name: s.name });
    const out = await steps.apply(previewed.text);
    if (!out.ok) {
      // One transaction: nothing was written. The preview stays, to try again.
      setS(previewed);
      setStatus({ kind: 'error', error: out.error });
      return;
    }
    reset();
    const r: { ok: true } | CsvFileProblem = out.value;
    setStatus(
      r.ok
        ? { kind: 'ok', text: steps.done(out.value as Extract<R, { ok: true }>) }
        : fail('import-invalid', both(`csvImport.problem.${r.problem}`, { line: r.line })),
    );
  };

  return { s, status, busy, input, onFile, apply, reset };
}

/**
 * The fieldset of a CSV import: legend, hint, file input, reading line, the file's problem or the
 * caller's preview of its rows, and the status line. `keys` names the catalogue (its legend, hint,
 * chooseFile, reading keys), `formTestId` the fieldset's data-testid and `testId` its parts' prefix.
 */
export function CsvImportForm<
  P extends { ok: true } | CsvFileProblem,
  R extends { ok: true } | CsvFileProblem,
>({
  keys,
  formTestId,
  testId,
  flow,
  children,
}: {
  keys: 'csvImport' | 'rosterCsv';
  formTestId: string;
  testId: string;
  flow: ReturnType<typeof useCsvFileImport<P, R>>;
  /** The preview of a readable file's rows. */
  children: (preview: Extract<P, { ok: true }>, head: { name: string; encoding: string }) => ReactNode;
}) {
  const id = useId();
  const { t } = useI18n();
  const { s, status, busy, input, onFile, reset } = flow;
  const preview: { ok: true } | CsvFileProblem | null = s.stage === 'preview' ? s.preview : null;
  return (
    <fieldset className="limport" data-testid={formTestId} data-stage={s.stage}>
      <legend>
        <Msg k={`${keys}.legend`} />
      </legend>
      <p className="hint">{t(`${keys}.hint`)}</p>
      <Field htmlFor={`${id}-file`} label={<Msg k={`${keys}.chooseFile`} />}>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv,.txt,text/plain"
          disabled={busy}
          onChange={(e) => void onFile(e)}
          data-testid={`${testId}-file`}
        />
      </Field>
      {s.stage === 'reading' || s.stage === 'applying' ? (
        <p aria-busy="true">{t(`${keys}.reading`, { name: s.name })}</p>
      ) : null}
      {s.stage === 'preview' && preview && !preview.ok ? (
        <div role="alert" data-testid={`${testId}-problem`} data-problem={preview.problem}>
          <p className="sev-block">{t(`csvImport.problem.${preview.problem}`, { line: preview.line })}</p>
          <button type="button" onClick={reset}>
            {t('backup.close')}
          </button>
        </div>
      ) : null}
      {s.stage === 'preview' && preview?.ok
        ? children(s.preview as Extract<P, { ok: true }>, {
            name: s.name,
            encoding: ENCODING_NAMES[s.encoding],
          })
        : null}
      <StatusLine status={status} testId={`${testId}-status`} />
    </fieldset>
  );
}
