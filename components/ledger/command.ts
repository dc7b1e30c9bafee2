/**
 * Ledger writes from the panel: one `ledger:command` message to the background per user action.
 * Every failure (a refused command, a background that does not answer, a full disk) comes back as
 * text in both languages for an inline message (shown in the chosen one); nothing is swallowed.
 */
import { useCallback, useRef, useState } from 'react';
import type { Bi } from '@/utils/i18n';
import { both } from '@/utils/i18n';
import { LedgerStorageFullError } from '@/utils/ledger/errors';
import type { LedgerCommand, LedgerResults } from '@/utils/ledger/protocol';
import { sendLedgerCommand } from '@/utils/messaging';

export interface CommandError extends Bi {
  /** `storage-full` when the disk is full (see `LedgerStorageFullError`), else the error's code if sent. */
  code: string | null;
  /** Row/field problems (import errors), when the background sends them. */
  issues: string[];
}

export type CommandOutcome<T> = { ok: true; value: T } | { ok: false; error: CommandError };

/** What a command answers when it succeeds: the result type of its operation. */
export type ResultOf<C extends LedgerCommand> = LedgerResults[C['op']];

const STORAGE_FULL = new LedgerStorageFullError();

function toCommandError(raw: unknown): CommandError {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const failed = both('cmd.failed');
  const zh = typeof r.zh === 'string' ? r.zh : failed.zh;
  const en = typeof r.en === 'string' ? r.en : failed.en;
  const issues = Array.isArray(r.issues) ? r.issues.filter((i): i is string => typeof i === 'string') : [];
  let code = typeof r.code === 'string' ? r.code : null;
  // The reply may carry only zh + en: recognise the storage-full message by its text too.
  if (code === null && (zh === STORAGE_FULL.zh || en === STORAGE_FULL.en)) code = STORAGE_FULL.code;
  if (code === STORAGE_FULL.code) return { code, zh: STORAGE_FULL.zh, en: STORAGE_FULL.en, issues };
  return { code, zh, en, issues };
}

/** Sends one command and waits for the background's answer, typed by the command's operation. Never throws. */
export async function runCommand<C extends LedgerCommand>(command: C): Promise<CommandOutcome<ResultOf<C>>> {
  try {
    const res = await sendLedgerCommand(command);
    if (res && typeof res === 'object' && 'ok' in res) {
      if (res.ok) return { ok: true, value: res.value };
      return { ok: false, error: toCommandError(res.error) };
    }
    return {
      ok: false,
      error: {
        code: 'no-answer',
        ...both('cmd.noAnswer'),
        issues: [],
      },
    };
  } catch (e) {
    const detail = e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200);
    return {
      ok: false,
      error: {
        code: 'unreachable',
        ...both('cmd.unreachable', { detail }),
        issues: [],
      },
    };
  }
}

export type Status = { kind: 'ok'; text: Bi } | { kind: 'error'; error: CommandError } | null;

/**
 * A command runner for one form or action area: `busy` while a command is on its way, `status` for
 * the inline message (success text or error), and `run` which resolves to the outcome.
 */
export function useCommand() {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const inFlight = useRef(false);
  const run = useCallback(
    async <C extends LedgerCommand>(
      command: C,
      success?: Bi | ((value: ResultOf<C>) => Bi),
    ): Promise<CommandOutcome<ResultOf<C>>> => {
      if (inFlight.current) {
        return {
          ok: false,
          error: {
            code: 'busy',
            ...both('cmd.busy'),
            issues: [],
          },
        };
      }
      inFlight.current = true;
      setBusy(true);
      const out = await runCommand(command);
      inFlight.current = false;
      setBusy(false);
      if (out.ok)
        setStatus(
          success ? { kind: 'ok', text: typeof success === 'function' ? success(out.value) : success } : null,
        );
      else setStatus({ kind: 'error', error: out.error });
      return out;
    },
    [],
  );
  const clear = useCallback(() => setStatus(null), []);
  return { busy, status, run, clear, setStatus };
}
