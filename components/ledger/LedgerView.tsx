/**
 * The 台账 tab: the selected workspace's matrix accounts (virtualised list with search and filters),
 * the pending queue, binding detail with timeline and legal actions, add by hand, settings and
 * export / import. Reads the ledger with liveQuery (so it follows the background, including an
 * automatic workspace switch); writes only through `ledger:command`.
 */
import '@/utils/i18n/ledger';
import { Msg } from '../Msg';
import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useI18n } from '../hooks/useI18n';
import { listAccounts, type AccountView, type WorkspaceSummary } from '@/utils/ledger/queries';
import {
  getPendingQueue,
  listAccountWindow,
  listInstitutions,
  type InstitutionSummary,
} from '@/utils/ledger/tab-queries';
import type { LedgerSettings } from '@/utils/ledger/types';
import { AccountList, EMPTY_FILTER, type ListFilter } from './AccountList';
import { BackupPanel, useImportInProgress } from './BackupPanel';
import { useCommand } from './command';
import { CreateWorkspaceForm } from './CreateWorkspaceForm';
import { ledgerDb } from './db';
import type { HeaderState } from './header';
import { errorText, identityLabel } from './format';
import { useLiveQuery, useNow, useWhitelisted } from './hooks';
import { PendingQueue } from './PendingQueue';
import { SettingsPanel } from './SettingsPanel';
import { StatusLine } from './Status';
import { useStorageItem } from '../hooks/useStorageItem';
import { sharingStatusItem } from '@/utils/storage-items';
import { sendMessage } from '@/utils/messaging';
import { chunk, useChunk } from '../hooks/useChunk';

// Both carry the rule catalogue (with its phone-number metadata): the list renders first, and they
// load when the user opens the add form or a binding.
const AddAccountForm = lazy(() => import('./AddAccountForm').then((m) => ({ default: m.AddAccountForm })));
const BindingDetail = lazy(() => import('./BindingDetail').then((m) => ({ default: m.BindingDetail })));
// An institution's roster (agency staff): its chunk loads when such a workspace is selected, started
// by the read that finds it (`loadTop`) so that it loads beside the rest of that render.
const rosterChunk = chunk(() => import('./RosterView'));
// Team sharing (off by default): loaded when its section is first opened.
const SharingSection = lazy(() => import('./SharingSection').then((m) => ({ default: m.SharingSection })));
const JoinForm = lazy(() => import('./SharingSection').then((m) => ({ default: m.JoinForm })));
const pending = (
  <p className="card" aria-busy="true">
    <Msg k="ledger.loadingPart" />
  </p>
);

const loadInstitutions = () => listInstitutions(ledgerDb());

/**
 * The workspaces and the selection come from the page's shared header query; the institutions'
 * roster counts (for the chooser and the roster view) are read only when the ledger has any.
 */
function useTop(header: HeaderState) {
  const hasInstitutions = (header.value?.institutions.length ?? 0) > 0;
  const inst = useLiveQuery(hasInstitutions ? loadInstitutions : null);
  const selectedId = header.value?.settings.selectedWorkspaceId ?? null;
  const rosterSelected = header.value?.institutions.some((i) => i.id === selectedId) ?? false;
  // Started by the read that finds an institution selected, so that the roster's chunk loads
  // beside its counts. A failure is the view's to show.
  if (rosterSelected) void rosterChunk.load().catch(() => undefined);
  const error = header.error ?? (hasInstitutions ? inst.error : undefined);
  if (!header.value || error) return { value: undefined, error };
  const institutions = hasInstitutions ? (inst.value ?? inst.stale) : [];
  const shopSelected = header.value.workspaces.some((w) => w.workspace.id === selectedId);
  // The institutions are needed for the chooser and the roster, not for a selected shop's ledger.
  if (!institutions && !shopSelected) return { value: undefined, error };
  if (rosterSelected && !institutions?.some((i) => i.institution.id === selectedId))
    return { value: undefined, error };
  return {
    value: {
      workspaces: header.value.workspaces,
      institutions: institutions ?? [],
      settings: header.value.settings,
    },
    error,
  };
}

