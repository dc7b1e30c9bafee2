import { useId } from 'react';
import type { Finding, Severity } from '@/utils/rules';
import type { CommandError } from './command';
import type { Bi } from './format';

const SEVERITY: Record<Severity, Bi> = {
  block: { zh: '拦截', en: 'blocked' },
  warn: { zh: '提醒', en: 'warning' },
  info: { zh: '提示', en: 'note' },
};

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
 * Every finding of the rule catalogue, block → warn → info, each with its Chinese message first and
 * the English beneath. With warnings, a checkbox asks for an explicit confirmation.
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
  if (!findings.length) return null;
  const warns = findings.some((f) => f.severity === 'warn');
  const blocks = findings.some((f) => f.severity === 'block');
  return (
    <div className="lfindings" data-testid={testId}>
      <ul aria-label="检查结果 · Check results">
        {findings.map((f, i) => (
          <li
            key={`${f.ruleId}-${i}`}
            className={`lfinding sev-${f.severity}`}
            data-rule={f.ruleId}
            data-severity={f.severity}
          >
            <span className="lfinding-sev">
              {SEVERITY[f.severity].zh} · {SEVERITY[f.severity].en}
            </span>
            <span lang="zh-CN">{f.message.zh}</span>
            <span lang="en" className="en">
              {f.message.en}
            </span>
          </li>
        ))}
      </ul>
      {blocks ? (
        <p className="lnote sev-block" data-testid={`${testId}-blocked`}>
          有「拦截」项，不能继续，请先修改；没有保存任何内容。
          <span className="en">Fix the blocked items first; nothing was saved.</span>
        </p>
      ) : warns ? (
        <label className="lcheck" htmlFor={id}>
          <input id={id} type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} />
          <span>
            我已核对以上提醒，仍要继续
            <span className="en">I have checked the warnings above and want to continue</span>
          </span>
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
        ? {
            code: 'blocked',
            zh: '检查未通过（见上方「拦截」项），没有保存。',
            en: 'The check found blocking problems (see above); nothing was saved.',
            issues: [],
          }
        : {
            code: 'confirm',
            zh: '有提醒需要确认：请先勾选「我已核对以上提醒」。',
            en: 'There are warnings: tick “I have checked the warnings” first.',
            issues: [],
          },
  };
}
