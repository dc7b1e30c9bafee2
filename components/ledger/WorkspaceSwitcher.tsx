import { lazy, Suspense, useCallback, useId, useRef, useState } from 'react';
import { getSettings, listWorkspaces } from '@/utils/ledger/queries';
import { useCommand } from './command';
import { ledgerDb } from './db';
import { useLiveQuery } from './hooks';
import { errorText } from './format';
import { StatusLine } from './Status';

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
      { zh: `已切换到「${ws?.workspace.name ?? ''}」`, en: `Switched to "${ws?.workspace.name ?? ''}"` },
    );
  };

  return (
    <div className="lswitcher" data-testid="workspace-switcher" data-selected={selected?.workspace.id ?? ''}>
      <div className="lswitcher-row">
        <label htmlFor={`${id}-ws`} className="lswitcher-label">
          工作区 <span className="en">Workspace</span>
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
              {workspaces.length ? '— 请选择 · choose —' : '还没有工作区 · none yet'}
            </option>
          ) : null}
          {workspaces.map((w) => {
            const waiting = w.pendingInvites + w.requestedPermissions;
            const main = w.mainAccount?.nickname || w.mainAccount?.guangguangId;
            return (
              <option key={w.workspace.id} value={w.workspace.id}>
                {w.workspace.name}
                {main && main !== w.workspace.name ? `（${main}）` : ''}
                {waiting ? ` · ${waiting} 待处理` : ''}
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
          新建工作区 <span className="visually-hidden">· New workspace</span>
        </button>
      </div>
      {error ? (
        <p role="alert" className="sev-block">
          读取工作区失败 <span className="en">Could not read workspaces: {errorText(error)}</span>
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
                  text: { zh: '已创建并切换到新工作区', en: 'New workspace created and selected' },
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
