/**
 * A short, persistent log of pre-submit checks: what was checked, the verdict, which rules spoke,
 * and what the user did (released, continued with a reason, went back). No form contents, no phones.
 */
import type { Submission } from '@/utils/rules';
import { normalizeGuangguangId } from '@/utils/rules/guangguang-id';
import { checkLogItem } from '@/utils/storage-items';
import { maskPhonesInText } from '@/utils/submit-types';
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

/**
 * The creator a check on the institution platform was for, as the log names it: the 逛逛号 the
 * publish form publishes as (else the 达人管理 row that opened it), or the one an unbind is for.
 * Only an id of the shape a roster row has (letters, digits, `_`, 4–32) and never one that holds a
 * phone number; undefined for every other check.
 */
export function creatorOfCheck(s: Submission): string | undefined {
  let id = '';
  if (s.kind === 'roster-unbind') id = s.guangguangId;
  else if (s.kind === 'proxy-publish-video' || s.kind === 'proxy-publish-image' || s.kind === 'batch-publish')
    id = normalizeGuangguangId(s.creator?.guangguangId) || (s.openedFor ?? '');
  id = normalizeGuangguangId(id);
  return /^\w{4,32}$/.test(id) && maskPhonesInText(id) === id ? id : undefined;
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
