/**
 * The sharing server: Hocuspocus over one HTTP port, one Yjs document per shared workspace
 * (`ws:<uuid>`), each connection authenticated by a signed token and authorised by the store's
 * memberships; viewers read only; a membership change closes the live connections it concerns
 * within a poll (REVOCATION_POLL_MS), and the members still connected get the fresh member list
 * (members.ts, also sent on request; at most one list per document and per connection per
 * MEMBERS_PUSH_INTERVAL_MS, bursts coalesced); the message and document sizes are bounded; only the allowed
 * extension origins get past the WebSocket upgrade.
 */
import type { Duplex } from 'node:stream';
import { Database } from '@hocuspocus/extension-database';
import { Server, type Connection, type Document, type Hocuspocus } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { originAllowed, type Settings } from './config.ts';
import {
  isMembersRequest,
  MEMBERS_PUSH_INTERVAL_MS,
  MEMBERS_REQUEST_TYPE,
  membersMessage,
  membersOf,
  membersReply,
  PushLimiter,
} from './members.ts';
import { canWrite, isDocName, type Role } from './names.ts';
import type { Store } from './store.ts';
import { verifyToken } from './tokens.ts';

/** How often the server looks for membership changes made by the CLI (or another instance). */
export const REVOCATION_POLL_MS = 200;

/** What a connection carries from authentication on. */
export interface Context {
  user: string;
  role: Role;
}

/** Close codes the clients see (4xxx: application codes, as Hocuspocus's own 4401/4403). */
export const CLOSE = {
  revoked: { code: 4403, reason: 'membership-changed' },
  tooLarge: { code: 4413, reason: 'document-too-large' },
} as const;

export interface SharingServerOptions {
  settings: Settings;
  store: Store;
  secret: Buffer;
  /** Hocuspocus's debounce of document writes (ms); the default 2000. */
  storeDebounceMs?: number;
  /** The least time between two member lists to one document or connection (ms; tests). */
  membersPushIntervalMs?: number;
  quiet?: boolean;
}

export interface SharingServer {
  /** The port it listens on (the one asked for, or the one given for 0). */
  port: number;
  url: string;
  hocuspocus: Hocuspocus<Context>;
  /** Stops listening, closes every connection, stores what is pending, then closes the store. */
  close(): Promise<void>;
}

