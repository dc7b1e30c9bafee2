import type { CheckRecord } from '@/utils/tab-state';
import type { Finding } from '@/utils/rules';
import { useI18n } from './hooks/useI18n';

/** Findings by batch item: the whole submit's first, then item 1, 2, … (one group when no items). */
function byItem(findings: readonly Finding[]): { item?: Finding['item']; list: Finding[] }[] {
  const groups = new Map<number, { item?: Finding['item']; list: Finding[] }>();
  for (const f of findings) {
    const key = f.item?.index ?? 0;
    const g = groups.get(key) ?? { ...(f.item ? { item: f.item } : {}), list: [] };
    g.list.push(f);
    groups.set(key, g);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, g]) => g);
}

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
      {byItem(check.findings).map((g) => (
        <div key={g.item?.index ?? 0} data-testid="check-group" data-item={g.item?.index ?? ''}>
          {g.item && (
            <h4 className="eyebrow">
              {g.item.name.trim()
                ? t('check.item', { n: g.item.index, name: g.item.name.trim() })
                : t('check.itemUntitled', { n: g.item.index })}
            </h4>
          )}
          <ul className="findings">
            {g.list.map((f, i) => (
              <li key={`${f.ruleId}-${i}`} className={`sev-${f.severity}`} data-rule={f.ruleId}>
                <span>{p(f.message)}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
