import '@/utils/i18n/ledger';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { bothWith, translate } from '@/utils/i18n';
import { Msg } from '../Msg';
import type { AccountView } from '@/utils/ledger/queries';
import { checkSubmission, normalizeGuangguangId } from '@/utils/rules';
import { useCommand } from './command';
import { usePhoneHash } from './usePhoneHash';
import { FindingsList, gate, gateMessage, warnKey } from './Findings';
import { contextFromLedger, phoneOptional, type Whitelisted } from './rules-context';
import { StatusLine } from './Status';
import { Field } from './Field';

const sameGg = (a: string, b: string) => {
  const x = normalizeGuangguangId(a).toLowerCase();
  return x !== '' && x === normalizeGuangguangId(b).toLowerCase();
};

/**
 * Records a matrix account by hand: 逛逛号, nickname, phone (optional), note, as a draft or as an
 * invite already sent (pending). Checked with the rule catalogue (`matrix-invite`) before sending:
 * a `block` stops it, a `warn` needs the checkbox. The phone goes to the background as typed and is
 * cleared from the form afterwards; the ledger keeps only its mask.
 */
export function AddAccountForm({
  workspaceId,
  views,
  whitelisted = 'unknown',
  onAdded,
}: {
  workspaceId: string;
  /** All accounts of the workspace (main included), for the rule context. */
  views: readonly AccountView[];
  whitelisted?: Whitelisted;
  onAdded?: (accountId: string) => void;
}) {
  const id = useId();
  const [gg, setGg] = useState('');
  const [nickname, setNickname] = useState('');
  const [phone, setPhone] = useState('');
  const [note, setNote] = useState('');
  const [state, setState] = useState<'draft' | 'pending'>('pending');
  const [attempted, setAttempted] = useState(false);
  const [confirmedKey, setConfirmedKey] = useState<string | null>(null);
  const { busy, status, run, clear, setStatus } = useCommand();

  // The hash-mismatch rule compares HMACs: compute one only when the ledger already holds a hash for
  // this 逛逛号 (then the install's key exists, so nothing is written).
  const known = views.find((v) => sameGg(v.account.guangguangId, gg));
  const phoneHash = usePhoneHash(phone, !!known?.account.phoneHash);

  const findings = useMemo(() => {
    const f = checkSubmission(
      { kind: 'matrix-invite', guangguangId: gg, phone, ...(phoneHash ? { phoneHash } : {}) },
      contextFromLedger(views, Date.now(), whitelisted),
    );
    return phoneOptional(f, phone.trim() !== '');
  }, [gg, phone, phoneHash, views, whitelisted]);
  const key = warnKey(findings);
  const confirmed = confirmedKey === key;
  const verdict = gate(findings, confirmed);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    setAttempted(true);
    if (verdict !== 'ok') {
      setStatus(gateMessage(verdict));
      return;
    }
    const guangguangId = normalizeGuangguangId(gg);
    const out = await run(
      {
        op: 'recordInvite',
        workspaceId,
        state,
        account: {
          guangguangId,
          nickname: nickname.trim(),
          note,
          ...(phone.trim() ? { phone } : {}),
        },
      },
      (v) =>
        bothWith('add.recorded', (lang) => ({
          name: v.account.nickname || v.account.guangguangId,
          state: translate(lang, state === 'draft' ? 'binding.draft' : 'binding.pending'),
        })),
    );
    if (!out.ok) return;
    setGg('');
    setNickname('');
    setPhone('');
    setNote('');
    setAttempted(false);
    setConfirmedKey(null);
    onAdded?.(out.value.account.id);
  };

  return (
    <form className="lform" onSubmit={(e) => void submit(e)} data-testid="add-account-form" noValidate>
      <Field htmlFor={`${id}-gg`} label={<Msg k="add.guangguangId" />}>
        <input
          id={`${id}-gg`}
          value={gg}
          onChange={(e) => setGg(e.target.value)}
          autoComplete="off"
          maxLength={64}
          required
          data-testid="add-gg"
        />
      </Field>
      <Field htmlFor={`${id}-nick`} label={<Msg k="add.nickname" />}>
        <input
          id={`${id}-nick`}
          value={nickname}
          onChange={(e) => setNickname(e.target.value)}
          maxLength={100}
          data-testid="add-nickname"
        />
      </Field>
      <Field htmlFor={`${id}-phone`} label={<Msg k="add.phone" />}>
        <input
          id={`${id}-phone`}
          type="tel"
          inputMode="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          autoComplete="off"
          maxLength={40}
          aria-describedby={`${id}-phone-hint`}
          data-testid="add-phone"
        />
        <span id={`${id}-phone-hint`} className="hint">
          <Msg k="add.phoneHint" />
        </span>
      </Field>
      <Field htmlFor={`${id}-note`} label={<Msg k="add.note" />}>
        <textarea
          id={`${id}-note`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={2000}
          data-testid="add-note"
        />
      </Field>
      <fieldset className="lradios">
        <legend>
          <Msg k="add.state" />
        </legend>
        <label>
          <input
            type="radio"
            name={`${id}-state`}
            value="pending"
            checked={state === 'pending'}
            onChange={() => setState('pending')}
            data-testid="add-state-pending"
          />{' '}
          <Msg k="add.statePending" />
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-state`}
            value="draft"
            checked={state === 'draft'}
            onChange={() => setState('draft')}
            data-testid="add-state-draft"
          />{' '}
          <Msg k="add.stateDraft" />
        </label>
      </fieldset>
      {attempted || gg.trim() || phone.trim() ? (
        <FindingsList
          findings={findings}
          confirmed={confirmed}
          onConfirm={(v) => setConfirmedKey(v ? key : null)}
          testId="add-findings"
        />
      ) : null}
      <div className="lactions">
        <button type="submit" className="primary" disabled={busy} data-testid="add-submit">
          <Msg k={attempted && verdict === 'blocked' ? 'add.checkAndSave' : 'add.save'} />
        </button>
      </div>
      <StatusLine status={status} testId="add-status" />
    </form>
  );
}
