/**
 * The sharing server in-process on a random loopback port, over a SQLite file in a temp dir, and
 * clients that connect the way the extension will (@hocuspocus/provider over `ws`, with an Origin).
 * Every wait is bounded (WAIT_MS) and resolves on an event, never on a sleep.
 */
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import pg from 'pg';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { Settings } from '../../server/config.ts';
import { startSharingServer, type SharingServer } from '../../server/server.ts';
import type { Role } from '../../server/names.ts';
import { openStore, type Store } from '../../server/store.ts';
import { issueToken } from '../../server/tokens.ts';

export const WAIT_MS = 5000;
/** The allowed extension (a Chrome id is 32 letters a–p). */
export const ORIGIN = `chrome-extension://${'a'.repeat(32)}`;

/** Resolves with what `subscribe` hands to its callback first, or rejects after `ms`. */
export function waitFor<T>(
  what: string,
  subscribe: (done: (v: T) => void) => void,
  ms = WAIT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    subscribe((v) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}

export interface Harness {
  dir: string;
  secret: Buffer;
  server: SharingServer;
  /** A second handle on the server's store, as the CLI would have. */
  admin: Store;
  settings: Settings;
  restart(): Promise<void>;
  /** Adds the user if need be and gives the role. */
  member(user: string, doc: string, role: Role): Promise<string>;
  token(user: string, ttlS?: number, nowS?: number): string;
  dispose(): Promise<void>;
}

export async function startHarness(
  overrides: Partial<Settings> = {},
  serverOptions: { membersPushIntervalMs?: number } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sharing-test-'));
  const secret = randomBytes(32);
  const settings: Settings = {
    host: '127.0.0.1',
    port: 0,
    store: { kind: 'sqlite', target: join(dir, 'sharing.sqlite') },
    secretFile: join(dir, 'sharing-secret.key'),
    secretEnv: undefined,
    allowedOrigins: [ORIGIN],
    maxMessageBytes: 1024 * 1024,
    maxDocumentBytes: 4 * 1024 * 1024,
    ...overrides,
  };
  const boot = async () =>
    startSharingServer({
      settings,
      store: await openStore(settings.store),
      secret,
      quiet: true,
      storeDebounceMs: 50,
      ...serverOptions,
    });
  const h: Harness = {
    dir,
    secret,
    settings,
    server: await boot(),
    admin: await openStore(settings.store),
    async restart() {
      await h.server.close();
      h.server = await boot();
    },
    async member(user, doc, role) {
      await h.admin.addUser(user);
      await h.admin.grant(user, doc, role);
      return h.token(user);
    },
    token: (user, ttlS, nowS) => issueToken(secret, user, ttlS, nowS),
    async dispose() {
      for (const c of clients.splice(0)) c.destroy();
      await h.server.close();
      await h.admin.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

const clients: Client[] = [];

/**
 * `ws` with the Origin header an extension page sends, and a browser's manners on error: a provider
 * that is destroyed drops its listeners and then closes a socket that may still be connecting, on
 * which `ws` emits 'error' (a Node EventEmitter throws an 'error' nobody listens to; a browser's
 * WebSocket only fires an event). The listener kept here turns that into a no-op, as in Chrome.
 */
export function socketClass(origin: string) {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
      this.on('error', () => {});
    }
  };
}

export interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Resolves once the server accepted the token (true) or refused (the reason). */
  auth: Promise<true | string>;
  /** Resolves when the client's own changes have all been applied by the server. */
  saved(): Promise<void>;
  /** The next sync status the server sends: false when it refused an update. */
  nextSyncStatus(): Promise<boolean>;
  /** Resolves when the document has a value at `key` in the map `ledger`. */
  has(key: string): Promise<unknown>;
  destroy(): void;
}

export function connect(h: Harness, name: string, token: string, origin = ORIGIN): Client {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: h.server.url,
    WebSocketPolyfill: socketClass(origin),
    // Reconnect at once (the tests that close a connection then see the next attempt refused).
    delay: 10,
    minDelay: 10,
    maxDelay: 50,
    jitter: false,
  });
  let settle: (v: true | string) => void = () => {};
  const auth = waitFor<true | string>(`authentication of ${name}`, (done) => (settle = done));
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token,
    onAuthenticated: () => settle(true),
    onAuthenticationFailed: ({ reason }) => settle(reason),
  });
  provider.attach();
  const statuses: ((ok: boolean) => void)[] = [];
  provider.on('message', ({ event }: { event: MessageEvent }) => {
    const bytes = new Uint8Array(event.data as ArrayBuffer);
    // Address, then type: 8 is SyncStatus, followed by 1 (applied) or 0 (refused).
    const d = decoding.createDecoder(bytes);
    decoding.readVarString(d);
    if (decoding.readVarUint(d) !== 8) return;
    const applied = decoding.readVarInt(d) === 1;
    statuses.splice(0).forEach((cb) => cb(applied));
  });
  const client: Client = {
    doc,
    provider,
    socket,
    auth,
    saved: () =>
      provider.hasUnsyncedChanges
        ? waitFor<void>(`${name} saved`, (done) => {
            const check = ({ number }: { number: number }) => {
              if (number === 0) {
                provider.off('unsyncedChanges', check);
                done();
              }
            };
            provider.on('unsyncedChanges', check);
          })
        : Promise.resolve(),
    nextSyncStatus: () => waitFor<boolean>(`a sync status on ${name}`, (done) => statuses.push(done)),
    has: (key) => {
      const map = doc.getMap('ledger');
      if (map.has(key)) return Promise.resolve(map.get(key));
      return waitFor(`${key} in ${name}`, (done) => {
        const watch = () => {
          if (!map.has(key)) return;
          map.unobserve(watch);
          done(map.get(key));
        };
        map.observe(watch);
      });
    },
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
  clients.push(client);
  return client;
}

/** The stored state of a document, read back as a Yjs document (empty when never stored). */
export async function storedDoc(store: Store, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const state = await store.fetchDocument(name);
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

export const newDocName = () => `ws:${crypto.randomUUID()}`;

/** A loopback port free now (for a server the test stops and starts again on the same port). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * TEST_DATABASE_URL when it names a Postgres that answers within 2 s, else null: no Postgres, no
 * Postgres tests (skipped, not failed).
 */
export async function reachablePostgres(): Promise<string | null> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return null;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}
