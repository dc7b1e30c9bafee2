import '@/utils/i18n/ledger';
import type { EventRow } from '@/utils/ledger/types';
import { Msg } from '../Msg';
import { useI18n } from '../hooks/useI18n';
import { describeEvent, localTime, relativeAge, sourceLabel } from './format';

/** Events newest first: what changed, from → to, when (local time + age), source, reason. */
export function Timeline({
  events,
  now,
  labelledBy,
}: {
  events: readonly EventRow[];
  now: number;
  labelledBy: string;
}) {
  const { t, p } = useI18n();
  if (!events.length) {
    return (
      <p className="lempty">
        <Msg k="timeline.empty" />
      </p>
    );
  }
  return (
    <ol className="ltimeline" aria-labelledby={labelledBy} data-testid="timeline">
      {events.map((e) => {
        const d = describeEvent(e);
        const age = relativeAge(e.at, now);
        const src = sourceLabel(e.source);
        return (
          <li
            key={e.id}
            className="ltl-event"
            data-testid="timeline-event"
            data-entity={e.entityType}
            data-scope={e.scope ?? undefined}
            data-action={e.action}
            data-from={e.from ?? undefined}
            data-to={e.to ?? undefined}
            data-cause={e.cause ?? undefined}
          >
            <div className="ltl-what">
              <strong>{p(d.what)}</strong>
              {d.from || d.to ? (
                <span className="ltl-change">
                  {d.from ? (
                    <>
                      <span>{p(d.from)}</span> <span aria-label={t('timeline.to')}>→</span>{' '}
                    </>
                  ) : null}
                  <span>{d.to ? p(d.to) : null}</span>
                </span>
              ) : null}
              {d.jump ? (
                <span className="lchip" data-tone="wait">
                  <Msg k="timeline.jump" />
                </span>
              ) : null}
            </div>
            <div className="ltl-meta">
              <time dateTime={new Date(e.at).toISOString()}>{localTime(e.at)}</time>
              <span>
                {' · '}
                {p(age)}
              </span>
              <span className="ltl-source" data-source={e.source}>
                {' · '}
                {p(src)}
              </span>
            </div>
            {d.cause ? <div className="ltl-reason">{p(d.cause)}</div> : null}
            {e.reason ? (
              <div className="ltl-reason">
                {t('timeline.reason')}
                <q>{e.reason}</q>
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
