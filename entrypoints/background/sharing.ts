/**
 * One shared workspace's live connection to the agency's sync server (issue 16, item 2), run by the
 * background: a Hocuspocus provider over WebSocket for the workspace's document, in step with the
 * local ledger both ways.
 *
 * - **Out**: every local write is in Dexie first (the single write path). `localChanged()` then adds
 *   what the document lacks (`unsentChange`) to it; the provider sends it, now or once connected.
 *   After a worker restart, the same diff finds whatever was never sent.
 * - **In**: when the document changes by a peer's update (or the first sync), its merged projection
 *   is applied to the workspace's rows in one transaction (`applyShared`).
 * - **Status** for the panel: `connecting`, `synced` (同步完成), `unsent` with a count (N 条待同步),
 *   `readonly` (a viewer's connection, which the server authorised read-only: in step with the
 *   document, nothing local is sent or counted as unsent, `outbox.ts` `setReadOnly`), `offline` (离线), `removed` (已被移出: the server refused this member, and the shared copy has
 *   been deleted from this browser), `refused` (another refusal: an expired or bad token), each with
 *   the last time the document and the ledger were in step.
 * - **Members** for the panel: after each first sync and on `requestMembers()`, the session asks the
 *   server (a stateless message on the same connection, server/members.ts) who shares the workspace;
 *   a reply that passes the shape check (`parseMembersReply`) becomes `members` and goes to
 *   `onMembers`; a malformed one (a hostile or broken server) clears the list (`onMembers(null)`:
 *   the panel then shows none rather than a stale or forged one); a message of another type is
 *   ignored. The server also pushes a fresh list when the memberships change.
 *
 * Pulls and pushes run one at a time, in order (`serial`), and never throw out: a failure is kept
 * as the status's `error`, and the next change tries again.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { LedgerDb } from '@/utils/ledger/db';
import { deleteWorkspace } from '@/utils/ledger';
import { acknowledge, markReset, readMark, setReadOnly } from '@/utils/ledger/outbox';
import { AppliedProjection, applyShared, unsentChange } from '@/utils/ledger/shared';
import { fromBase64Url } from '@/utils/sync/base64url';
import { DOC_KINDS, docMap, OpenCache, readDoc, writeChange, type DocKind } from '@/utils/sync/doc';
import { documentName } from '@/utils/sync/invite-code';
import { deriveWorkspaceKeys, type WorkspaceKeys } from '@/utils/sync/keys';
import { ProjectionMemo, projectWorkspace } from '@/utils/sync/project';
import {
  MEMBERS_REQUEST,
  parseMembersReply,
  type MembersInfo,
  type SharingConfig,
  type SyncState,
  type SyncStatus,
} from '@/utils/sync/protocol';

export type { MembersInfo, SharingConfig, SyncState, SyncStatus } from '@/utils/sync/protocol';

export interface SessionOptions {
  /** For Node (tests): a WebSocket class; the browser's own otherwise. */
  WebSocketPolyfill?: unknown;
  onStatus?: (status: SyncStatus) => void;
  /** Each well-formed member list the server sends; null when a malformed reply cleared it. */
  onMembers?: (members: MembersInfo | null) => void;
  now?: () => number;
  /** Reconnect delays (ms); the defaults suit a real network. */
  retry?: { delay: number; minDelay: number; maxDelay: number };
}

/** Server refusals that mean "no longer a member of this workspace" (docs/sharing.md). */
const REMOVED = new Set(['not-a-member', 'unknown-user']);
const LOCAL = Symbol('local');

export class SharedSession {
  private keys: WorkspaceKeys | null = null;
  readonly doc = new Y.Doc();
  private socket: HocuspocusProviderWebsocket | null = null;
  private provider: HocuspocusProvider | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private pullWanted = false;
  private unsentLocal = 0;
  private stopped = false;
  private status: SyncStatus = { state: 'connecting', unsent: 0, lastSyncedAt: null, reason: null };
  private memberList: MembersInfo | null = null;
  private readonly now: () => number;
  /** The sent watermark (utils/ledger/outbox.ts): the first sync checked the server's copy. */
  private verified = false;
  /** The document was found to have lost what the server had acknowledged: compare in full. */
  private forceFull = false;
  /** The last outbox row whose event is in `doc`, and whether a full comparison went into it. */
  private writtenThrough = 0;
  private fullWritten = false;
  private acked = { through: 0, compared: false, clock: 0 };
  /** Between pulls: the values already opened, the events already projected, the rows already applied. */
  private readonly opened = new OpenCache();
  private readonly memo = new ProjectionMemo();
  private readonly applied = new AppliedProjection();
  /** The connection's authorised scope: read-only (a viewer), read-write, or not told yet (null). */
  private readOnly: boolean | null = null;

  constructor(
    private readonly db: LedgerDb,
    readonly config: SharingConfig,
    private readonly opts: SessionOptions = {},
  ) {
    this.now = opts.now ?? (() => Date.now());
  }

