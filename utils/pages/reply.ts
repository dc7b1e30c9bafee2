/**
 * What the platform's own messages after a submit (its toasts and field errors, read by the content
 * script, oldest first) say about it: the first message that reads as a refusal or a confirmation
 * decides (a later one is about something else, such as the list reloading); none of either: unknown.
 * Only a success records anything early.
 */
import { REPLY_FAILURE as FAILURE, REPLY_SUCCESS as SUCCESS } from '../platform/anchors';

export type ReplyVerdict = 'success' | 'failure' | 'unknown';

export function replyVerdict(texts: readonly string[]): ReplyVerdict {
  for (const t of texts) {
    // A refusal word wins within one message: 提交失败 is not a 提交 success.
    if (FAILURE.test(t)) return 'failure';
    if (SUCCESS.test(t)) return 'success';
  }
  return 'unknown';
}
