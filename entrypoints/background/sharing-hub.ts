/**
 * The background's team sharing (issue 16): which workspaces this browser shares, their live
 * sessions (`sharing.ts`), and the panel's commands. Off unless the user turned it on for a
 * workspace: with no shared workspace, nothing here opens a connection or even reads the ledger.
 *
 * - Configurations live in `storage.local` (`sharingItem`); each session's status in
 *   `storage.session` (`sharingStatusItem`), and the members the server last listed in
 *   `sharingMembersItem`, which the panel watches (it asks for a fresh list with `op: 'members'`).
 * - A session connects only to an origin the user granted at opt-in (`optional_host_permissions`,
 *   asked for by the panel in the click that turns sharing on); without it the status says so.
 * - Local writes reach the sessions through Dexie's `storagemutated` event (every committed write
 *   transaction of any context), so no write path needs to know about sharing; a session's own
 *   projection writes trigger one cheap diff that finds nothing to send.
 */
import Dexie from 'dexie';
import * as v from 'valibot';
import type { LedgerDb } from '@/utils/ledger/db';
import { closeOutbox, openOutbox } from '@/utils/ledger/outbox';
import { sharingItem, sharingMembersItem, sharingStatusItem } from '@/utils/storage-items';
import { fromBase64Url, toBase64Url } from '@/utils/sync/base64url';
import { decodeInviteCode, encodeInviteCode, InviteCodeError, serverOrigin } from '@/utils/sync/invite-code';
import { newWorkspaceSecret } from '@/utils/sync/keys';
import { originPattern, SharingCommandSchema, type SharingResult } from '@/utils/sync/protocol';
import {
  SharedSession,
  type MembersInfo,
  type SessionOptions,
  type SharingConfig,
  type SyncStatus,
} from './sharing';

export interface HubDeps {
  db: () => LedgerDb;
  /** Whether the user granted this host pattern (browser.permissions.contains). */
  granted: (pattern: string) => Promise<boolean>;
  session?: Omit<SessionOptions, 'onStatus' | 'onMembers'>;
}

const sessions = new Map<string, SharedSession>();
let deps: HubDeps | null = null;
let watching = false;
let pokeTimer: ReturnType<typeof setTimeout> | null = null;

async function setStatus(workspaceId: string, status: SyncStatus | null): Promise<void> {
  const all = { ...((await sharingStatusItem.getValue()) ?? {}) };
  if (status) all[workspaceId] = status;
  else delete all[workspaceId];
  await sharingStatusItem.setValue(all);
}

/** One read-modify-write of `sharingMembersItem` at a time (two workspaces' lists may arrive together). */
let membersWrites: Promise<void> = Promise.resolve();
function setMembers(workspaceId: string, members: MembersInfo | null): Promise<void> {
  const write = async () => {
    const all = { ...((await sharingMembersItem.getValue()) ?? {}) };
    if (members) all[workspaceId] = members;
    else if (workspaceId in all) delete all[workspaceId];
    else return;
    await sharingMembersItem.setValue(all);
  };
  const next = membersWrites.then(write, write);
  membersWrites = next.catch(() => undefined);
  return next;
}

async function configs(): Promise<Record<string, SharingConfig>> {
  const got: unknown = await sharingItem.getValue();
  return got && typeof got === 'object' ? (got as Record<string, SharingConfig>) : {};
}

async function open(config: SharingConfig): Promise<void> {
  if (!deps || sessions.has(config.workspaceId)) return;
  if (!(await deps.granted(originPattern(config.server)))) {
    await setStatus(config.workspaceId, {
      state: 'refused',
      unsent: 0,
      lastSyncedAt: null,
      reason: 'permission',
    });
    return;
  }
  // From now on the workspace's events are recorded in the outbox (the sent watermark); those
  // written before are found by the first full comparison.
  await openOutbox(deps.db(), config.workspaceId);
  if (!deps || sessions.has(config.workspaceId)) return;
  const session = new SharedSession(deps.db(), config, {
    ...deps.session,
    onStatus: (s) => {
      void setStatus(config.workspaceId, s);
      if (s.state === 'removed') void forget(config.workspaceId);
    },
    onMembers: (m) => void setMembers(config.workspaceId, m),
  });
  sessions.set(config.workspaceId, session);
  watch();
  await session.start();
}

async function forget(workspaceId: string): Promise<void> {
  sessions.get(workspaceId)?.stop();
  sessions.delete(workspaceId);
  if (deps) await closeOutbox(deps.db(), workspaceId);
  await setMembers(workspaceId, null);
  const all = { ...(await configs()) };
  delete all[workspaceId];
  await sharingItem.setValue(all);
}

