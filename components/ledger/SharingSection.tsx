/**
 * 团队共享: share a workspace with colleagues through the agency's own sync server, or join one from
 * an invite code (issue 16, item 5). Off until the user turns it on here; the server's origin is
 * asked for in the same click (`optional_host_permissions`), and only that origin. The background
 * does the rest (entrypoints/background/sharing-hub.ts); this shows its status as it changes, and
 * the workspace's members with their roles as the server last listed them (`sharingMembersItem`,
 * refreshed on each sync and each membership change; asked for again when this opens).
 */
import '@/utils/i18n/ledger';
import { useEffect, useId, useState, type FormEvent } from 'react';
import * as v from 'valibot';
import { sendMessage } from '@/utils/messaging';
import { sharingItem, sharingMembersItem, sharingStatusItem } from '@/utils/storage-items';
import { decodeInviteCode, InviteCodeError, serverOrigin } from '@/utils/sync/invite-code';
import {
  MembersInfoSchema,
  originPattern,
  type MemberRole,
  type MembersInfo,
  type SharedMember,
  type SharingConfig,
  type SharingRefusal,
  type SharingResult,
  type SyncStatus,
} from '@/utils/sync/protocol';
import { useI18n } from '../hooks/useI18n';
import { useStorageItem } from '../hooks/useStorageItem';
import { Field } from './Field';
import { localTime } from './format';

type Line = { kind: 'ok' | 'error'; text: string } | null;

/** Asks for the server's origin in the user's click; true once granted. */
async function askFor(server: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(server)] }).catch(() => false);
}

async function send(command: Parameters<typeof sendMessage<'sharing:command'>>[1]): Promise<SharingResult> {
  try {
    return await sendMessage('sharing:command', command);
  } catch (err) {
    return { ok: false, refusal: 'failed', detail: String((err as Error)?.message ?? err) };
  }
}

function useRefusalText() {
  const { t } = useI18n();
  return (refusal: SharingRefusal, detail?: string) =>
    refusal === 'bad-code' && detail
      ? t('sharing.refused.bad-code-part', { part: t(`sharing.codePart.${detail as 'format'}`) })
      : t(`sharing.refused.${refusal}`);
}

/** The sharing part of a workspace's ledger: its status and invite code, or the form that starts it. */
export function SharingSection({ workspaceId }: { workspaceId: string }) {
  const configs = useStorageItem(sharingItem) as Record<string, Partial<SharingConfig>> | undefined;
  const statuses = useStorageItem(sharingStatusItem) as Record<string, SyncStatus> | undefined;
  const members = useStorageItem(sharingMembersItem);
  if (configs === undefined) return null;
  const config = configs[workspaceId];
  return config ? (
    <SharedStatus
      workspaceId={workspaceId}
      status={statuses?.[workspaceId] ?? null}
      members={membersFor(members, workspaceId)}
    />
  ) : (
    <>
      <ShareForm workspaceId={workspaceId} />
      <JoinForm />
    </>
  );
}

