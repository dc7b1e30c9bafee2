import type { CheckRecord } from '@/utils/tab-state';
import { Bilingual } from './Bilingual';

const VERDICT = {
  allow: { zh: '检查通过，已提交', en: 'Check passed, submitted' },
  warn: { zh: '有需要确认的提醒', en: 'Warnings to confirm' },
  block: { zh: '已拦截：请先修改', en: 'Held: fix first' },
} as const;

const OUTCOME = {
  released: { zh: '已放行提交', en: 'Submit let through' },
  continued: { zh: '已确认后继续提交', en: 'Continued after confirming' },
  cancelled: { zh: '已返回修改', en: 'Back to editing' },
  'failed-open': { zh: '检查出错，已直接放行', en: 'Check failed; submit let through' },
} as const;

export function CheckCard({ check }: { check: CheckRecord }) {
  return (
    <section
      className={`card check ${check.verdict}`}
      data-testid="last-check"
      data-verdict={check.verdict}
      data-outcome={check.outcome ?? ''}
    >
      <div className="eyebrow">提交前检查 · Pre-submit check</div>
      <Bilingual as="h3" text={VERDICT[check.verdict]} />
      {check.outcome && <Bilingual text={OUTCOME[check.outcome]} />}
      {check.reply?.length ? (
        <div className="reply" data-testid="platform-reply">
          <div className="eyebrow">平台回复 · The platform said</div>
          <ul>
            {check.reply.map((t, i) => (
              <li key={i} lang="zh-CN">
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
              <Bilingual as="span" text={f.message} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
