import { useId, useState } from 'react';
import type { PendingItem } from '@/utils/ledger/queries';
import { isStale } from '@/utils/ledger/reminders';
import { localTime, relativeAge, scopeLabel } from './format';

/** Items shown at first; the rest on request (the queue can hold hundreds after an import). */
const PAGE = 20;

/**
 * Pending invites and requested permissions, oldest first, with their age. Items waiting more than
 * the threshold are marked stale (with text, not only colour).
 */
export function PendingQueue({
  items,
  now,
  thresholdDays,
  onOpen,
}: {
  items: readonly PendingItem[];
  now: number;
  thresholdDays: number;
  onOpen: (accountId: string) => void;
}) {
  const id = useId();
  const [limit, setLimit] = useState(PAGE);
  const staleCount = items.filter((i) => isStale(i.since, now, thresholdDays)).length;
  return (
    <section className="card lpending" aria-labelledby={`${id}-h`} data-testid="pending-queue">
      <h2 id={`${id}-h`}>
        待处理 <span className="en">Waiting for the other side</span>
      </h2>
      {items.length ? (
        <>
          <p className="hint" data-testid="pending-summary">
            {items.length} 项等待中{staleCount ? `，其中 ${staleCount} 项超过 ${thresholdDays} 天` : ''}
            （最早的在前）
            <span className="en">
              {items.length} waiting{staleCount ? `, ${staleCount} for more than ${thresholdDays} days` : ''}{' '}
              (oldest first)
            </span>
          </p>
          <ul className="lpending-list" aria-labelledby={`${id}-h`}>
            {items.slice(0, limit).map((item) => {
              const stale = isStale(item.since, now, thresholdDays);
              const age = relativeAge(item.since, now);
              const what =
                item.kind === 'invite'
                  ? { zh: '绑定邀请待接受', en: 'invite waiting' }
                  : {
                      zh: `${item.scope ? scopeLabel(item.scope).zh : ''} 权限申请中`,
                      en: `${item.scope ? scopeLabel(item.scope).en : ''} permission requested`,
                    };
              return (
                <li
                  key={`${item.kind}-${item.id}`}
                  className={`lpending-item${stale ? ' stale' : ''}`}
                  data-testid="pending-item"
                  data-kind={item.kind}
                  data-gg={item.guangguangId}
                  data-scope={item.scope ?? undefined}
                  data-stale={stale ? 'true' : 'false'}
                >
                  <button
                    type="button"
                    className="lpending-open"
                    onClick={() => onOpen(item.accountId)}
                    data-account-id={item.accountId}
                  >
                    <span className="row-line">
                      <span className="row-name">{item.nickname || item.guangguangId}</span>
                      <span className="row-gg">逛逛号 {item.guangguangId}</span>
                    </span>
                    <span className="lpending-what">
                      {what.zh} <span className="en">{what.en}</span>
                    </span>
                    <span className="lpending-age">
                      {stale ? <strong className="lstale-tag">超时 · overdue</strong> : null}{' '}
                      <time dateTime={new Date(item.since).toISOString()} title={localTime(item.since)}>
                        {age.zh} · {age.en}
                      </time>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          {items.length > limit ? (
            <button
              type="button"
              className="link"
              onClick={() => setLimit((l) => l + 50)}
              data-testid="pending-more"
            >
              再显示 {Math.min(50, items.length - limit)} 项（共 {items.length} 项）
              <span className="en">
                Show {Math.min(50, items.length - limit)} more (of {items.length})
              </span>
            </button>
          ) : null}
        </>
      ) : (
        <p className="lempty" data-testid="pending-empty">
          没有等待中的邀请或权限申请。
          <span className="en">Nothing is waiting: no pending invite, no requested permission.</span>
        </p>
      )}
    </section>
  );
}
