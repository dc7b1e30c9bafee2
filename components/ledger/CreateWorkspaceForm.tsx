import '@/utils/i18n/ledger';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { both } from '@/utils/i18n';
import { useI18n } from '../hooks/useI18n';
import { Msg } from '../Msg';
import { normalizeGuangguangId } from '@/utils/rules/guangguang-id';
import type { Identity } from '@/utils/ledger/types';
import { IDENTITIES } from '@/utils/ledger/types';
import { useCommand } from './command';
import { identityLabel } from './format';
import { StatusLine } from './Status';
import { Field } from './Field';

/**
 * Creates a workspace with its main account (name + main account nickname + 逛逛号 + identity), then
 * selects it. Used by the empty ledger and by the switcher's "新建工作区".
 */
export function CreateWorkspaceForm({
  onDone,
  onCancel,
  autoFocus,
}: {
  onDone?: (workspaceId: string) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const id = useId();
  const { t, p } = useI18n();
  const [name, setName] = useState('');
  const [nickname, setNickname] = useState('');
  const [gg, setGg] = useState('');
  const [identity, setIdentity] = useState<Identity | ''>('');
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, status, run } = useCommand();
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (autoFocus) first.current?.focus();
  }, [autoFocus]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const guangguangId = normalizeGuangguangId(gg);
    if (!name.trim() || !guangguangId) {
      setProblem(!name.trim() ? 'name' : 'gg');
      return;
    }
    setProblem(null);
    const out = await run(
      {
        op: 'createWorkspace',
        name: name.trim(),
        mainAccount: {
          guangguangId,
          nickname: nickname.trim(),
          ...(identity ? { identity } : {}),
        },
      },
      both('ws.createdNamed', { name: name.trim() }),
    );
    if (!out.ok) return;
    const wsId = out.value.workspace.id;
    const sel = await run(
      { op: 'selectWorkspace', workspaceId: wsId },
      both('ws.createdSelected', { name: name.trim() }),
    );
    if (!sel.ok) return;
    setName('');
    setNickname('');
    setGg('');
    setIdentity('');
    onDone?.(wsId);
  };

  return (
    <form
      className="lform"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onCancel) {
          e.preventDefault();
          onCancel();
        }
      }}
      data-testid="create-workspace-form"
      noValidate
    >
      <Field htmlFor={`${id}-name`} label={<Msg k="create.name" />}>
        <input
          ref={first}
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={100}
          aria-invalid={problem === 'name'}
          aria-describedby={problem === 'name' ? `${id}-name-err` : undefined}
          data-testid="ws-name"
        />
        {problem === 'name' ? (
          <span id={`${id}-name-err`} className="sev-block">
            <Msg k="create.nameMissing" />
          </span>
        ) : null}
      </Field>
      <Field htmlFor={`${id}-nick`} label={<Msg k="create.mainNickname" />}>
        <input
          id={`${id}-nick`}
          value={nickname}
          onChange={(e) => setNickname(e.target.value)}
          maxLength={100}
          data-testid="ws-main-nickname"
        />
      </Field>
      <Field htmlFor={`${id}-gg`} label={<Msg k="create.mainGg" />}>
        <input
          id={`${id}-gg`}
          value={gg}
          onChange={(e) => setGg(e.target.value)}
          required
          maxLength={64}
          autoComplete="off"
          aria-invalid={problem === 'gg'}
          aria-describedby={problem === 'gg' ? `${id}-gg-err` : `${id}-gg-hint`}
          data-testid="ws-main-gg"
        />
        <span id={`${id}-gg-hint`} className="hint">
          <Msg k="create.ggHint" />
        </span>
        {problem === 'gg' ? (
          <span id={`${id}-gg-err`} className="sev-block">
            <Msg k="create.ggMissing" />
          </span>
        ) : null}
      </Field>
      <Field htmlFor={`${id}-identity`} label={<Msg k="create.mainIdentity" />}>
        <select
          id={`${id}-identity`}
          value={identity}
          onChange={(e) => setIdentity(e.target.value as Identity | '')}
          data-testid="ws-main-identity"
        >
          <option value="">{t('identity.unsure')}</option>
          {IDENTITIES.map((i) => (
            <option key={i} value={i}>
              {p(identityLabel(i))}
            </option>
          ))}
        </select>
      </Field>
      <div className="lactions">
        <button type="submit" className="primary" disabled={busy} data-testid="ws-create">
          <Msg k="create.submit" />
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            <Msg k="create.cancel" />
          </button>
        ) : null}
      </div>
      <StatusLine status={status} testId="ws-create-status" />
    </form>
  );
}
