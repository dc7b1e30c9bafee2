import { SUBMIT_KINDS } from '@/utils/platform/anchors';
import { checkLogItem } from '@/utils/storage-items';
import { SUBMIT_OUTCOMES } from '@/utils/submit-types';
import type { CheckLogEntry } from '@/utils/tab-state';
import type { MessageKey } from '@/utils/i18n';
import { useStorageItem } from './hooks/useStorageItem';
import { useI18n } from './hooks/useI18n';

const KINDS = new Set<string>(SUBMIT_KINDS);
const OUTCOMES = new Set<string>(SUBMIT_OUTCOMES);

const SHOWN = 8;

/** The last few pre-submit checks, newest first, from the background's persistent log. */
export function RecentChecks() {
  const { t } = useI18n();
  const stored = useStorageItem(checkLogItem);
  const log = Array.isArray(stored) ? (stored as CheckLogEntry[]) : [];
  if (log.length === 0) return null;
  const recent = log.slice(-SHOWN).reverse();
  return (
    <section className="card" aria-labelledby="recent-checks-title" data-testid="recent-checks">
      <h2 id="recent-checks-title">{t('recent.title')}</h2>
      <ul className="recent" role="list">
        {recent.map((e) => (
          <li
            key={e.checkId}
            data-testid="recent-check"
            data-kind={e.kind}
            data-verdict={e.verdict}
            data-outcome={e.outcome ?? ''}
          >
            <CheckLine e={e} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * One check of the log as a line: the verdict, what was checked, what the user did, their reason,
 * what the platform answered, the time (with the day when `dated`). Also the lines of a creator's
 * recent checks (the roster view).
 */
export function CheckLine({ e, dated = false }: { e: CheckLogEntry; dated?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <>
      <span className={`chip sev-${e.verdict === 'allow' ? 'info' : e.verdict}`}>
        {t(
          e.verdict === 'block'
            ? 'recent.verdict.block'
            : e.verdict === 'warn'
              ? 'recent.verdict.warn'
              : 'recent.verdict.allow',
        )}
      </span>{' '}
      {KINDS.has(e.kind) ? t(`recent.kind.${e.kind}` as MessageKey & `recent.kind.${string}`) : e.kind}
      {e.outcome && (
        <span className="muted">
          {' '}
          → {OUTCOMES.has(e.outcome) ? t(`recent.outcome.${e.outcome}`) : e.outcome}
        </span>
      )}
      {e.reason && <span className="reason"> {t('recent.reason', { reason: e.reason })}</span>}
      {e.reply?.length ? (
        <span className="muted" data-testid="recent-check-reply">
          {' '}
          · {t('recent.platform', { texts: e.reply.join(t('list.sep')) })}
        </span>
      ) : null}
      <time className="muted" dateTime={new Date(e.at).toISOString()}>
        {' '}
        {new Date(e.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', {
          ...(dated ? { month: 'short', day: 'numeric' } : {}),
          hour: '2-digit',
          minute: '2-digit',
        })}
      </time>
    </>
  );
}
