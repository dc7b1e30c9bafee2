import type { EventRow } from '@/utils/ledger/types';
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
  if (!events.length) {
    return (
      <p className="lempty">
        还没有记录。 <span className="en">Nothing recorded yet.</span>
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
              <strong>{d.what.zh}</strong>
              {d.from || d.to ? (
                <span className="ltl-change">
                  {d.from ? (
                    <>
                      <span>{d.from.zh}</span> <span aria-label="变为 · to">→</span>{' '}
                    </>
                  ) : null}
                  <span>{d.to?.zh}</span>
                </span>
              ) : null}
              {d.jump ? (
                <span className="lchip" data-tone="wait">
                  页面跳变 · jump
                </span>
              ) : null}
            </div>
            <div className="en">
              {d.what.en}
              {d.from || d.to ? `: ${d.from ? `${d.from.en} → ` : ''}${d.to?.en ?? ''}` : ''}
            </div>
            <div className="ltl-meta">
              <time dateTime={new Date(e.at).toISOString()}>{localTime(e.at)}</time>
              <span>
                {' · '}
                {age.zh} · {age.en}
              </span>
              <span className="ltl-source" data-source={e.source}>
                {' · '}
                {src.zh} · {src.en}
              </span>
            </div>
            {d.cause ? (
              <div className="ltl-reason">
                {d.cause.zh} <span className="en">{d.cause.en}</span>
              </div>
            ) : null}
            {e.reason ? (
              <div className="ltl-reason">
                原因 · Reason: <q>{e.reason}</q>
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
