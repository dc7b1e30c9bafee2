import type { CheckRecord } from '@/utils/tab-state';
import { useI18n } from './hooks/useI18n';

export function CheckCard({ check }: { check: CheckRecord }) {
  const { t, p } = useI18n();
  return (
    <section
      className={`card check ${check.verdict}`}
      data-testid="last-check"
      data-verdict={check.verdict}
      data-outcome={check.outcome ?? ''}
    >
      <div className="eyebrow">{t('check.eyebrow')}</div>
      <h3>{t(`check.verdict.${check.verdict}`)}</h3>
      {check.outcome && <p>{t(`check.outcome.${check.outcome}`)}</p>}
      {check.reply?.length ? (
        <div className="reply" data-testid="platform-reply">
          <div className="eyebrow">{t('check.reply')}</div>
          <ul>
            {check.reply.map((t, i) => (
              <li key={i} lang="zh-CN" translate="no">
                {t}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {check.findings.length > 0 && (
        <ul className="findings">
          {check.findings.map((f, i) => (
            <li key={`${f.ruleId}-${i}`} className={`sev-${f.severity}`} data-rule={f.ruleId}>
              <span>{p(f.message)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