/** Refusal with a reason the provider shows in onAuthenticationFailed. */
function refuse(reason: string): Error & { reason: string } {
  return Object.assign(new Error(reason), { reason });
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The document update a client message carries (sync step 2 or update), or null for anything else
 * (sync step 1, awareness, auth, …). The message: address, type 0 (sync), sub-type, update.
 */
export function carriedUpdate(message: Uint8Array): Uint8Array | null {
  try {
    const d = decoding.createDecoder(message);
    decoding.readVarString(d);
    if (decoding.readVarUint(d) !== 0) return null;
    const sub = decoding.readVarUint(d);
    return sub === 1 || sub === 2 ? decoding.readVarUint8Array(d) : null;
  } catch {
    return null; // Hocuspocus itself refuses what does not decode
  }
}

/** The size of a document's state, measured exactly now and then and estimated in between. */
class SizeGauge {
  private readonly sizes = new WeakMap<Document, { exact: number; pending: number }>();
  private readonly limit: number;

  // A plain constructor: Node's type stripping takes no parameter properties.
  constructor(limit: number) {
    this.limit = limit;
  }

  loaded(doc: Document): void {
    this.sizes.set(doc, { exact: Y.encodeStateAsUpdate(doc).byteLength, pending: 0 });
  }

  changed(doc: Document, bytes: number): void {
    const s = this.sizes.get(doc);
    if (s) s.pending += bytes;
  }

  /**
   * Whether the message may go in: anything but an update does; an update does while the estimate
   * (an upper bound) stays under the limit, else when the exact size plus what the update adds to the
   * document (not what it repeats: a reconnecting client sends its whole copy) does.
   */
  admits(doc: Document, message: Uint8Array): boolean {
    const update = carriedUpdate(message);
    if (!update) return true;
    const s = this.sizes.get(doc) ?? { exact: 0, pending: 0 };
    if (s.exact + s.pending + update.byteLength <= this.limit) return true;
    const exact = Y.encodeStateAsUpdate(doc).byteLength;
    this.sizes.set(doc, { exact, pending: 0 });
    const added = Y.diffUpdate(update, Y.encodeStateVector(doc)).byteLength;
    return exact + added <= this.limit;
  }
}

export async function startSharingServer(opts: SharingServerOptions): Promise<SharingServer> {
  const { settings, store, secret } = opts;
  const gauge = new SizeGauge(settings.maxDocumentBytes);
  let lastSeq = await store.lastChange();
  const pushInterval = opts.membersPushIntervalMs ?? MEMBERS_PUSH_INTERVAL_MS;
  const MEMBERS_REQUEST = JSON.stringify({ type: MEMBERS_REQUEST_TYPE });

  // A members request (members.ts), answered at most once per interval per connection: a client
  // asking again and again gets one trailing reply, not one store read per message.
  const replies = new PushLimiter<Connection<Context>>((connection) => {
    void (async () => {
      try {
        const reply = await membersReply(
          store,
          connection.context.user,
          connection.document.name,
          MEMBERS_REQUEST,
        );
        if (reply) connection.sendStateless(reply);
      } catch (e) {
        console.error('members request failed', e);
      }
    })();
  }, pushInterval);

  const server = new Server<Context>({
    name: 'guanghe-sharing',
    address: settings.host,
    port: settings.port,
    quiet: opts.quiet ?? false,
    stopOnSignals: false,
    debounce: opts.storeDebounceMs ?? 2000,
    websocketOptions: { maxPayload: settings.maxMessageBytes },

    // Anything but an allowed extension is turned away before the WebSocket exists.
    onUpgrade({
      request,
      socket,
    }: {
      request: { headers: Record<string, string | string[] | undefined> };
      socket: Duplex;
    }) {
      const origin = request.headers.origin;
      if (typeof origin === 'string' && originAllowed(origin, settings.allowedOrigins))
        return Promise.resolve();
      rejectUpgrade(socket, 403, 'Forbidden');
      // An empty rejection stops Hocuspocus's upgrade without an error (its documented convention).
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      return Promise.reject(null);
    },

    // Plain HTTP: a health check for a load balancer or a supervisor, nothing else.
    onRequest({ request, response }) {
      const health = request.method === 'GET' && request.url === '/healthz';
      response.writeHead(health ? 200 : 404, { 'Content-Type': 'text/plain' });
      response.end(health ? 'ok\n' : 'Not found\n');
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      return Promise.reject(null);
    },

    async onAuthenticate({ token, documentName, connectionConfig, request }) {
      // The upgrade checked the origin; the request seen here is the same one, checked again.
      if (!originAllowed(request.headers.get('origin'), settings.allowedOrigins))
        throw refuse('origin-not-allowed');
      if (!isDocName(documentName)) throw refuse('bad-document-name');
      const check = verifyToken(secret, token);
      if (!check.ok) throw refuse(`token-${check.reason}`);
      const user = check.claims.sub;
      if (!(await store.hasUser(user))) throw refuse('unknown-user');
      const role = await store.roleOf(user, documentName);
      if (!role) throw refuse('not-a-member');
      connectionConfig.readOnly = !canWrite(role);
      return { user, role } satisfies Context;
    },

    beforeHandleMessage({ connection, document, update }) {
      // Read-only connections are refused by Hocuspocus itself (sync status "not applied").
      if (connection.readOnly || gauge.admits(document, update)) return Promise.resolve();
      return Promise.reject(Object.assign(new Error(CLOSE.tooLarge.reason), CLOSE.tooLarge));
    },

    // A revoke committed while this connection was being authorised is seen by neither that check
    // nor the poll (the connection did not exist yet): look again now that it does.
    async connected({ connection, documentName, context }) {
      const role = (await store.hasUser(context.user))
        ? await store.roleOf(context.user, documentName)
        : null;
      if (role !== context.role) {
        connection.close(CLOSE.revoked);
        connection.webSocket.close(CLOSE.revoked.code, CLOSE.revoked.reason);
      }
    },

    // A members request (members.ts), through the limiter. Hocuspocus does not await this hook, so
    // it never throws: a failure is logged and the request goes unanswered.
    onStateless({ connection, documentName, payload }) {
      if (isMembersRequest(payload) && isDocName(documentName))
        replies.request(connection as Connection<Context>);
      return Promise.resolve();
    },

    onChange({ document, update }) {
      gauge.changed(document, update.byteLength);
      return Promise.resolve();
    },

    afterLoadDocument({ document }) {
      gauge.loaded(document);
      return Promise.resolve();
    },

    extensions: [
      new Database({
        fetch: ({ documentName }) => store.fetchDocument(documentName),
        store: async ({ documentName, state }) => {
          if (!isDocName(documentName)) return;
          if (state.byteLength > settings.maxDocumentBytes) {
            console.error(
              `not storing ${documentName}: ${state.byteLength} bytes is over MAX_DOCUMENT_BYTES`,
            );
            return;
          }
          await store.storeDocument(documentName, state);
        },
      }),
    ],
  });

  const hocuspocus = server.hocuspocus;

  /**
   * Closes the live connections of `user` (to `doc`, or to every document when null) but those
   * authorised with the role `kept` (the user's role there now: a first grant closes nothing).
   */
  function closeConnectionsOf(user: string, doc: string | null, kept: Role | null): void {
    for (const document of hocuspocus.documents.values()) {
      if (doc !== null && document.name !== doc) continue;
      for (const connection of document.getConnections() as Connection<Context>[]) {
        if (connection.context.user !== user || connection.context.role === kept) continue;
        connection.close(CLOSE.revoked);
        connection.webSocket.close(CLOSE.revoked.code, CLOSE.revoked.reason);
      }
    }
  }

  /** Sends the fresh member list to every connection still open on the document `name`. */
  async function pushDocument(name: string): Promise<void> {
    const document = hocuspocus.documents.get(name);
    if (!document?.getConnectionsCount() || !isDocName(name)) return;
    const list = await membersOf(store, name);
    const members = new Map(list.map((m) => [m.user, m.role]));
    // Only to the connections authorised as they still are (the others were just closed).
    for (const c of document.getConnections() as Connection<Context>[])
      if (members.get(c.context.user) === c.context.role)
        c.sendStateless(membersMessage(list, c.context.user));
  }

  /** Pushes: at most one per document per interval, a burst's later changes in one trailing push. */
  const pushes = new PushLimiter<string>((name) => {
    pushDocument(name).catch((e: unknown) => console.error('members push failed', e));
  }, pushInterval);

  /** Asks for a push to each of `docs` (null: every document open here). */
  function pushMembers(docs: Set<string | null>): void {
    for (const document of hocuspocus.documents.values())
      if (docs.has(null) || docs.has(document.name)) pushes.request(document.name);
  }

  let polling: Promise<void> | null = null;
  const poll = setInterval(() => {
    if (polling) return;
    polling = (async () => {
      try {
        const changed = new Set<string | null>();
        for (const change of await store.changesSince(lastSeq)) {
          lastSeq = Math.max(lastSeq, change.seq);
          const now =
            change.doc !== null && (await store.hasUser(change.user))
              ? await store.roleOf(change.user, change.doc)
              : null;
          closeConnectionsOf(change.user, change.doc, now);
          changed.add(change.doc);
        }
        if (changed.size) pushMembers(changed);
      } catch (e) {
        console.error('membership poll failed', e);
      } finally {
        polling = null;
      }
    })();
  }, REVOCATION_POLL_MS);

  // Upgraded sockets outlive the HTTP server's close(): kept here so close() can end them, as a
  // stopped process would (clients then see the server gone and reconnect to the next one).
  const sockets = new Set<Duplex>();
  server.httpServer.on('upgrade', (_request: unknown, socket: Duplex) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await server.listen();
  const port = server.address.port;
  let closing: Promise<void> | null = null;
  return {
    port,
    url: `ws://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`,
    hocuspocus,
    close: () =>
      (closing ??= (async () => {
        clearInterval(poll);
        pushes.stop();
        replies.stop();
        await server.destroy();
        for (const socket of sockets) socket.destroy();
        await polling;
        await store.close();
      })()),
  };
}
