/**
 * What the platform's own messages after a submit (its toasts and field errors, read by the content
 * script, oldest first) say about it: the first message that reads as a refusal or a confirmation
 * decides (a later one is about something else, such as the list reloading); none of either: unknown.
 * Only a success records anything early.
 */
export type ReplyVerdict = 'success' | 'failure' | 'unknown';

/** Words of the platform's refusals: wrong input, limits, rate limits, session and system errors. */
const FAILURE =
  /失败|错误|出错|不一致|不正确|不存在|不合法|不能|无法|不可|请先|请输入|请选择|超过|上限|频繁|异常|已存在|未通过|过期|FAIL_/;
/** Words of its confirmations (the mock's invite toast: 邀请已发送，等待对方接受). */
const SUCCESS = /成功|已发送|已提交|已邀请/;

export function replyVerdict(texts: readonly string[]): ReplyVerdict {
  for (const t of texts) {
    // A refusal word wins within one message: 提交失败 is not a 提交 success.
    if (FAILURE.test(t)) return 'failure';
    if (SUCCESS.test(t)) return 'success';
  }
  return 'unknown';
}
