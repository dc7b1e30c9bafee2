/**
 * One matrix account: its binding, permissions, the actions legal from the current states (from the
 * lifecycle tables), an edit form, and the timeline (binding, permission and account events, newest
 * first). Opens with focus on its heading; Escape or "返回" closes it.
 */
import '@/utils/i18n/ledger';
import { Msg } from '../Msg';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { both, bothWith } from '@/utils/i18n';
import { useI18n } from '../hooks/useI18n';
import {
  ACTIVE_PERMISSION_STATES,
  BINDING_MACHINE,
  PERMISSION_MACHINE,
  canTransition,
  findTransition,
  nextStates,
} from '@/utils/ledger/lifecycle';
import type { AccountView } from '@/utils/ledger/queries';
import { getBindingTimeline, getEntityHistory } from '@/utils/ledger/tab-queries';
import {
  PERMISSION_SCOPES,
  type AccountRow,
  type BindingRow,
  type BindingState,
  type EventRow,
  type PermissionRow,
  type PermissionScope,
  type PermissionState,
} from '@/utils/ledger/types';
import { checkSubmission, type Finding } from '@/utils/rules';
import { BindingChip, PermissionChip, UnconfirmedChip } from './Chip';
import { useCommand } from './command';
import { ledgerDb } from './db';
import { usePhoneHash } from './usePhoneHash';
import { FindingsList, gate, gateMessage, warnKey } from './Findings';
import {
  bindingLabel,
  errorText,
  joinBi,
  localTime,
  permissionLabel,
  relativeAge,
  scopeLabel,
  sourceLabel,
  type Bi,
} from './format';
import { useLiveQuery } from './hooks';
import { contextFromLedger, type Whitelisted } from './rules-context';
import { StatusLine } from './Status';
import { Timeline } from './Timeline';
import { Field } from './Field';

interface DetailData {
  account: AccountRow | undefined;
  binding: BindingRow | undefined;
  permissions: Partial<Record<PermissionScope, PermissionRow>>;
  events: EventRow[];
}

const newestFirst = (a: EventRow, b: EventRow) => b.at - a.at || b.seq - a.seq || (a.id < b.id ? 1 : -1);

async function loadDetail(workspaceId: string, accountId: string): Promise<DetailData> {
  const db = ledgerDb();
  const account = await db.accounts.get(accountId);
  const binding = await db.bindings
    .where('[workspaceId+matrixAccountId]')
    .equals([workspaceId, accountId])
    .first();
  const permissions: DetailData['permissions'] = {};
  let events: EventRow[] = await getEntityHistory(db, accountId);
  if (binding) {
    for (const p of await db.permissions.where('bindingId').equals(binding.id).toArray())
      permissions[p.scope] = p;
    const seen = new Set(events.map((e) => e.id));
    events = [...events, ...(await getBindingTimeline(db, binding.id)).filter((e) => !seen.has(e.id))];
  }
  events.sort(newestFirst);
  return { account, binding, permissions, events };
}

const UNBIND: BindingState = 'unbound';

