import '@/utils/i18n/ledger';
import { useI18n } from '../hooks/useI18n';
import { useId, useState } from 'react';
import { both, translate } from '@/utils/i18n';
import { Msg } from '../Msg';
import type { PendingItem } from '@/utils/ledger/tab-queries';
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
  const { t, p } = useI18n();
  const [limit, setLimit] = useState(PAGE);
  const staleCount = items.filter((i) => isStale(i.since, now, thresholdDays)).length;
  return (
    <section className="card lpending" aria-labelledby={`${id}-h`} data-testid="pending-queue">
      <h2 id={`${id}-h`}>
        <Msg k="pending.title" />
      </h2>
      {items.length ? (
        <>
          <p className="hint" data-testid="pending-summary">
            {staleCount
              ? t('pending.summaryStale', { n: items.length, stale: staleCount, days: thresholdDays })
              : t('pending.summary', { n: items.length })}
          </p>
          <ul className="lpending-list" aria-labelledby={`${id}-h`}>
            {items.slice(0, limit).map((item) => {
              const stale = isStale(item.since, now, thresholdDays);
              const age = relativeAge(item.since, now);
              const what =
                item.kind === 'invite'
                  ? both('pending.invite')
                  : {
                      zh: translate('zh', 'pending.permission', {
                        scope: item.scope ? scopeLabel(item.scope).zh : '',
                      }),
                      en: translate('en', 'pending.permission', {
                        scope: item.scope ? scopeLabel(item.scope).en : '',
                      }),
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
                      <span className="row-gg">{t('row.gg', { id: item.guangguangId })}</span>
                    </span>
                    <span className="lpending-what">{p(what)}</span>
                    <span className="lpending-age">
                      {stale ? <strong className="lstale-tag">{t('pending.overdue')}</strong> : null}{' '}
                      <time dateTime={new Date(item.since).toISOString()} title={localTime(item.since)}>
                        {p(age)}
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
              {t('pending.more', { n: Math.min(50, items.length - limit), total: items.length })}
            </button>
          ) : null}
        </>
      ) : (
        <p className="lempty" data-testid="pending-empty">
          <Msg k="pending.empty" />
        </p>
      )}
    </section>
  );
}
