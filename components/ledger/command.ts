/**
 * Ledger writes from the panel: one `ledger:command` message to the background per user action.
 * Every failure (a refused command, a background that does not answer, a full disk) comes back as
 * bilingual text for an inline message; nothing is swallowed.
 */
import { useCallback, useRef, useState } from 'react';
import { LedgerStorageFullError } from '@/utils/ledger/errors';
import type { LedgerCommand, LedgerResults } from '@/utils/ledger/protocol';
import { sendLedgerCommand } from '@/utils/messaging';
import type { Bi } from './format';

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
  const zh = typeof r.zh === 'string' ? r.zh : '操作失败（原因不明）';
  const en = typeof r.en === 'string' ? r.en : 'The action failed (no reason given)';
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
        zh: '后台没有返回结果，操作可能未执行。请稍后重试。',
        en: 'The background did not answer; the action may not have run. Please try again.',
        issues: [],
      },
    };
  } catch (e) {
    const detail = e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200);
    return {
      ok: false,
      error: {
        code: 'unreachable',
        zh: `无法连接扩展后台，操作未执行。请重新打开侧边栏后重试。（${detail}）`,
        en: `Could not reach the extension's background; nothing was done. Reopen the side panel and try again. (${detail})`,
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
            zh: '上一个操作还在进行中',
            en: 'The previous action is still running',
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