export function BindingDetail({
  workspaceId,
  accountId,
  views,
  whitelisted = 'unknown',
  now,
  onClose,
}: {
  workspaceId: string;
  accountId: string;
  /** All accounts of the workspace, for the rule context. */
  views: readonly AccountView[];
  whitelisted?: Whitelisted;
  now: number;
  onClose: () => void;
}) {
  const id = useId();
  const i18n = useI18n();
  const query = useCallback(() => loadDetail(workspaceId, accountId), [workspaceId, accountId]);
  const { value: data, error } = useLiveQuery(query);
  const heading = useRef<HTMLHeadingElement>(null);
  const stateHeading = useRef<HTMLHeadingElement>(null);
  const { busy, status, run, clear } = useCommand();
  const [reason, setReason] = useState('');
  const [confirmUnbind, setConfirmUnbind] = useState(false);
  const [unbindConfirmedKey, setUnbindConfirmedKey] = useState<string | null>(null);
  const [scopes, setScopes] = useState<PermissionScope[]>([]);
  const [permConfirmedKey, setPermConfirmedKey] = useState<string | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);

  const loaded = data !== undefined;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);
  useEffect(() => {
    if (confirmUnbind) confirmHeading.current?.focus();
  }, [confirmUnbind]);

  const account = data?.account;
  const binding = data?.binding;
  const permissions = data?.permissions ?? {};

  const unbindButton = useRef<HTMLButtonElement>(null);
  const cancelUnbind = useCallback(() => {
    setConfirmUnbind(false);
    // The confirmation (and the focus in it) goes away: back to the button that opened it.
    requestAnimationFrame(() => unbindButton.current?.focus());
  }, []);

  // Escape: closes the unbind confirmation if open, else the detail. Listened on the document so it
  // works wherever the focus is (also after the focused control went away); a handler that already
  // used the key (e.g. a form with its own Escape) marks it with preventDefault.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || e.isComposing) return;
      e.preventDefault();
      if (confirmUnbind) cancelUnbind();
      else onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [confirmUnbind, cancelUnbind, onClose]);

  const afterAction = (ok: boolean) => {
    if (!ok) return;
    setReason('');
    stateHeading.current?.focus();
  };

  const stepBinding = async (to: BindingState) => {
    if (!binding) return;
    clear();
    const t = findTransition(BINDING_MACHINE, binding.state, to);
    const label = t ? { zh: t.zh, en: t.en } : bindingLabel(to);
    const out =
      to === UNBIND
        ? await run(
            { op: 'unbind', bindingId: binding.id, reason: reason.trim() || null },
            activePerms.length
              ? both('detail.unbound', { n: activePerms.length })
              : both('detail.unboundNone'),
          )
        : await run(
            { op: 'transitionBinding', bindingId: binding.id, to, reason: reason.trim() || null },
            bothWith('detail.recorded', (l) => ({ what: label[l], state: bindingLabel(to)[l] })),
          );
    if (out.ok) setConfirmUnbind(false);
    afterAction(out.ok);
  };

  const recordInvite = async (state: 'draft' | 'pending') => {
    if (!account) return;
    clear();
    const out = await run(
      { op: 'recordInvite', workspaceId, account: { guangguangId: account.guangguangId }, state },
      state === 'draft' ? both('detail.recordedDraft') : both('detail.recordedPending'),
    );
    afterAction(out.ok);
  };

  const stepPermission = async (p: PermissionRow, to: PermissionState) => {
    clear();
    const t = findTransition(PERMISSION_MACHINE, p.state, to);
    const s = scopeLabel(p.scope);
    const out = await run(
      { op: 'transitionPermission', permissionId: p.id, to, reason: reason.trim() || null },
      bothWith('detail.permissionStep', (l) => ({ scope: s[l], step: t?.[l] ?? to })),
    );
    afterAction(out.ok);
  };

  // ---- permission request, checked with the catalogue
  const accepted = binding?.state === 'accepted';
  const requestable = PERMISSION_SCOPES.filter((s) => {
    const p = permissions[s];
    return !p || canTransition(PERMISSION_MACHINE, p.state, 'requested');
  });
  const chosen = scopes.filter((s) => requestable.includes(s));
  const ctx = useMemo(() => contextFromLedger(views, now, whitelisted), [views, now, whitelisted]);
  const permFindings: Finding[] = useMemo(
    () =>
      account && chosen.length
        ? checkSubmission(
            { kind: 'permission-request', guangguangId: account.guangguangId, scopes: chosen },
            ctx,
          )
        : [],
    [account, chosen, ctx],
  );
  const permKey = warnKey(permFindings);
  const permGate = gate(permFindings, permConfirmedKey === permKey);
  const requestPermissions = async (e: FormEvent) => {
    e.preventDefault();
    if (!binding || !chosen.length || permGate !== 'ok') return;
    clear();
    const names = joinBi(chosen.map(scopeLabel));
    const out = await run(
      { op: 'requestPermission', bindingId: binding.id, scopes: chosen },
      bothWith('detail.permissionRecorded', (l) => ({ names: names[l] })),
    );
    if (out.ok) {
      setScopes([]);
      setPermConfirmedKey(null);
    }
    afterAction(out.ok);
  };

  // ---- unbind confirmation
  const activePerms = PERMISSION_SCOPES.map((s) => permissions[s]).filter(
    (p): p is PermissionRow => !!p && ACTIVE_PERMISSION_STATES.includes(p.state),
  );
  const unbindFindings: Finding[] = useMemo(
    () =>
      account && confirmUnbind
        ? checkSubmission({ kind: 'unbind', guangguangId: account.guangguangId, by: 'main' }, ctx)
        : [],
    [account, confirmUnbind, ctx],
  );
  const unbindKey = warnKey(unbindFindings);
  const unbindGate = gate(unbindFindings, unbindConfirmedKey === unbindKey);

  if (error) {
    return (
      <section className="card error" data-testid="binding-detail">
        <p role="alert">{i18n.t('detail.readFailed', { error: errorText(error) })}</p>
        <button type="button" onClick={onClose}>
          <Msg k="detail.back" />
        </button>
      </section>
    );
  }
  if (!data)
    return (
      <p className="card" aria-busy="true">
        <Msg k="detail.loading" />
      </p>
    );
  if (!account) {
    return (
      <section className="card" data-testid="binding-detail">
        <h2 ref={heading} tabIndex={-1}>
          <Msg k="detail.gone" />
        </h2>
        <button type="button" onClick={onClose}>
          <Msg k="detail.backToList" />
        </button>
      </section>
    );
  }

  const bindingSteps = binding ? nextStates(BINDING_MACHINE, binding.state) : [];
  const src = binding ? sourceLabel(binding.stateSource) : null;

  return (
    <section
      className="card ldetail"
      aria-labelledby={`${id}-h`}
      data-testid="binding-detail"
      data-gg={account.guangguangId}
      data-state={binding?.state ?? 'none'}
    >
      <button type="button" className="link" onClick={onClose} data-testid="detail-close">
        {i18n.t('detail.backToList')} <span className="visually-hidden">(Esc)</span>
      </button>
      <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {account.nickname || i18n.t('row.noNickname')}
        <span className="sub">{i18n.t('row.gg', { id: account.guangguangId })}</span>
      </h2>
      <dl className="lfacts">
        <dt>{i18n.t('detail.phone')}</dt>
        <dd data-testid="detail-phone">{account.phoneMask ?? i18n.t('detail.notRecorded')}</dd>
        {account.note ? (
          <>
            <dt>{i18n.t('detail.note')}</dt>
            <dd className="lnote-text">{account.note}</dd>
          </>
        ) : null}
        {binding?.invitedAt ? (
          <>
            <dt>{i18n.t('detail.invited')}</dt>
            <dd>
              <time dateTime={new Date(binding.invitedAt).toISOString()}>{localTime(binding.invitedAt)}</time>{' '}
              · {i18n.p(relativeAge(binding.invitedAt, now))}
            </dd>
          </>
        ) : null}
      </dl>

      <h3 id={`${id}-state`} ref={stateHeading} tabIndex={-1}>
        <Msg k="detail.binding" />
      </h3>
      <p className="lstate-line" data-testid="detail-binding-state" data-state={binding?.state ?? 'none'}>
        <BindingChip state={binding?.state ?? null} long />
        <UnconfirmedChip mark={binding?.unconfirmed} />
        {binding && src ? (
          <span className="hint">
            {localTime(binding.stateChangedAt)} · {i18n.p(src)}
          </span>
        ) : null}
      </p>

      <Field htmlFor={`${id}-reason`} label={<Msg k="detail.reason" />}>
        <input
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          data-testid="detail-reason"
        />
      </Field>

      {binding ? (
        bindingSteps.length ? (
          <div className="lactions" role="group" aria-labelledby={`${id}-state`}>
            {bindingSteps.map((to) => {
              const t = findTransition(BINDING_MACHINE, binding.state, to);
              const label: Bi = t ? { zh: t.zh, en: t.en } : bindingLabel(to);
              return (
                <button
                  key={to}
                  type="button"
                  disabled={busy}
                  className={to === UNBIND ? 'danger' : undefined}
                  ref={to === UNBIND ? unbindButton : undefined}
                  onClick={() => (to === UNBIND ? setConfirmUnbind(true) : void stepBinding(to))}
                  data-testid={`binding-to-${to}`}
                  aria-expanded={to === UNBIND ? confirmUnbind : undefined}
                >
                  {i18n.p(label)}
                  <span className="sub">{i18n.t('detail.becomes', { state: i18n.p(bindingLabel(to)) })}</span>
                </button>
              );
            })}
          </div>
        ) : null
      ) : (
        <div className="lactions" role="group" aria-labelledby={`${id}-state`}>
          <p className="hint">{i18n.t('detail.noInvite')}</p>
          <button
            type="button"
            disabled={busy}
            onClick={() => void recordInvite('pending')}
            data-testid="record-invite-pending"
          >
            <Msg k="detail.recordPending" />
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => void recordInvite('draft')}
            data-testid="record-invite-draft"
          >
            <Msg k="detail.recordDraft" />
          </button>
        </div>
      )}

      {confirmUnbind && binding ? (
        <div className="lconfirm" role="group" aria-labelledby={`${id}-confirm`} data-testid="unbind-confirm">
          <h4 id={`${id}-confirm`} ref={confirmHeading} tabIndex={-1}>
            {i18n.t('detail.confirmUnbind', { name: account.nickname || account.guangguangId })}
          </h4>
          {activePerms.length ? (
            <>
              <p>
                <Msg k="detail.willWithdraw" />
              </p>
              <ul data-testid="unbind-revokes">
                {activePerms.map((p) => (
                  <li key={p.id} data-scope={p.scope}>
                    {i18n.t('detail.revokes', {
                      scope: i18n.p(scopeLabel(p.scope)),
                      state: i18n.p(permissionLabel(p.state)),
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>
              <Msg k="detail.nothingToWithdraw" />
            </p>
          )}
          <FindingsList
            findings={unbindFindings}
            confirmed={unbindConfirmedKey === unbindKey}
            onConfirm={(v) => setUnbindConfirmedKey(v ? unbindKey : null)}
            testId="unbind-findings"
          />
          <div className="lactions">
            <button
              type="button"
              className="danger"
              disabled={busy || unbindGate !== 'ok'}
              onClick={() => void stepBinding(UNBIND)}
              data-testid="unbind-confirm-button"
            >
              <Msg k="detail.unbind" />
            </button>
            <button type="button" onClick={cancelUnbind}>
              <Msg k="detail.cancel" />
            </button>
          </div>
        </div>
      ) : null}

      <h3 id={`${id}-perms`}>
        <Msg k="detail.permissions" />
      </h3>
      <ul className="lperms" aria-labelledby={`${id}-perms`}>
        {PERMISSION_SCOPES.map((s) => {
          const p = permissions[s];
          const label = scopeLabel(s);
          const steps = p
            ? nextStates(PERMISSION_MACHINE, p.state).filter(
                (to) => to !== 'requested' && (to !== 'granted' || accepted),
              )
            : [];
          return (
            <li
              key={s}
              className="lperm"
              data-testid="permission-item"
              data-scope={s}
              data-state={p?.state ?? 'none'}
            >
              <span className="lperm-name">{i18n.p(label)}</span>
              {p ? (
                <PermissionChip scope={s} state={p.state} long />
              ) : (
                <span className="lchip" data-tone="muted">
                  {i18n.t('detail.notRequested')}
                </span>
              )}
              {steps.length ? (
                <span className="lactions">
                  {steps.map((to) => {
                    const t = p ? findTransition(PERMISSION_MACHINE, p.state, to) : undefined;
                    return (
                      <button
                        key={to}
                        type="button"
                        disabled={busy}
                        onClick={() => p && void stepPermission(p, to)}
                        data-testid={`permission-${s}-to-${to}`}
                        aria-label={i18n.t('detail.permissionStep', {
                          scope: i18n.p(label),
                          step: t ? i18n.p(t) : to,
                        })}
                      >
                        {t ? i18n.p(t) : to}
                      </button>
                    );
                  })}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {accepted ? (
        requestable.length ? (
          <form className="lform" onSubmit={(e) => void requestPermissions(e)} data-testid="request-form">
            <fieldset>
              <legend>{i18n.t('detail.requestLegend')}</legend>
              {requestable.map((s) => (
                <label key={s} className="lcheck">
                  <input
                    type="checkbox"
                    checked={chosen.includes(s)}
                    onChange={(e) =>
                      setScopes((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))
                    }
                    data-testid={`request-${s}`}
                  />
                  <span>{i18n.p(scopeLabel(s))}</span>
                </label>
              ))}
            </fieldset>
            <FindingsList
              findings={permFindings}
              confirmed={permConfirmedKey === permKey}
              onConfirm={(v) => setPermConfirmedKey(v ? permKey : null)}
              testId="request-findings"
            />
            <div className="lactions">
              <button
                type="submit"
                disabled={busy || !chosen.length || permGate !== 'ok'}
                data-testid="request-submit"
              >
                <Msg k="detail.recordRequest" />
              </button>
            </div>
          </form>
        ) : null
      ) : (
        <p className="hint">{i18n.t('detail.requestAfterAccepted')}</p>
      )}

      <StatusLine status={status} testId="detail-status" />

      <EditAccount account={account} workspaceId={workspaceId} views={views} whitelisted={whitelisted} />

      <h3 id={`${id}-tl`}>
        <Msg k="detail.timeline" />
      </h3>
      <Timeline events={data.events} now={now} labelledBy={`${id}-tl`} />
    </section>
  );
}

/** Edit nickname / note / phone. A new phone is checked with the catalogue's phone rules. */
function EditAccount({
  account,
  workspaceId,
  views,
  whitelisted,
}: {
  account: AccountRow;
  workspaceId: string;
  views: readonly AccountView[];
  whitelisted: Whitelisted;
}) {
  const id = useId();
  const [nickname, setNickname] = useState(account.nickname);
  const [note, setNote] = useState(account.note);
  const [phone, setPhone] = useState('');
  const [clearPhone, setClearPhone] = useState(false);
  const [confirmedKey, setConfirmedKey] = useState<string | null>(null);
  const { busy, status, run, clear, setStatus } = useCommand();

  // Follow changes made elsewhere (page captures) while the form is untouched.
  const [base, setBase] = useState({ nickname: account.nickname, note: account.note });
  if (base.nickname !== account.nickname || base.note !== account.note) {
    setBase({ nickname: account.nickname, note: account.note });
    if (nickname === base.nickname) setNickname(account.nickname);
    if (note === base.note) setNote(account.note);
  }

  const phoneHash = usePhoneHash(phone, !!account.phoneHash);

  const findings = useMemo(() => {
    if (!phone.trim() || clearPhone) return [];
    // Only the phone rules apply to an edit (the account exists; nothing is being invited).
    return checkSubmission(
      {
        kind: 'matrix-invite',
        guangguangId: account.guangguangId,
        phone,
        ...(phoneHash ? { phoneHash } : {}),
      },
      contextFromLedger(views, Date.now(), whitelisted),
    ).filter((f) => f.field === 'phone');
  }, [phone, clearPhone, phoneHash, account.guangguangId, views, whitelisted]);
  const key = warnKey(findings);
  const verdict = gate(findings, confirmedKey === key);
  const dirty =
    nickname !== account.nickname ||
    note !== account.note ||
    phone.trim() !== '' ||
    (clearPhone && !!account.phoneMask);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    if (!dirty) return;
    if (verdict !== 'ok') {
      setStatus(gateMessage(verdict));
      return;
    }
    const out = await run(
      {
        op: 'upsertAccount',
        workspaceId,
        account: {
          id: account.id,
          guangguangId: account.guangguangId,
          nickname: nickname.trim(),
          note,
          // '' asks the background to remove the stored mask + hash.
          ...(clearPhone ? { phone: '' } : phone.trim() ? { phone } : {}),
        },
      },
      both('detail.saved'),
    );
    if (out.ok) {
      setPhone('');
      setClearPhone(false);
      setConfirmedKey(null);
    }
  };

  return (
    <details className="ledit" data-testid="edit-account">
      <summary>
        <Msg k="detail.edit" />
      </summary>
      <form className="lform" onSubmit={(e) => void submit(e)} noValidate>
        <Field htmlFor={`${id}-nick`} label={<Msg k="detail.nickname" />}>
          <input
            id={`${id}-nick`}
            value={nickname}
            onChange={(e) => setNickname(e.target.value)}
            maxLength={100}
            data-testid="edit-nickname"
          />
        </Field>
        <Field htmlFor={`${id}-note`} label={<Msg k="detail.noteField" />}>
          <textarea
            id={`${id}-note`}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={2}
            maxLength={2000}
            data-testid="edit-note"
          />
        </Field>
        <Field
          htmlFor={`${id}-phone`}
          label={<Msg k="detail.newPhone" params={{ mask: account.phoneMask ?? '—' }} />}
        >
          <input
            id={`${id}-phone`}
            type="tel"
            inputMode="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            autoComplete="off"
            maxLength={40}
            disabled={clearPhone}
            data-testid="edit-phone"
          />
        </Field>
        {account.phoneMask ? (
          <label className="lcheck">
            <input
              type="checkbox"
              checked={clearPhone}
              onChange={(e) => setClearPhone(e.target.checked)}
              data-testid="edit-clear-phone"
            />
            <span>
              <Msg k="detail.removePhone" />
            </span>
          </label>
        ) : null}
        <FindingsList
          findings={findings}
          confirmed={confirmedKey === key}
          onConfirm={(v) => setConfirmedKey(v ? key : null)}
          testId="edit-findings"
        />
        <div className="lactions">
          <button type="submit" disabled={busy || !dirty || verdict === 'blocked'} data-testid="edit-save">
            <Msg k="detail.saveChanges" />
          </button>
        </div>
        <StatusLine status={status} testId="edit-status" />
      </form>
    </details>
  );
}
