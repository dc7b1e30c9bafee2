import { checklist, type MatrixProgress, type SpotlightTarget } from '@/utils/guides/matrix';
import type { DialogId, PageId } from '@/utils/pages/types';
import { useI18n } from './hooks/useI18n';

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
  const { t, p } = useI18n();
  const steps = checklist(progress, page, dialogs);
  return (
    <section className="card" data-testid="matrix-checklist" aria-labelledby="matrix-title">
      <h2 id="matrix-title">{t('matrix.title')}</h2>
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
              <span>{p(step.title)}</span>
              <span className="chip">{t(`matrix.status.${status}`)}</span>
            </div>
            {(status === 'current' || status === 'blocked') && <p>{p(step.how)}</p>}
            {status === 'current' && step.spotlight && onSpotlight && (
              <button type="button" className="link" onClick={() => onSpotlight(step.spotlight!)}>
                {t('matrix.showMe')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
