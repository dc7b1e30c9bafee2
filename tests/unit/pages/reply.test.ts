import { describe, expect, it } from 'vitest';
import { replyVerdict } from '@/utils/pages/reply';

describe('replyVerdict: what the platform said about a submit', () => {
  it('a confirmation is a success', () => {
    expect(replyVerdict(['邀请已发送，等待对方接受'])).toBe('success');
    expect(replyVerdict(['发布成功，作品审核中'])).toBe('success');
    expect(replyVerdict(['申请已提交'])).toBe('success');
  });

  it('the first message that says either decides; a refusal word wins within one message', () => {
    expect(replyVerdict(['手机号 138****8000 与逛逛号注册手机号不一致'])).toBe('failure');
    expect(replyVerdict(['手机号 138****8000 与逛逛号注册手机号不一致', '邀请已发送'])).toBe('failure');
    // The list reloading after the invite and failing is about the list, not the invite.
    expect(replyVerdict(['邀请已发送，等待对方接受', '系统繁忙，请稍后再试：加载失败'])).toBe('success');
    expect(replyVerdict(['已复制', '提交失败'])).toBe('failure');
    expect(replyVerdict(['提交成功率过低，提交失败'])).toBe('failure');
    expect(replyVerdict(['请先点击「校验」，校验通过后再提交'])).toBe('failure');
    expect(replyVerdict(['矩阵账号数量已达上限'])).toBe('failure');
    expect(replyVerdict(['FAIL_SYS_SESSION_EXPIRED::SESSION失效'])).toBe('failure');
  });

  it('anything else (a tip, a copy notice, nothing) tells nothing', () => {
    expect(replyVerdict([])).toBe('unknown');
    expect(replyVerdict(['被邀请的逛逛号需在淘宝App中接受邀请'])).toBe('unknown');
    expect(replyVerdict(['已复制'])).toBe('unknown');
  });
});
