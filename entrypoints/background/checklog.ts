/**
 * A short, persistent log of pre-submit checks: what was checked, the verdict, which rules spoke,
 * and what the user did (released, continued with a reason, went back). No form contents, no phones.
 */
import { checkLogItem } from '@/utils/storage-items';
import type { CheckLogEntry } from '@/utils/tab-state';

export const CHECK_LOG_MAX = 200;

let queue: Promise<unknown> = Promise.resolve();

function update(change: (log: CheckLogEntry[]) => CheckLogEntry[]): Promise<void> {
  const run = queue
    .catch(() => undefined)
    .then(async () => {
      const got: unknown = await checkLogItem.getValue();
      const log = Array.isArray(got) ? (got as CheckLogEntry[]) : [];
      const next = change(log);
      // Unchanged (say, an id that is not in the log): nothing is written.
      if (next !== log) await checkLogItem.setValue(next.slice(-CHECK_LOG_MAX));
    });
  queue = run;
  return run;
}

export function logCheck(entry: CheckLogEntry): Promise<void> {
  return update((log) => [...log, entry]);
}

/** The platform's own messages after a submit went through, joined to its check. */
export function logReply(checkId: string, reply: string[]): Promise<void> {
  return update((log) => {
    const i = log.findLastIndex((e) => e.checkId === checkId);
    if (i < 0) return log;
    const next = [...log];
    next[i] = { ...next[i]!, reply };
    return next;
  });
}

export function logOutcome(
  checkId: string,
  outcome: NonNullable<CheckLogEntry['outcome']>,
  reason?: string,
): Promise<void> {
  return update((log) => {
    const i = log.findLastIndex((e) => e.checkId === checkId);
    if (i < 0) return log;
    const next = [...log];
    next[i] = { ...next[i]!, outcome, ...(reason ? { reason: reason.slice(0, 500) } : {}) };
    return next;
  });
}
