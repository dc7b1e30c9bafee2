import { useState } from 'react';
import { checkSubmission, emptyContext } from '@/utils/rules';
import type { AccountRow } from '@/utils/ledger';
import { Bilingual } from './Bilingual';

/** The email a matrix account sends to unbind: the rule catalogue writes it, so text and rule agree. */
function unbindEmail(
  main: AccountRow | null,
  guangguangId: string,
  reason: string,
): { zh: string; en: string } | null {
  const ctx = {
    ...emptyContext(Date.now()),
    workspace: main ? { guangguangId: main.guangguangId, nickname: main.nickname } : null,
  };
  const f = checkSubmission({ kind: 'unbind', by: 'matrix', guangguangId, reason }, ctx).find(
    (x) => x.ruleId === 'unbind.matrix-by-email',
  );
  return f ? f.message : null;
}

export function Helpers({ main }: { main: AccountRow | null }) {
  const [gg, setGg] = useState('');
  const [reason, setReason] = useState('');
  const [copied, setCopied] = useState<'' | 'ok' | 'failed'>('');
  const email = unbindEmail(main, gg.trim(), reason);
  const copy = () => {
    if (!email) return;
    navigator.clipboard
      .writeText(`${email.zh}\n\n${email.en}`)
      .then(() => setCopied('ok'))
      .catch(() => setCopied('failed'));
  };
  return (
    <>
      <section className="card" data-testid="helper-unbind-email" aria-labelledby="unbind-email-title">
        <h2 id="unbind-email-title" className="bi">
          <span>矩阵账号申请解绑（邮件）</span>
          <span className="en">Unbind request by email (matrix side)</span>
        </h2>
        <Bilingual
          text={{
            zh: '矩阵账号不能在页面上自己解绑，需要发邮件申请。填好下面两项，复制这封邮件。',
            en: 'A matrix account cannot unbind on the page; it applies by email. Fill in the two fields and copy the email.',
          }}
        />
        <label className="field">
          <span>矩阵账号逛逛号 · Matrix 逛逛号</span>
          <input value={gg} onChange={(e) => setGg(e.target.value)} inputMode="numeric" />
        </label>
        <label className="field">
          <span>解绑原因 · Reason</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {email && (
          <pre className="email" data-testid="unbind-email-text">
            {email.zh}
            {'\n\n'}
            {email.en}
          </pre>
        )}
        <button type="button" onClick={copy} disabled={!email}>
          复制邮件 · Copy
        </button>
        <span role="status" className="copied">
          {copied === 'ok'
            ? '已复制 · Copied'
            : copied === 'failed'
              ? '复制失败，请手动选择文字 · Copy failed: select the text'
              : ''}
        </span>
      </section>
      <section className="card" data-testid="helper-zhongcao">
        <Bilingual
          as="h2"
          text={{ zh: '和达人谈商单？走种草任务', en: 'A paid deal with a creator? Use 种草任务' }}
        />
        <Bilingual
          text={{
            zh: '矩阵账号只用于和你有合作关系或归你所有的账号，不支持达人商单。和达人的商业合作请走种草任务渠道。',
            en: 'Matrix accounts are for accounts you work with or own, not for paid creator deals. Commercial deals with creators go through 种草任务.',
          }}
        />
      </section>
      <section className="card" data-testid="helper-find-id">
        <Bilingual as="h2" text={{ zh: '怎么找到逛逛号', en: 'Finding a 逛逛号' }} />
        <Bilingual
          text={{
            zh: '登录光合平台 → 点右上角头像 → 设置 → 我的逛逛号。邀请时还需要这个逛逛号的注册手机号。',
            en: 'Log in to 光合平台 → click the avatar → 设置 → 我的逛逛号. To invite, you also need the phone that 逛逛号 was registered with.',
          }}
        />
      </section>
    </>
  );
}
