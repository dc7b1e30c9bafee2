import { lazy, Suspense, useId, useRef, useState } from 'react';
import { both } from '@/utils/i18n';
import { useCommand } from './command';
import { useLedgerHeader } from './header';
import { errorText } from './error-text';
import { StatusLine } from './Status';
import { useI18n } from '../hooks/useI18n';

// Shown only after a click on 新建工作区: loaded then, not with the panel.
const CreateWorkspaceForm = lazy(() =>
  import('./CreateWorkspaceForm').then((m) => ({ default: m.CreateWorkspaceForm })),
);

/**
 * Compact workspace picker for the panel header: a native select (keyboard-usable as is) of the
 * workspaces, and "新建工作区" which opens the create form below it. Follows the selection live,
 * including when the background switches it because the page's account belongs to another workspace.
 */
export function WorkspaceSwitcher() {
  const id = useId();
  const { t } = useI18n();
  const { value, error } = useLedgerHeader();
  const [creating, setCreating] = useState(false);
  const selectRef = useRef<HTMLSelectElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const { busy, status, run, setStatus } = useCommand();

  const workspaces = value?.workspaces ?? [];
  // Institutions (机构, agency staff) are workspaces too: their roster shows in 台账.
  const institutions = value?.institutions ?? [];
  const selectedId =
    workspaces.find((w) => w.workspace.id === value?.settings.selectedWorkspaceId)?.workspace.id ??
    institutions.find((i) => i.id === value?.settings.selectedWorkspaceId)?.id ??
    null;
  const count = workspaces.length + institutions.length;

  const select = async (workspaceId: string) => {
    if (!workspaceId) return;
    const name =
      workspaces.find((w) => w.workspace.id === workspaceId)?.workspace.name ??
      institutions.find((i) => i.id === workspaceId)?.name ??
      '';
    await run({ op: 'selectWorkspace', workspaceId }, both('ws.switched', { name }));
  };

  return (
    <div className="lswitcher" data-testid="workspace-switcher" data-selected={selectedId ?? ''}>
      <div className="lswitcher-row">
        <label htmlFor={`${id}-ws`} className="lswitcher-label">
          {t('ws.label')}
        </label>
        <select
          ref={selectRef}
          id={`${id}-ws`}
          value={selectedId ?? ''}
          disabled={!value || busy || !count}
          onChange={(e) => void select(e.target.value)}
          data-testid="workspace-select"
        >
          {!selectedId ? (
            <option value="" disabled={count > 0}>
              {t(count ? 'ws.choose' : 'ws.none')}
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
          {institutions.length ? (
            <optgroup label={t('ws.institutions')}>
              {institutions.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </optgroup>
          ) : null}
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