function watch(): void {
  if (watching) return;
  watching = true;
  Dexie.on('storagemutated', () => {
    if (!sessions.size || pokeTimer) return;
    // One diff per burst of writes (an import, a captured list).
    pokeTimer = setTimeout(() => {
      pokeTimer = null;
      for (const s of sessions.values()) void s.localChanged();
    }, 50);
  });
}

/** Starts the sessions of every shared workspace (on each worker start). */
export async function startSharing(next: HubDeps): Promise<void> {
  deps = next;
  for (const config of Object.values(await configs())) await open(config);
}

/** For tests: stop every session and forget the dependencies. */
export function stopSharing(): void {
  for (const s of sessions.values()) s.stop();
  sessions.clear();
  deps = null;
}

export function sessionOf(workspaceId: string): SharedSession | undefined {
  return sessions.get(workspaceId);
}

export async function runSharingCommand(raw: unknown): Promise<SharingResult> {
  const parsed = v.safeParse(SharingCommandSchema, raw);
  if (!parsed.success || !deps) return { ok: false, refusal: 'malformed' };
  const c = parsed.output;
  const all = await configs();
  try {
    switch (c.op) {
      case 'share': {
        const server = serverOrigin(c.server);
        if (!server) return { ok: false, refusal: 'bad-server' };
        if (all[c.workspaceId]) return { ok: false, refusal: 'already-shared' };
        if (!(await deps.db().workspaces.get(c.workspaceId))) return { ok: false, refusal: 'no-workspace' };
        if (!(await deps.granted(originPattern(server)))) return { ok: false, refusal: 'no-permission' };
        const config: SharingConfig = {
          workspaceId: c.workspaceId,
          server,
          user: c.user,
          token: c.token,
          secret: toBase64Url(newWorkspaceSecret()),
        };
        await sharingItem.setValue({ ...all, [c.workspaceId]: config });
        await open(config);
        return { ok: true, workspaceId: c.workspaceId, inviteCode: await inviteCodeOf(config) };
      }
      case 'join': {
        let code;
        try {
          code = decodeInviteCode(c.code);
        } catch (err) {
          if (err instanceof InviteCodeError) return { ok: false, refusal: 'bad-code', detail: err.problem };
          throw err;
        }
        if (all[code.workspaceId]) return { ok: false, refusal: 'already-shared' };
        if (!(await deps.granted(originPattern(code.server)))) return { ok: false, refusal: 'no-permission' };
        const config: SharingConfig = {
          workspaceId: code.workspaceId,
          server: code.server,
          user: c.user,
          token: c.token,
          secret: toBase64Url(code.secret),
        };
        await sharingItem.setValue({ ...all, [code.workspaceId]: config });
        await open(config);
        return { ok: true, workspaceId: code.workspaceId };
      }
      case 'invite-code': {
        const config = all[c.workspaceId];
        if (!config) return { ok: false, refusal: 'not-shared' };
        return { ok: true, workspaceId: c.workspaceId, inviteCode: await inviteCodeOf(config) };
      }
      case 'members': {
        if (!all[c.workspaceId]) return { ok: false, refusal: 'not-shared' };
        // No live connection (offline, refused): the last list stays, and the next sync asks anew.
        sessions.get(c.workspaceId)?.requestMembers();
        return { ok: true, workspaceId: c.workspaceId };
      }
      case 'leave': {
        if (!all[c.workspaceId]) {
          // A removed member dismissing the notice: only the status is left to clear.
          const statuses = (await sharingStatusItem.getValue()) ?? {};
          if (!statuses[c.workspaceId]) return { ok: false, refusal: 'not-shared' };
          await setStatus(c.workspaceId, null);
          return { ok: true, workspaceId: c.workspaceId };
        }
        await forget(c.workspaceId);
        await setStatus(c.workspaceId, null);
        return { ok: true, workspaceId: c.workspaceId };
      }
    }
  } catch (err) {
    return { ok: false, refusal: 'failed', detail: String((err as Error)?.message ?? err).slice(0, 300) };
  }
}

async function inviteCodeOf(config: SharingConfig): Promise<string> {
  const ws = await deps?.db().workspaces.get(config.workspaceId);
  const secret = fromBase64Url(config.secret);
  if (!secret) throw new Error('the stored workspace secret is malformed');
  return encodeInviteCode({
    server: config.server,
    workspaceId: config.workspaceId,
    workspaceName: ws?.name ?? config.workspaceId.slice(0, 8),
    secret,
  });
}
