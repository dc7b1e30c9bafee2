import { lazy, Suspense, useCallback, useId, useRef, useState } from 'react';
import { both } from '@/utils/i18n';
import { getSettings, listWorkspaces } from '@/utils/ledger/queries';
import { useCommand } from './command';
import { ledgerDb } from './db';
import { useLiveQuery } from './hooks';
import { errorText } from './error-text';
import { StatusLine } from './Status';
import { useI18n } from '../hooks/useI18n';

// Shown only after a click on 新建工作区: loaded then, not with the panel.
const CreateWorkspaceForm = lazy(() =>
  import('./CreateWorkspaceForm').then((m) => ({ default: m.CreateWorkspaceForm })),
);

const loadSwitcher = async () => {
  const db = ledgerDb();
  const [workspaces, settings] = await Promise.all([listWorkspaces(db), getSettings(db)]);
  return { workspaces, selectedId: settings.selectedWorkspaceId };
};

/**
 * Compact workspace picker for the panel header: a native select (keyboard-usable as is) of the
 * workspaces, and "新建工作区" which opens the create form below it. Follows the selection live,
 * including when the background switches it because the page's account belongs to another workspace.
 */
export function WorkspaceSwitcher() {
  const id = useId();
  const { t } = useI18n();
  const { value, error } = useLiveQuery(useCallback(loadSwitcher, []));
  const [creating, setCreating] = useState(false);
  const selectRef = useRef<HTMLSelectElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const { busy, status, run, setStatus } = useCommand();

  const workspaces = value?.workspaces ?? [];
  const selected = workspaces.find((w) => w.workspace.id === value?.selectedId) ?? null;

  const select = async (workspaceId: string) => {
    if (!workspaceId) return;
    const ws = workspaces.find((w) => w.workspace.id === workspaceId);
    await run(
      { op: 'selectWorkspace', workspaceId },
      both('ws.switched', { name: ws?.workspace.name ?? '' }),
    );
  };

  return (
    <div className="lswitcher" data-testid="workspace-switcher" data-selected={selected?.workspace.id ?? ''}>
      <div className="lswitcher-row">
        <label htmlFor={`${id}-ws`} className="lswitcher-label">
          {t('ws.label')}
        </label>
        <select
          ref={selectRef}
          id={`${id}-ws`}
          value={selected?.workspace.id ?? ''}
          disabled={!value || busy || !workspaces.length}
          onChange={(e) => void select(e.target.value)}
          data-testid="workspace-select"
        >
          {!selected ? (
            <option value="" disabled={workspaces.length > 0}>
              {t(workspaces.length ? 'ws.choose' : 'ws.none')}
            </option>
          ) : null}
          {workspaces.map((w) => {
            const waiting = w.pendingInvites + w.requestedPermissions;
            const main = w.mainAccount?.nickname || w.mainAccount?.guangguangId;
            return (
              <option key={w.workspace.id} value={w.workspace.id}>
                {w.workspace.name}
                {main && main !== w.workspace.name ? t('ws.main', { main }) : ''}
                {waiting ? t('ws.waiting', { n: waiting }) : ''}
              </option>
            );
          })}
        </select>
        <button
          ref={toggleRef}
          type="button"
          aria-expanded={creating}
          aria-controls={`${id}-create`}
          onClick={() => {
            setStatus(null);
            setCreating((c) => !c);
          }}
          data-testid="workspace-new"
        >
          {t('ws.new')}
        </button>
      </div>
      {error ? (
        <p role="alert" className="sev-block">
          {t('ws.readFailed', { error: errorText(error) })}
        </p>
      ) : null}
      <div id={`${id}-create`} hidden={!creating}>
        {creating ? (
          <Suspense fallback={null}>
            <CreateWorkspaceForm
              autoFocus
              onCancel={() => {
                setCreating(false);
                toggleRef.current?.focus();
              }}
              onDone={() => {
                setCreating(false);
                // The select is enabled again once the new workspace shows up in it.
                requestAnimationFrame(() => selectRef.current?.focus());
                setStatus({
                  kind: 'ok',
                  text: both('ws.created'),
                });
              }}
            />
          </Suspense>
        ) : null}
      </div>
      <StatusLine status={status} testId="switcher-status" />
    </div>
  );
}
