/**
 * What the platform's own messages after a submit (its toasts and field errors, read by the content
 * script) say about it: a failure as soon as one message reads like one, a success only when one
 * message says so and none says otherwise, else unknown. Only a success records anything early.
 */
export type ReplyVerdict = 'success' | 'failure' | 'unknown';

/** Words of the platform's refusals: wrong input, limits, rate limits, session and system errors. */
const FAILURE =
  /失败|错误|出错|不一致|不正确|不存在|不合法|不能|无法|不可|请先|请输入|请选择|超过|上限|频繁|异常|已存在|未通过|过期|FAIL_/;
/** Words of its confirmations (the mock's invite toast: 邀请已发送，等待对方接受). */
const SUCCESS = /成功|已发送|已提交|已邀请/;

export function replyVerdict(texts: readonly string[]): ReplyVerdict {
  if (texts.some((t) => FAILURE.test(t))) return 'failure';
  return texts.some((t) => SUCCESS.test(t)) ? 'success' : 'unknown';
}