export function SharedStatus({
  workspaceId,
  status,
  members = null,
}: {
  workspaceId: string;
  status: SyncStatus | null;
  /** As the server last listed them (null: not yet, or the last reply was malformed). */
  members?: MembersInfo | null;
}) {
  const { t } = useI18n();
  const refusal = useRefusalText();
  const [code, setCode] = useState<string | null>(null);
  const [line, setLine] = useState<Line>(null);
  const state = status?.state ?? 'connecting';
  // A fresh list each time the section opens (the answer lands in `sharingMembersItem`).
  useEffect(() => {
    void send({ op: 'members', workspaceId });
  }, [workspaceId]);
  const showCode = async () => {
    const r = await send({ op: 'invite-code', workspaceId });
    if (r.ok && r.inviteCode) setCode(r.inviteCode);
    else if (!r.ok) setLine({ kind: 'error', text: refusal(r.refusal, r.detail) });
  };
  const copy = async () => {
    if (!code) return;
    await navigator.clipboard.writeText(code).then(
      () => setLine({ kind: 'ok', text: t('sharing.copied') }),
      () => setLine({ kind: 'error', text: t('sharing.copyFailed') }),
    );
  };
  const leave = async () => {
    const r = await send({ op: 'leave', workspaceId });
    setLine(
      r.ok ? { kind: 'ok', text: t('sharing.left') } : { kind: 'error', text: refusal(r.refusal, r.detail) },
    );
  };
  return (
    <div className="lsharing" data-testid="sharing-status" data-state={state}>
      <p>
        <strong data-testid="sharing-state">
          {state === 'unsent'
            ? t('sharing.state.unsent', { n: status?.unsent ?? 0 })
            : t(`sharing.state.${state}`)}
        </strong>
        {status?.lastSyncedAt ? (
          <span className="sub"> {t('sharing.lastSynced', { time: localTime(status.lastSyncedAt) })}</span>
        ) : null}
      </p>
      {state === 'refused' && status?.reason ? (
        <p className="sub">{t('sharing.reason', { reason: status.reason })}</p>
      ) : null}
      {state === 'removed' ? null : <MembersList info={members} />}
      <div className="lrow">
        <button type="button" onClick={() => void showCode()} data-testid="sharing-show-code">
          {t('sharing.showCode')}
        </button>
        <button type="button" onClick={() => void leave()} data-testid="sharing-leave">
          {t('sharing.leave')}
        </button>
      </div>
      {code ? (
        <>
          <p className="sub">{t('sharing.codeHint')}</p>
          <textarea
            readOnly
            value={code}
            rows={3}
            aria-label={t('sharing.code')}
            data-testid="sharing-code"
          />
          <button type="button" onClick={() => void copy()}>
            {t('sharing.copy')}
          </button>
        </>
      ) : null}
      <LineView line={line} />
    </div>
  );
}

/** The `MembersInfo` stored for `workspaceId`, if it has the shape the background writes. */
export function membersFor(stored: unknown, workspaceId: string): MembersInfo | null {
  if (!stored || typeof stored !== 'object' || !Object.hasOwn(stored, workspaceId)) return null;
  const r = v.safeParse(MembersInfoSchema, (stored as Record<string, unknown>)[workspaceId]);
  return r.success ? r.output : null;
}

const RANK: Record<MemberRole, number> = { owner: 0, editor: 1, viewer: 2 };

/** Owners, then editors, then viewers; by user name within a role. */
export function sortedMembers(members: readonly SharedMember[]): SharedMember[] {
  return [...members].sort(
    (a, b) => RANK[a.role] - RANK[b.role] || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0),
  );
}

/**
 * 成员: each member's user name and role (所有者 / 编辑者 / 查看者), this browser's marked 你: the
 * member the server says this connection is (`info.you`, the token's subject), never the user name
 * typed at opt-in (which may differ in case or spacing, or be another member's name altogether).
 */
