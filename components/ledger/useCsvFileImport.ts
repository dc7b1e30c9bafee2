/**
 * The steps every CSV import of the panel goes through: a file chosen → decoded here (UTF-8 with or
 * without BOM, UTF-16, GB18030/GBK; too large refused before reading) → its text previewed by the
 * background (nothing written) → applied in one transaction. Used by 导入待邀请名单 (InviteCsvImport)
 * and 导入达人名单 (RosterTools); each supplies its own commands and words.
 */
import '@/utils/i18n/ledger';
import { useRef, useState, type ChangeEvent } from 'react';
import { both, type Bi } from '@/utils/i18n';
import { decodeCsv, MAX_CSV_CHARS, type CsvEncoding, type CsvTableProblem } from '@/utils/ledger/csv-read';
import type { CommandOutcome, Status } from './command';

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
