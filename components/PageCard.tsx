import { lazy, Suspense, useEffect, useState } from 'react';
import { DIALOG_GUIDES, NOTICE_GUIDES, PAGE_GUIDES } from '@/utils/guides/pages';
import { effectivePage, guidedPage, type TabState } from '@/utils/tab-state';
import { useI18n } from './hooks/useI18n';
import { CheckCard } from './CheckCard';

// 复制页面结构 is for reports: it loads after the first paint (the panel's initial JS budget).
const PageOutline = lazy(() => import('./PageOutline').then((m) => ({ default: m.PageOutline })));

/** Where the user is on 光合平台, what this step is for, and what the last check said. */
/** A full page load also unloads the old page: wait this long before saying the user left 光合平台. */
const LEFT_GRACE_MS = 1000;

function useLeft(leftAt: number | undefined): boolean {
  const [left, setLeft] = useState(false);
  useEffect(() => {
    setLeft(false);
    if (!leftAt) return;
    const t = setTimeout(() => setLeft(true), Math.max(0, leftAt + LEFT_GRACE_MS - Date.now()));
    return () => clearTimeout(t);
  }, [leftAt]);
  return left;
}

export function PageCard({ state, ready }: { state: TabState | undefined; ready: boolean }) {
  const { t, p } = useI18n();
  const report = effectivePage(state);
  const left = useLeft(state?.leftAt);
  if (!ready) return <section className="card" aria-busy="true" />;
  if (left) {
    return (
      <section className="card" data-testid="page-card" data-page="left" aria-live="polite">
        <h2>{t('page.left.title')}</h2>
        <p>{t('page.left.body')}</p>
      </section>
    );
  }
  if (!report) {
    return (
      <section className="card" data-testid="page-card" data-page="none">
        <h2>{t('page.none.title')}</h2>
        <p>{t('page.none.body')}</p>
      </section>
    );
  }
  const page = guidedPage(state) ?? report.page;
  const guide = PAGE_GUIDES[page] ?? PAGE_GUIDES.unknown;
  const account = state?.account;
  return (
    <>
      <section
        className="card"
        data-testid="page-card"
        data-page={page}
        data-frame={state?.publishFrame?.page}
        aria-live="polite"
      >
        <div className="eyebrow">{t('page.current')}</div>
        <h2>{p(guide.title)}</h2>
        <p>{p(guide.step)}</p>
        {report.dialogs.map((d) => (
          <div key={d} className="dialog-note" data-dialog={d}>
            <p>{p(DIALOG_GUIDES[d])}</p>
          </div>
        ))}
        {report.notices.map((n) => (
          <div key={n} className="notice" role="status" data-notice={n}>
            <p>{p(NOTICE_GUIDES[n])}</p>
          </div>
        ))}
        {account && (
          <p className="account" data-testid="page-account">
            {t('page.account')}
            <strong translate="no">{account.nickname ?? '—'}</strong>
            {account.guangguangId && <span>{t('page.accountId', { id: account.guangguangId })}</span>}
          </p>
        )}
        {!account && state?.accountUnconfirmed && (
          <p className="account unconfirmed" data-testid="page-account-unconfirmed">
            {t('page.unconfirmed')}
          </p>
        )}
        {state && (
          <Suspense fallback={null}>
            <PageOutline tabId={state.tabId} />
          </Suspense>
        )}
      </section>
      {state?.error && (
        <section className="card error" role="alert" data-testid="panel-error">
          <p>{p(state.error)}</p>
        </section>
      )}
      {state?.lastCheck && <CheckCard check={state.lastCheck} />}
    </>
  );
}
