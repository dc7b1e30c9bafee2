import { checklist, type MatrixProgress, type SpotlightTarget } from '@/utils/guides/matrix';
import type { DialogId, PageId } from '@/utils/pages/types';
import { Bilingual } from './Bilingual';

const STATUS = {
  done: '✓ 已完成 · done',
  current: '→ 当前 · now',
  todo: '待办 · to do',
  blocked: '✗ 受阻 · blocked',
} as const;

export function MatrixChecklist({
  progress,
  page,
  dialogs,
  onSpotlight,
}: {
  progress: MatrixProgress;
  page: PageId | undefined;
  dialogs: readonly DialogId[];
  onSpotlight?: (target: SpotlightTarget) => void;
}) {
  const steps = checklist(progress, page, dialogs);
  return (
    <section className="card" data-testid="matrix-checklist" aria-labelledby="matrix-title">
      <h2 id="matrix-title" className="bi">
        <span>矩阵账号流程</span>
        <span className="en">Matrix account workflow</span>
      </h2>
      <ol className="steps">
        {steps.map(({ step, status }) => (
          <li
            key={step.id}
            className={`step ${status}`}
            data-step={step.id}
            data-status={status}
            aria-current={status === 'current' ? 'step' : undefined}
          >
            <div className="step-head">
              <Bilingual as="span" text={step.title} />
              <span className="chip">{STATUS[status]}</span>
            </div>
            {(status === 'current' || status === 'blocked') && <Bilingual text={step.how} />}
            {status === 'current' && step.spotlight && onSpotlight && (
              <button type="button" className="link" onClick={() => onSpotlight(step.spotlight!)}>
                在页面上指给我看 · Show me on the page
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
