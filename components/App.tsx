import { lazy, Suspense, useEffect, useState } from 'react';
import { effectivePage } from '@/utils/tab-state';
import { sendMessage } from '@/utils/messaging';
import type { SpotlightTarget } from '@/utils/guides/matrix';
import { useTabState } from './hooks/useTabState';
import { useWorkspaceStatus } from './hooks/useWorkspaceStatus';
import { PageCard } from './PageCard';
import { Tabs } from './Tabs';
import { LoginGuide } from './LoginGuide';
import { MatrixChecklist } from './MatrixChecklist';
import { RecentChecks } from './RecentChecks';
import { WorkspaceSwitcher } from './ledger/WorkspaceSwitcher';
import { useLedgerHeader } from './ledger/header';

// The ledger views and the helpers carry the rule catalogue (with its phone-number metadata): they load
// when their tab is opened, so the panel's first paint only needs the "now" view.
// The ledger is not behind `lazy`: see useChunk (React's fallback throttle held its first screen back).
const ledgerChunk = chunk(() => import('./ledger/LedgerView'));
const Helpers = lazy(() => import('./Helpers').then((m) => ({ default: m.Helpers })));

import { runCommand } from './ledger/command';
import { useI18n } from './hooks/useI18n';
import { LanguageSelect } from './LanguageSelect';
import { chunk, useChunk } from './hooks/useChunk';
import { errorText } from './ledger/error-text';

function Loading() {
  const { t } = useI18n();
  return (
    <section className="card" aria-busy="true">
      {t('app.loading')}
    </section>
  );
}
const loading = <Loading />;

/** The 台账 tab's view once its chunk is in: the loading card until then, what failed if it fails. */
function Ledger() {
  const { t } = useI18n();
  const { module, error } = useChunk(ledgerChunk);
  const header = useLedgerHeader();
  if (module) return <module.LedgerView header={header} />;
  if (error)
    return (
      <section className="card error" role="alert" data-testid="ledger-load-failed">
        {t('app.loadFailed', { error: errorText(error) })}
      </section>
    );
  return loading;
}

type TabId = 'now' | 'ledger' | 'guides';

const MATRIX_PAGES = new Set(['matrix', 'matrix-works', 'matrix-not-whitelisted', 'creator-home']);

export function App() {
  const { t } = useI18n();
  const { state, ready } = useTabState();
  const [tab, setTab] = useState<TabId>('now');
  const [ledgerOpened, setLedgerOpened] = useState(false);
  if (tab === 'ledger' && !ledgerOpened) setLedgerOpened(true);
  // Once the first screen is painted and the panel is idle, the 台账 tab's code is fetched, so that
  // opening the tab waits for its data only (bench panel.first-render); never before the first paint
  // (its budget counts the startup JavaScript only). A failed fetch is the tab's to report.
  useEffect(() => {
    const id = requestIdleCallback(() => void ledgerChunk.load().catch(() => 0), { timeout: 1e3 });
    return () => cancelIdleCallback(id);
  }, []);
  const report = effectivePage(state);
  const checklistShown = tab === 'guides' || (tab === 'now' && !!report && MATRIX_PAGES.has(report.page));
  const status = useWorkspaceStatus(state?.account, checklistShown);
  const spotlight = (target: SpotlightTarget) => {
    if (state)
      sendMessage('page:spotlight', target, { tabId: state.tabId, frameId: 0 }).catch(() => undefined);
  };
  const checklist = (
    <MatrixChecklist
      progress={status.progress}
      page={report?.page}
      dialogs={report?.dialogs ?? []}
      onSpotlight={spotlight}
    />
  );
  return (
    <main className="app">
      <header className="top">
        <h1>{t('app.title')}</h1>
        <LanguageSelect />
        <WorkspaceSwitcher />
      </header>
      {status.mismatch && (
        <section className="card notice-bar" role="alert" data-testid="account-mismatch">
          <p>
            {t('app.mismatch', {
              page: state?.account?.nickname ?? state?.account?.guangguangId ?? '',
              workspace: status.main?.nickname || status.main?.guangguangId || '',
            })}
          </p>
          {status.pageWorkspace && (
            <button
              type="button"
              data-testid="switch-to-page-workspace"
              onClick={() =>
                void runCommand({ op: 'selectWorkspace', workspaceId: status.pageWorkspace!.id })
              }
            >
              {t('app.switchTo', { name: status.pageWorkspace.name })}
            </button>
          )}
        </section>
      )}
      <Tabs<TabId>
        tabs={[
          { id: 'now', label: t('tab.now') },
          { id: 'ledger', label: t('tab.ledger'), badge: status.pending },
          { id: 'guides', label: t('tab.guides') },
        ]}
        active={tab}
        onChange={setTab}
      />
      {tab !== 'ledger' && (
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
          {tab === 'now' && (
            <>
              <PageCard state={state} ready={ready} />
              {report && MATRIX_PAGES.has(report.page) && checklist}
              {report?.page === 'portal' && <LoginGuide onSpotlight={spotlight} />}
              <RecentChecks />
            </>
          )}
          {tab === 'guides' && (
            <>
              <LoginGuide onSpotlight={report?.page === 'portal' ? spotlight : undefined} />
              {checklist}
              <Suspense fallback={loading}>
                <Helpers main={status.main} />
              </Suspense>
            </>
          )}
        </div>
      )}
      {/* The ledger stays mounted once opened, only hidden: a half-filled form (say, one refused
          because the disk was full) survives a look at another tab. */}
      {ledgerOpened && (
        <div
          role="tabpanel"
          id="panel-ledger"
          aria-labelledby="tab-ledger"
          className="tabpanel"
          hidden={tab !== 'ledger'}
        >
          <Ledger />
        </div>
      )}
    </main>
  );
}
