import '@/utils/i18n/ledger';
import { useId } from 'react';
import { both } from '@/utils/i18n';
import type { Finding, Severity } from '@/utils/rules';
import type { CommandError } from './command';
import { useI18n } from '../hooks/useI18n';

const SEVERITY = { block: 'sev.block', warn: 'sev.warn', info: 'sev.info' } as const satisfies Record<
  Severity,
  string
>;

/** Whether a form may be sent: no `block` finding, and every `warn` explicitly confirmed. */
export function gate(findings: readonly Finding[], warnConfirmed: boolean): 'ok' | 'blocked' | 'confirm' {
  if (findings.some((f) => f.severity === 'block')) return 'blocked';
  if (findings.some((f) => f.severity === 'warn') && !warnConfirmed) return 'confirm';
  return 'ok';
}

/** Key of the warnings shown, so a confirmation is asked again when they change. */
export const warnKey = (findings: readonly Finding[]) =>
  findings
    .filter((f) => f.severity === 'warn')
    .map((f) => f.ruleId)
    .join('|');

/**
 * Every finding of the rule catalogue, block → warn → info, each in the chosen language. With warnings, a checkbox asks for an explicit confirmation.
 */
export function FindingsList({
  findings,
  confirmed,
  onConfirm,
  testId = 'findings',
}: {
  findings: readonly Finding[];
  confirmed: boolean;
  onConfirm: (v: boolean) => void;
  testId?: string;
}) {
  const id = useId();
  const { t, p } = useI18n();
  if (!findings.length) return null;
  const warns = findings.some((f) => f.severity === 'warn');
  const blocks = findings.some((f) => f.severity === 'block');
  return (
    <div className="lfindings" data-testid={testId}>
      <ul aria-label={t('findings.label')}>
        {findings.map((f, i) => (
          <li
            key={`${f.ruleId}-${i}`}
            className={`lfinding sev-${f.severity}`}
            data-rule={f.ruleId}
            data-severity={f.severity}
          >
            <span className="lfinding-sev">{t(SEVERITY[f.severity])}</span>
            <span>{p(f.message)}</span>
          </li>
        ))}
      </ul>
      {blocks ? (
        <p className="lnote sev-block" data-testid={`${testId}-blocked`}>
          {t('findings.blocked')}
        </p>
      ) : warns ? (
        <label className="lcheck" htmlFor={id}>
          <input id={id} type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} />
          <span>{t('findings.confirm')}</span>
        </label>
      ) : null}
    </div>
  );
}

/** The inline message when a send is refused by the findings (for the form's live region). */
export function gateMessage(verdict: 'blocked' | 'confirm'): { kind: 'error'; error: CommandError } {
  return {
    kind: 'error',
    error:
      verdict === 'blocked'
        ? { code: 'blocked', ...both('gate.blocked'), issues: [] }
        : { code: 'confirm', ...both('gate.confirm'), issues: [] },
  };
}
