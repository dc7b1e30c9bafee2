/**
 * A creator's recent pre-submit checks in the roster view (an institution's 台账): the checks of the
 * background's log (storage.local `checkLog`) that name this creator's 逛逛号 — publishing for them,
 * a batch publish, unbinding them, on the institution platform. Newest first: the verdict, what was
 * checked, the rules that spoke, what the user did, when. Entries written before the log named
 * creators name none and are never shown here.
 */
import '@/utils/i18n/ledger';
import { useId } from 'react';
import { sameGuangguangId } from '@/utils/rules/guangguang-id';
import { checkLogItem } from '@/utils/storage-items';
import type { CheckLogEntry } from '@/utils/tab-state';
import { CheckLine } from '../RecentChecks';
import { useI18n } from '../hooks/useI18n';
import { useStorageItem } from '../hooks/useStorageItem';

export const CREATOR_CHECKS_SHOWN = 10;

/** The log's checks for `guangguangId`, newest first, at most `max`; none for a creator without one. */
export function checksFor(
  log: unknown,
  guangguangId: string | null | undefined,
  max = CREATOR_CHECKS_SHOWN,
): CheckLogEntry[] {
  if (!guangguangId || !Array.isArray(log)) return [];
  const out: CheckLogEntry[] = [];
  for (let i = log.length - 1; i >= 0 && out.length < max; i--) {
    const e = log[i] as Partial<CheckLogEntry> | null;
    if (
      typeof e?.creator === 'string' &&
      typeof e.checkId === 'string' &&
      Array.isArray(e.ruleIds) &&
      sameGuangguangId(e.creator, guangguangId)
    )
      out.push(e as CheckLogEntry);
  }
  return out;
}

export function CreatorChecksList({ checks }: { checks: readonly CheckLogEntry[] }) {
  const id = useId();
  const { t } = useI18n();
  return (
    <section aria-labelledby={`${id}-h`} data-testid="creator-checks" data-n={checks.length}>
      <h4 id={`${id}-h`}>{t('roster.checks')}</h4>
      {checks.length === 0 ? (
        <p className="hint" data-testid="creator-checks-none">
          {t('roster.noChecks')}
        </p>
      ) : (
        <ul className="recent" role="list">
          {checks.map((e) => (
            <li
              key={e.checkId}
              data-testid="creator-check"
              data-kind={e.kind}
              data-verdict={e.verdict}
              data-outcome={e.outcome ?? ''}
            >
              <CheckLine e={e} dated />
              {e.ruleIds.length ? (
                <span className="muted" data-testid="creator-check-rules">
                  {' '}
                  · {t('roster.checkRules', { ids: e.ruleIds.join(t('list.sep')) })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The recent checks of the creator with this 逛逛号, kept up to date with the log. */
export function CreatorChecks({ guangguangId }: { guangguangId: string | null }) {
  const log = useStorageItem(checkLogItem);
  return <CreatorChecksList checks={checksFor(log, guangguangId)} />;
}
