import { useEffect, useState } from 'react';
import { DIALOG_GUIDES, NOTICE_GUIDES, PAGE_GUIDES } from '@/utils/guides/pages';
import { effectivePage, type TabState } from '@/utils/tab-state';
import { Bilingual } from './Bilingual';
import { CheckCard } from './CheckCard';

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
  const report = effectivePage(state);
  const left = useLeft(state?.leftAt);
  if (!ready) return <section className="card" aria-busy="true" />;
  if (left) {
    return (
      <section className="card" data-testid="page-card" data-page="left" aria-live="polite">
        <Bilingual as="h2" text={{ zh: '已离开光合平台', en: 'You left 光合平台' }} />
        <Bilingual
          text={{
            zh: '这个标签页已不在光合平台（例如被转到了淘宝登录页：登录已失效）。登录后会回到光合平台，助手会接着工作。助手不会在登录页上运行。',
            en: 'This tab is no longer on 光合平台 (for example it was sent to the Taobao login page because the session expired). Log in and you will be sent back; the assistant carries on. It never runs on login pages.',
          }}
        />
      </section>
    );
  }
  if (!report) {
    return (
      <section className="card" data-testid="page-card" data-page="none">
        <Bilingual as="h2" text={{ zh: '请打开光合平台页面', en: 'Open a 光合平台 page' }} />
        <Bilingual
          text={{
            zh: '在 guanghe.taobao.com 打开任意页面，助手会识别你所在的步骤。若被转到淘宝登录页，登录后回来即可（助手不会在登录页运行）。',
            en: 'Open any page on guanghe.taobao.com and the assistant recognises your step. If you were sent to the Taobao login page, log in and come back (the assistant never runs on login pages).',
          }}
        />
      </section>
    );
  }
  const guide = PAGE_GUIDES[report.page] ?? PAGE_GUIDES.unknown;
  const account = state?.account;
  return (
    <>
      <section className="card" data-testid="page-card" data-page={report.page} aria-live="polite">
        <div className="eyebrow">当前页面 · Current page</div>
        <Bilingual as="h2" text={guide.title} />
        <Bilingual text={guide.step} />
        {report.dialogs.map((d) => (
          <div key={d} className="dialog-note" data-dialog={d}>
            <Bilingual text={DIALOG_GUIDES[d]} />
          </div>
        ))}
        {report.notices.map((n) => (
          <div key={n} className="notice" role="status" data-notice={n}>
            <Bilingual text={NOTICE_GUIDES[n]} />
          </div>
        ))}
        {account && (
          <p className="account" data-testid="page-account">
            登录账号 · Logged in: <strong>{account.nickname ?? '—'}</strong>
            {account.guangguangId && <span> （逛逛号 {account.guangguangId}）</span>}
          </p>
        )}
        {!account && state?.accountUnconfirmed && (
          <p className="account unconfirmed" data-testid="page-account-unconfirmed">
            刚重新登录，还不能确认登录的是哪个账号：打开创作者首页即可确认。
            <span className="en">
              {' '}
              Just logged in again: open the creator home so the assistant can see which account it is.
            </span>
          </p>
        )}
      </section>
      {state?.error && (
        <section className="card error" role="alert" data-testid="panel-error">
          <Bilingual text={state.error} />
        </section>
      )}
      {state?.lastCheck && <CheckCard check={state.lastCheck} />}
    </>
  );
}
