import '@/utils/i18n/ledger';
import { useState } from 'react';
import { checkSubmission, emptyContext } from '@/utils/rules';
import type { AccountRow } from '@/utils/ledger';
import { useI18n } from './hooks/useI18n';

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
  const { t, p } = useI18n();
  const [gg, setGg] = useState('');
  const [reason, setReason] = useState('');
  const [copied, setCopied] = useState<'' | 'ok' | 'failed'>('');
  const email = unbindEmail(main, gg.trim(), reason);
  const copy = () => {
    if (!email) return;
    navigator.clipboard
      .writeText(p(email))
      .then(() => setCopied('ok'))
      .catch(() => setCopied('failed'));
  };
  return (
    <>
      <section className="card" data-testid="helper-unbind-email" aria-labelledby="unbind-email-title">
        <h2 id="unbind-email-title">{t('helper.email.title')}</h2>
        <p>{t('helper.email.body')}</p>
        <label className="field">
          <span>{t('helper.email.gg')}</span>
          <input value={gg} onChange={(e) => setGg(e.target.value)} inputMode="numeric" />
        </label>
        <label className="field">
          <span>{t('helper.email.reason')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {email && (
          <pre className="email" data-testid="unbind-email-text">
            {p(email)}
          </pre>
        )}
        <button type="button" onClick={copy} disabled={!email}>
          {t('helper.email.copy')}
        </button>
        <span role="status" className="copied">
          {copied === 'ok'
            ? t('helper.email.copied')
            : copied === 'failed'
              ? t('helper.email.copyFailed')
              : ''}
        </span>
      </section>
      <section className="card" data-testid="helper-zhongcao">
        <h2>{t('helper.zhongcao.title')}</h2>
        <p>{t('helper.zhongcao.body')}</p>
      </section>
      <section className="card" data-testid="helper-find-id">
        <h2>{t('helper.findId.title')}</h2>
        <p>{t('helper.findId.body')}</p>
      </section>
    </>
  );
}