/** `header`: the page's shared header query (components/ledger/header.ts), from the App. */
export function LedgerView({ header }: { header: HeaderState }) {
  const { value, error } = useTop(header);
  if (error) {
    return (
      <div className="card error" role="alert" data-testid="ledger-view" data-state="error">
        <p>
          <Msg k="ledger.readFailed" />
        </p>
        <code>{errorText(error)}</code>
      </div>
    );
  }
  if (!value) {
    return (
      <div className="card" aria-busy="true" data-testid="ledger-view" data-state="loading">
        <Msg k="ledger.loading" />
      </div>
    );
  }
  const { workspaces, institutions, settings } = value;
  const institution = institutions.find((i) => i.institution.id === settings.selectedWorkspaceId);
  if (institution) return <Roster key={institution.institution.id} summary={institution} />;
  if (!workspaces.length && !institutions.length) return <NoWorkspace />;
  const selected = workspaces.find((w) => w.workspace.id === settings.selectedWorkspaceId);
  if (!selected) return <ChooseWorkspace workspaces={workspaces} institutions={institutions} />;
  return <WorkspaceLedger key={selected.workspace.id} summary={selected} settings={settings} />;
}

/** The roster view once its chunk is in (the loading card until then, its error if it fails). */
function Roster({ summary }: { summary: InstitutionSummary }) {
  const { module, error } = useChunk(rosterChunk);
  if (module) return <module.RosterView summary={summary} />;
  if (error)
    return (
      <div className="card error" role="alert" data-testid="ledger-view" data-state="error">
        <p>
          <Msg k="ledger.readFailed" />
        </p>
        <code>{errorText(error)}</code>
      </div>
    );
  return pending;
}

/** 团队共享: closed by default; its code loads only once it is opened. */
function SharingDetails({ workspaceId }: { workspaceId: string | null }) {
  const [opened, setOpened] = useState(false);
  const statuses = useStorageItem(sharingStatusItem) as Record<string, { state?: unknown }> | undefined;
  const removed = Object.entries(statuses ?? {}).filter(([, s]) => s?.state === 'removed');
  return (
    <>
      {removed.map(([id]) => (
        <div className="card error" role="alert" key={id} data-testid="sharing-removed">
          <p>
            <Msg k="sharing.state.removed" />
          </p>
          <button
            type="button"
            onClick={() =>
              void sendMessage('sharing:command', { op: 'leave', workspaceId: id }).catch(() => undefined)
            }
          >
            <Msg k="sharing.dismiss" />
          </button>
        </div>
      ))}
      <details
        className="card"
        data-testid="sharing-section"
        onToggle={(e) => e.currentTarget.open && setOpened(true)}
      >
        <summary>
          <Msg k="sharing.title" />
        </summary>
        {opened ? (
          <Suspense fallback={pending}>
            {workspaceId ? <SharingSection workspaceId={workspaceId} /> : <JoinForm />}
          </Suspense>
        ) : null}
      </details>
    </>
  );
}

/** The backup section; opens by itself when an import started elsewhere is still on screen. */
function BackupDetails({ workspaceId, title }: { workspaceId: string | null; title: 'restore' | 'backup' }) {
  const importing = useImportInProgress();
  // Initial value only: afterwards the user opens and closes it.
  const [open] = useState(importing);
  return (
    <details className="card" open={open} data-testid="backup-section">
      <summary>
        {title === 'restore' ? (
          <>
            <Msg k="ledger.restore" />
          </>
        ) : (
          <>
            <Msg k="ledger.backup" />
          </>
        )}
      </summary>
      <BackupPanel workspaceId={workspaceId} />
    </details>
  );
}

function NoWorkspace() {
  const id = useId();
  return (
    <div className="ledger" data-testid="ledger-view" data-state="no-workspace">
      <section className="card lempty-state" aria-labelledby={`${id}-h`} data-testid="empty-no-workspace">
        <h2 id={`${id}-h`}>
          <Msg k="ledger.noWorkspace" />
        </h2>
        <p>
          <Msg k="ledger.workspaceIntro" />
        </p>
        <p>
          <Msg k="ledger.createByHand" />
        </p>
        <CreateWorkspaceForm />
      </section>
      <BackupDetails workspaceId={null} title="restore" />
      <SharingDetails workspaceId={null} />
    </div>
  );
}

