import { useState } from 'react';
import { effectivePage } from '@/utils/tab-state';
import { sendMessage } from '@/utils/messaging';
import type { SpotlightTarget } from '@/utils/guides/matrix';
import { useTabState } from './hooks/useTabState';
import { PageCard } from './PageCard';
import { Tabs } from './Tabs';
import { LoginGuide } from './LoginGuide';
import { MatrixChecklist } from './MatrixChecklist';

type TabId = 'now' | 'ledger' | 'guides';

const MATRIX_PAGES = new Set(['matrix', 'matrix-works', 'matrix-not-whitelisted', 'creator-home']);

export function App() {
  const { state, ready } = useTabState();
  const [tab, setTab] = useState<TabId>('now');
  const report = effectivePage(state);
  const progress = {
    whitelisted: 'unknown' as const,
    accounts: 0,
    pending: 0,
    accepted: 0,
    grantedProxy: 0,
    grantedProducts: 0,
    unbound: 0,
  };
  const spotlight = (target: SpotlightTarget) => {
    if (state)
      sendMessage('page:spotlight', target, { tabId: state.tabId, frameId: 0 }).catch(() => undefined);
  };
  const checklist = (
    <MatrixChecklist
      progress={progress}
      page={report?.page}
      dialogs={report?.dialogs ?? []}
      onSpotlight={spotlight}
    />
  );
  return (
    <main className="app">
      <header className="top">
        <h1>
          光合助手 <span className="en">Guanghe Assistant</span>
        </h1>
      </header>
      <Tabs<TabId>
        tabs={[
          { id: 'now', label: '当前 · Now' },
          { id: 'ledger', label: '台账 · Ledger' },
          { id: 'guides', label: '指引 · Guides' },
        ]}
        active={tab}
        onChange={setTab}
      />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'now' && (
          <>
            <PageCard state={state} ready={ready} />
            {report && MATRIX_PAGES.has(report.page) && checklist}
            {report?.page === 'portal' && <LoginGuide onSpotlight={spotlight} />}
          </>
        )}
        {tab === 'guides' && (
          <>
            <LoginGuide onSpotlight={report?.page === 'portal' ? spotlight : undefined} />
            {checklist}
          </>
        )}
        {tab === 'ledger' && <p className="card">台账 · Ledger</p>}
      </div>
    </main>
  );
}