  get current(): SyncStatus {
    return this.status;
  }

  /** The members as the server last listed them (null until it has). */
  get members(): MembersInfo | null {
    return this.memberList;
  }

  async start(): Promise<void> {
    const secret = fromBase64Url(this.config.secret);
    if (!secret) throw new Error('sharing: the workspace secret is malformed');
    this.keys = await deriveWorkspaceKeys(secret, this.config.workspaceId);
    const retry = this.opts.retry ?? { delay: 1000, minDelay: 1000, maxDelay: 30_000 };
    this.socket = new HocuspocusProviderWebsocket({
      url: this.config.server,
      ...(this.opts.WebSocketPolyfill ? { WebSocketPolyfill: this.opts.WebSocketPolyfill } : {}),
      ...retry,
    });
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: documentName(this.config.workspaceId),
      document: this.doc,
      token: this.config.token,
      onAuthenticationFailed: ({ reason }) => void this.refused(reason),
      onAuthenticated: ({ scope }) => this.authenticated(scope === 'readonly'),
      onSynced: ({ state }) => {
        if (!state) return;
        // The first sync: check the server still holds what it acknowledged, take what the others
        // wrote, then send what they lack.
        void this.serial(() => this.verify());
        this.schedulePull();
        void this.localChanged();
        this.requestMembers();
      },
      onStateless: ({ payload }) => this.receivedStateless(payload),
      onStatus: ({ status }) => {
        if (status === WebSocketStatus.Disconnected && !this.stopped && !this.isEnded())
          this.report('offline');
        if (status === WebSocketStatus.Connected) this.report(this.settledState());
      },
      onUnsyncedChanges: () => {
        this.report(this.settledState());
        this.maybeAcknowledge();
      },
    });
    this.provider.attach();
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== LOCAL) this.schedulePull();
    });
  }

  /** Call after any local write to this workspace: sends what the document lacks. */
  localChanged(): Promise<void> {
    return this.serial(async () => {
      if (!this.keys || this.isEnded()) return;
      // A viewer: the server would refuse every update, so nothing local goes into the document.
      if (this.readOnly ?? (await readMark(this.db, this.config.workspaceId))?.readOnly === true) {
        this.unsentLocal = 0;
        return this.report(this.settledState());
      }
      const has = (kind: DocKind, id: string) =>
        kind === 'workspace' ? docMap(this.doc, kind).size > 0 : docMap(this.doc, kind).has(id);
      // Full when the document was found reset, or the mark asks for it until this session has
      // written one (its document holds everything since: the outbox then says what is new).
      const full = this.forceFull ? true : this.fullWritten ? false : undefined;
      const change = await unsentChange(this.db, this.config.workspaceId, has, { full });
      this.unsentLocal = change.size;
      // What this browser wrote is compared with Dexie again at the next pull (the document may hold
      // a newer copy a colleague wrote); a full comparison means anything may have changed.
      if (change.full) this.applied.reset();
      else
        this.applied.touch(
          [[change.workspace], change.accounts, change.bindings, change.permissions, change.events].flatMap(
            (rows) => (rows ?? []).flatMap((r) => (r ? [r.id] : [])),
          ),
        );
      // A full change also carries the rows the document holds, kept there unless the local one is newer.
      if (change.size || change.full) await writeChange(this.doc, this.keys, this.config.user, change, LOCAL);
      // Everything the change covers is in the document now; acknowledged once the server says so.
      if (change.full) {
        this.fullWritten = true;
        this.forceFull = false;
      }
      this.writtenThrough = Math.max(this.writtenThrough, change.through);
      this.unsentLocal = 0;
      this.report(this.settledState());
      this.maybeAcknowledge();
    });
  }

  /**
   * At a first sync: whether the server's document still holds what it acknowledged to this browser
   * (each Yjs client id's clock in the mark). If not (restored from an older copy, replaced), the
   * mark is reset first, so that even a worker stopped now compares in full at its next start.
   */
  private async verify(): Promise<void> {
    if (this.isEnded()) return;
    const mark = await readMark(this.db, this.config.workspaceId);
    const state = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    if (mark?.written.some(([client, clock]) => (state.get(client) ?? 0) < clock)) {
      await markReset(this.db, this.config.workspaceId);
      this.forceFull = true;
      this.fullWritten = false;
      this.acked = { through: 0, compared: false, clock: 0 };
    }
    this.verified = true;
  }

  /**
   * The server authorised the connection (at each connect): read-only for a viewer. Leaving read-only
   * (made editor or owner) compares in full, so what was written meanwhile is sent.
   */
  private authenticated(readOnly: boolean): void {
    const was = this.readOnly;
    this.readOnly = readOnly;
    // An editor's connect after an editor's changes nothing (the common case: no job queued).
    if (!readOnly && was === false) return;
    void this.serial(async () => {
      const changed = await setReadOnly(this.db, this.config.workspaceId, readOnly);
      if (!readOnly && (changed || was === true)) {
        this.forceFull = true;
        this.fullWritten = false;
        this.acked = { ...this.acked, compared: false };
      }
      this.report(this.settledState());
    });
  }

  /**
   * When the server has acknowledged every update of this connection (synced, none unsynced): the
   * outbox rows written into the document go, and the mark records the acknowledged clock (and that
   * a full comparison was acknowledged, when one was made).
   */
  private maybeAcknowledge(): void {
    const p = this.provider;
    if (
      !p ||
      this.stopped ||
      this.isEnded() ||
      this.readOnly !== false ||
      !this.verified ||
      !p.isSynced ||
      p.unsyncedChanges > 0
    )
      return;
    const clock = Y.decodeStateVector(Y.encodeStateVector(this.doc)).get(this.doc.clientID) ?? 0;
    const ack = { through: this.writtenThrough, compared: this.fullWritten, clock };
    const last = this.acked;
    if (ack.through === last.through && ack.compared === last.compared && ack.clock === last.clock) return;
    this.acked = ack;
    void this.serial(() =>
      acknowledge(this.db, this.config.workspaceId, { ...ack, client: this.doc.clientID }),
    );
  }

  /** For tests: the sent watermark as this session last acknowledged it. */
  get acknowledged(): { through: number; compared: boolean; clock: number } {
    return this.acked;
  }

  /**
   * Asks the server for the member list (the reply arrives as `onMembers`); false when there is no
   * synced connection to ask on (the next sync asks by itself).
   */
  requestMembers(): boolean {
    const p = this.provider;
    if (!p || this.stopped || this.isEnded() || !p.isSynced) return false;
    p.sendStateless(MEMBERS_REQUEST);
    return true;
  }

  private receivedStateless(payload: string): void {
    if (this.stopped || this.isEnded()) return;
    const reply = parseMembersReply(payload);
    if (reply.kind === 'other') return;
    if (reply.kind === 'malformed') {
      if (this.memberList === null) return;
      this.memberList = null;
    } else this.memberList = { members: reply.members, you: reply.you, at: this.now() };
    this.opts.onMembers?.(this.memberList);
  }

  /** Resolves once the pulls and pushes asked for so far have run. */
  idle(): Promise<void> {
    return this.serial(() => Promise.resolve());
  }

  stop(): void {
    this.stopped = true;
    this.provider?.destroy();
    this.socket?.destroy();
  }

  private isEnded(): boolean {
    return this.status.state === 'removed' || this.status.state === 'refused';
  }

  private schedulePull(): void {
    if (this.pullWanted) return;
    this.pullWanted = true;
    void this.serial(async () => {
      this.pullWanted = false;
      if (!this.keys || this.isEnded()) return;
      // Only the values a peer changed are opened, and only the rows whose projection changed are
      // compared and written (utils/ledger/shared.ts `applyShared`): one edit costs one edit.
      const content = await readDoc(this.doc, this.keys, this.config.workspaceId, this.opened);
      const ids = new Set<string>([this.config.workspaceId]);
      for (const kind of DOC_KINDS) for (const key of docMap(this.doc, kind).keys()) ids.add(key);
      await applyShared(
        this.db,
        this.config.workspaceId,
        projectWorkspace(content, this.memo),
        ids,
        this.applied,
      );
      this.report(this.settledState());
    });
  }

  private settledState(): SyncState {
    if (this.isEnded()) return this.status.state;
    const p = this.provider;
    if (!p || !p.isSynced) return this.status.state === 'offline' ? 'offline' : 'connecting';
    if (this.readOnly) return 'readonly';
    return this.pendingCount() > 0 ? 'unsent' : 'synced';
  }

  private pendingCount(): number {
    // A read-only connection's updates are refused, never acknowledged: none of them is pending.
    if (this.readOnly) return 0;
    return this.unsentLocal + (this.provider?.unsyncedChanges ?? 0);
  }

  private async refused(reason: string): Promise<void> {
    if (REMOVED.has(reason)) {
      this.report('removed', reason);
      this.stop();
      // The shared copy leaves this browser with the membership (the panel tells the user).
      await this.serial(() => deleteWorkspace(this.db, this.config.workspaceId));
    } else {
      this.report('refused', reason);
      this.stop();
    }
  }

  private report(state: SyncState, reason: string | null = this.status.reason): void {
    const unsent = this.pendingCount();
    const inStep = state === 'synced' || state === 'readonly';
    const lastSyncedAt = inStep ? this.now() : this.status.lastSyncedAt;
    const next: SyncStatus = { state, unsent, lastSyncedAt, reason: inStep ? null : reason };
    const s = this.status;
    if (s.state === next.state && s.unsent === next.unsent && s.reason === next.reason) {
      this.status = next;
      return;
    }
    this.status = next;
    this.opts.onStatus?.(next);
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch((err: unknown) => {
      this.report(this.status.state, `error: ${String((err as Error)?.message ?? err)}`);
    });
    return run;
  }
}