function ChooseWorkspace({
  workspaces,
  institutions,
}: {
  workspaces: readonly WorkspaceSummary[];
  institutions: readonly InstitutionSummary[];
}) {
  const id = useId();
  const { t } = useI18n();
  const { busy, status, run } = useCommand();
  return (
    <div className="ledger" data-testid="ledger-view" data-state="choose-workspace">
      <section className="card" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>
          <Msg k="ledger.chooseWorkspace" />
        </h2>
        <ul className="lws-list">
          {workspaces.map((w) => (
            <li key={w.workspace.id}>
              <button
                type="button"
                disabled={busy}
                onClick={() => void run({ op: 'selectWorkspace', workspaceId: w.workspace.id })}
                data-testid="choose-workspace"
              >
                {w.workspace.name}
                <span className="sub">
                  {w.mainAccount
                    ? t('ledger.chooseMain', {
                        nickname: w.mainAccount.nickname,
                        id: w.mainAccount.guangguangId,
                      })
                    : ''}
                  {t('ledger.matrixCount', { n: w.matrixCount })}
                </span>
              </button>
            </li>
          ))}
          {institutions.map((i) => (
            <li key={i.institution.id}>
              <button
                type="button"
                disabled={busy}
                onClick={() => void run({ op: 'selectWorkspace', workspaceId: i.institution.id })}
                data-testid="choose-workspace"
              >
                {i.institution.name}
                <span className="sub">{t('ledger.institutionCount', { n: i.counts.total })}</span>
              </button>
            </li>
          ))}
        </ul>
        <StatusLine status={status} testId="choose-status" />
      </section>
      <BackupDetails workspaceId={null} title="backup" />
      <SharingDetails workspaceId={null} />
    </div>
  );
}

type Memory = { scrollTop: number; activeKey: string | null };
const NONE: AccountView[] = [];