export function MembersList({ info }: { info: MembersInfo | null }) {
  const { t } = useI18n();
  const id = useId();
  if (!info) {
    return (
      <p className="sub" data-testid="sharing-members-none">
        {t('sharing.members.none')}
      </p>
    );
  }
  const you = info.you;
  return (
    <section aria-labelledby={`${id}-h`} data-testid="sharing-members">
      <h4 id={`${id}-h`}>{t('sharing.members.title', { n: info.members.length })}</h4>
      <ul className="lmembers">
        {sortedMembers(info.members).map((m) => (
          <li
            key={m.user}
            data-testid="sharing-member"
            data-user={m.user}
            data-role={m.role}
            data-you={you !== null && m.user === you ? 'true' : undefined}
          >
            <span>{m.user}</span>
            {you !== null && m.user === you ? (
              <span className="sub"> {t('sharing.members.you')}</span>
            ) : null}{' '}
            <span className="lchip">{t(`sharing.members.role.${m.role}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function LineView({ line }: { line: Line }) {
  return (
    <>
      <div role="status" aria-live="polite" className="lstatus ok" data-testid="sharing-line-ok">
        {line?.kind === 'ok' ? line.text : null}
      </div>
      <div role="alert" className="lstatus" data-testid="sharing-line-error">
        {line?.kind === 'error' ? <span className="lerror">{line.text}</span> : null}
      </div>
    </>
  );
}

/**
 * One opt-in click (share, join): asks for the server's origin, then sends the command, and says how
 * it went in the form's own status line. `fail` shows a refusal found before anything was asked.
 */
function useOptIn(okKey: 'sharing.shared' | 'sharing.joined') {
  const { t } = useI18n();
  const refusal = useRefusalText();
  const [user, setUser] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [line, setLine] = useState<Line>(null);
  const fail = (text: string) => setLine({ kind: 'error', text });
  const optIn = async (server: string, command: Parameters<typeof send>[0]) => {
    setBusy(true);
    try {
      if (!(await askFor(server))) return fail(t('sharing.refused.no-permission'));
      const r = await send(command);
      setLine(r.ok ? { kind: 'ok', text: t(okKey) } : { kind: 'error', text: refusal(r.refusal, r.detail) });
    } finally {
      setBusy(false);
    }
  };
  return { user, setUser, token, setToken, busy, line, fail, refusal, optIn };
}

function ShareForm({ workspaceId }: { workspaceId: string }) {
  const id = useId();
  const { t } = useI18n();
  const [server, setServer] = useState('');
  const o = useOptIn('sharing.shared');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const origin = serverOrigin(server);
    if (!origin) return o.fail(t('sharing.refused.bad-server'));
    await o.optIn(origin, { op: 'share', workspaceId, server: origin, user: o.user, token: o.token });
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="sharing-share-form" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('sharing.shareTitle')}</h3>
      <p className="sub">{t('sharing.shareIntro')}</p>
      <Field htmlFor={`${id}-server`} label={t('sharing.server')}>
        <input
          id={`${id}-server`}
          value={server}
          onChange={(e) => setServer(e.target.value)}
          placeholder="wss://sync.example.com"
          autoComplete="off"
          spellCheck={false}
          required
        />
      </Field>
      <Credentials id={id} user={o.user} token={o.token} setUser={o.setUser} setToken={o.setToken} />
      <button type="submit" disabled={o.busy} data-testid="sharing-share">
        {t('sharing.share')}
      </button>
      <LineView line={o.line} />
    </form>
  );
}

function Credentials(props: {
  id: string;
  user: string;
  token: string;
  setUser: (v: string) => void;
  setToken: (v: string) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <Field htmlFor={`${props.id}-user`} label={t('sharing.user')}>
        <input
          id={`${props.id}-user`}
          value={props.user}
          onChange={(e) => props.setUser(e.target.value)}
          autoComplete="username"
          required
        />
      </Field>
      <Field htmlFor={`${props.id}-token`} label={t('sharing.token')}>
        <input
          id={`${props.id}-token`}
          type="password"
          value={props.token}
          onChange={(e) => props.setToken(e.target.value)}
          autoComplete="off"
          required
        />
      </Field>
    </>
  );
}

/** Join a colleague's shared workspace: its rows arrive from the server once connected. */
export function JoinForm() {
  const id = useId();
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const o = useOptIn('sharing.joined');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let server: string;
    try {
      server = decodeInviteCode(code).server;
    } catch (err) {
      return o.fail(o.refusal('bad-code', err instanceof InviteCodeError ? err.problem : 'format'));
    }
    await o.optIn(server, { op: 'join', code, user: o.user, token: o.token });
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="sharing-join-form" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('sharing.joinTitle')}</h3>
      <Field htmlFor={`${id}-code`} label={t('sharing.code')}>
        <textarea
          id={`${id}-code`}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          rows={3}
          required
        />
      </Field>
      <Credentials id={id} user={o.user} token={o.token} setUser={o.setUser} setToken={o.setToken} />
      <button type="submit" disabled={o.busy} data-testid="sharing-join">
        {t('sharing.join')}
      </button>
      <LineView line={o.line} />
    </form>
  );
}