function WorkspaceLedger({ summary, settings }: { summary: WorkspaceSummary; settings: LedgerSettings }) {
  const id = useId();
  const { t, p } = useI18n();
  const wsId = summary.workspace.id;
  const now = useNow(60_000);
  // First the rows the list shows first (and the count), then, once they are painted, every account
  // (search, filters, the forms' duplicate checks); the window's query ends once the whole list is in.
  const [wantAll, setWantAll] = useState(false);
  const allQuery = useCallback(() => listAccounts(ledgerDb(), wsId), [wsId]);
  const accountsQ = useLiveQuery(wantAll ? allQuery : null);
  const all = accountsQ.value ?? accountsQ.stale;
  const windowQuery = useCallback(() => listAccountWindow(ledgerDb(), wsId), [wsId]);
  const windowQ = useLiveQuery(all ? null : windowQuery);
  const shownFirst = windowQ.value !== undefined || windowQ.error !== undefined;
  useEffect(() => {
    if (!shownFirst || wantAll) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setWantAll(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [shownFirst, wantAll]);
  const pendingQ = useLiveQuery(useCallback(() => getPendingQueue(ledgerDb(), wsId, Date.now()), [wsId]));
  const [openId, setOpenId] = useState<string | null>(null);
  const [filter, setFilter] = useState<ListFilter>(EMPTY_FILTER);
  const [addOpen, setAddOpen] = useState(false);
  const memory = useRef<Memory>({ scrollTop: 0, activeKey: null });
  const returnFocus = useRef<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const views = all ?? NONE;
  const allMatrix = useMemo(() => all?.filter((v) => v.account.role === 'matrix'), [all]);
  const matrix = allMatrix ?? windowQ.value?.views ?? NONE;
  const total = allMatrix?.length ?? windowQ.value?.total ?? 0;
  const main = summary.mainAccount;
  const whitelisted = useWhitelisted(main?.guangguangId);

  const open = (accountId: string, from: 'list' | 'pending') => {
    returnFocus.current = from === 'list' ? 'list' : accountId;
    setOpenId(accountId);
  };
  const close = useCallback(() => setOpenId(null), []);

  // Detail closed: focus goes back to where it was opened from.
  useEffect(() => {
    if (openId !== null || returnFocus.current === null) return;
    const target = returnFocus.current;
    returnFocus.current = null;
    const el =
      target === 'list'
        ? root.current?.querySelector<HTMLElement>('[role="listbox"]')
        : root.current?.querySelector<HTMLElement>(`button[data-account-id="${CSS.escape(target)}"]`);
    (el ?? root.current?.querySelector<HTMLElement>('h2'))?.focus();
  }, [openId]);

  if (openId) {
    return (
      <div className="ledger" ref={root} data-testid="ledger-view" data-state="detail" data-workspace={wsId}>
        {all ? (
          <Suspense fallback={pending}>
            <BindingDetail
              workspaceId={wsId}
              accountId={openId}
              views={views}
              whitelisted={whitelisted}
              now={now}
              onClose={close}
            />
          </Suspense>
        ) : (
          pending
        )}
      </div>
    );
  }

  const loading = all === undefined && windowQ.value === undefined;
  return (
    <div className="ledger" ref={root} data-testid="ledger-view" data-state="workspace" data-workspace={wsId}>
      <section className="card lws" aria-labelledby={`${id}-ws`} data-testid="workspace-summary">
        <h2 id={`${id}-ws`} tabIndex={-1}>
          {summary.workspace.name}
          <span className="sub">
            {t('ledger.main', {
              main: main
                ? t('ledger.mainAccount', { nickname: main.nickname || '—', id: main.guangguangId })
                : '—',
            })}
            {main?.identity ? ` · ${p(identityLabel(main.identity))}` : ''}
          </span>
        </h2>
        <p className="lcounts">
          {t('ledger.counts', {
            matrix: summary.matrixCount,
            bound: summary.acceptedCount,
            pending: summary.pendingInvites,
            requested: summary.requestedPermissions,
          })}
        </p>
      </section>

      <PendingQueue
        items={pendingQ.value ?? pendingQ.stale ?? []}
        now={now}
        thresholdDays={settings.staleThresholdDays}
        onOpen={(accountId) => open(accountId, 'pending')}
      />

      <details
        className="card"
        open={addOpen}
        onToggle={(e) => setAddOpen(e.currentTarget.open)}
        data-testid="add-account"
      >
        <summary>
          <Msg k="ledger.addAccount" />
        </summary>
        {addOpen &&
          (all ? (
            <Suspense fallback={pending}>
              <AddAccountForm workspaceId={wsId} views={views} whitelisted={whitelisted} />
            </Suspense>
          ) : (
            pending
          ))}
      </details>

      {loading ? (
        <p className="card" aria-busy="true">
          <Msg k="ledger.loadingAccounts" />
        </p>
      ) : total ? (
        <AccountList
          views={matrix}
          total={total}
          complete={allMatrix !== undefined}
          filter={filter}
          onFilter={setFilter}
          onOpen={(accountId) => open(accountId, 'list')}
          memory={memory}
        />
      ) : (
        <section className="card lempty-state" data-testid="empty-no-accounts" aria-labelledby={`${id}-none`}>
          <h2 id={`${id}-none`}>
            <Msg k="ledger.noAccounts" />
          </h2>
          <ol>
            <li>{t('ledger.howToInvite')}</li>
            <li>
              {t('ledger.invitedElsewhere')}{' '}
              <button type="button" className="link" onClick={() => setAddOpen(true)} data-testid="empty-add">
                <Msg k="ledger.addByHand" />
              </button>
            </li>
          </ol>
        </section>
      )}

      <details className="card" data-testid="settings-section">
        <summary>
          <Msg k="ledger.settings" />
        </summary>
        <SettingsPanel settings={settings} />
      </details>

      <BackupDetails workspaceId={wsId} title="backup" />
      <SharingDetails workspaceId={wsId} />
    </div>
  );
}
