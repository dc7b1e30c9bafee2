/**
 * The sharing phase of `npm run bench` (issue 16; bench/README.md, figures 16–18): the extension's own
 * sync code (the background's sharing hub and `SharedSession`, `utils/sync`, `utils/ledger/shared.ts`)
 * driven in Node, each member's ledger a Dexie over fake-indexeddb, against the real sharing server
 * (`server/server.ts`) running as its own process (bench/sharing/server-child.ts) on loopback.
 *
 * 1. A→B latency: a ledger command in A (`upsertAccount`) until the row is in B's Dexie, alternating
 *    with its floor: an update of the same shape and size carried A→B by bare `@hocuspocus/provider`
 *    clients through the same server (no sealing, no Dexie, no projection).
 * 2. First sync of a 50,000-event workspace: a member joining (a fresh ledger, its session started)
 *    until its ledger holds what the document holds, alternating with `applyImport` of the same
 *    backup into an empty ledger.
 * 3. Server memory: 100 shared-workspace documents of 10,000 events (written by `writeChange`) in
 *    a SQLite store, all loaded by a fresh server process, then unloaded.
 *
 * Every wait is bounded; each server process is killed on the way out, error or not.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import Dexie from 'dexie';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  runSharingCommand,
  sessionOf,
  startSharing,
  stopSharing,
} from '@/entrypoints/background/sharing-hub';
import { SharedSession, type SyncStatus } from '@/entrypoints/background/sharing';
import { applyImport, openLedger, upsertAccount, type LedgerDb } from '@/utils/ledger';
import { toBase64Url } from '@/utils/sync/base64url';
import { docMap, writeChange, WRITE_SLICE_ROWS, type DocChange } from '@/utils/sync/doc';
import { decodeInviteCode, documentName } from '@/utils/sync/invite-code';
import { deriveWorkspaceKeys, newWorkspaceSecret } from '@/utils/sync/keys';
import { openSqliteStore } from '../../server/store-sqlite.ts';
import type { Store } from '../../server/store.ts';
import { issueToken } from '../../server/tokens.ts';
import type { Figure } from '../lib/figures';
import { side } from '../lib/figures';
import { goalText, meets, ratioFigure } from '../lib/goal';
import { makeSeed, serializeSeed, workspaceId as seedWorkspaceId, type SeedBackup } from '../lib/seed';
import { MB, memoryGrowth, withWorkspaceId, type MemoryReading } from '../lib/sharing';
import { quantile, median } from '../lib/stats';
import { startServerChild, type ServerChild } from './child';

/** The allowed extension origin (a Chrome id is 32 letters a–p), sent by every client's WebSocket. */
const ORIGIN = `chrome-extension://${'a'.repeat(32)}`;
const NOW = Date.UTC(2026, 10, 1);
const RETRY = { delay: 50, minDelay: 50, maxDelay: 500 };

/**
 * The server's limits for the bench: a 50,000-event workspace's document is ~26 MB. Since the first
 * upload goes in slices (utils/sync/doc.ts) and the default document limit is 64 MiB
 * (server/config.ts), the defaults take it; the bench still sets both limits, so the figure does not
 * depend on them.
 */
const LIMIT_BYTES = 96 * MB;

export interface Sizes {
  latency: { accounts: number; events: number; pairs: number; warmup: number; maxMs: number };
  /** A few edits on a larger workspace, for the latency row's note (how it grows with the document). */
  latencyLarge: { accounts: number; events: number; pairs: number; warmup: number; maxMs: number };
  firstSync: { accounts: number; events: number; rounds: number };
  memory: { workspaces: number; distinct: number; accounts: number; events: number };
}

export const FULL: Sizes = {
  latency: { accounts: 100, events: 1_000, pairs: 100, warmup: 5, maxMs: 120_000 },
  latencyLarge: { accounts: 100, events: 10_000, pairs: 5, warmup: 1, maxMs: 60_000 },
  firstSync: { accounts: 1_000, events: 50_000, rounds: 3 },
  memory: { workspaces: 100, distinct: 10, accounts: 100, events: 10_000 },
};

export const QUICK: Sizes = {
  latency: { accounts: 100, events: 1_000, pairs: 20, warmup: 2, maxMs: 30_000 },
  latencyLarge: { accounts: 100, events: 5_000, pairs: 2, warmup: 1, maxMs: 15_000 },
  firstSync: { accounts: 200, events: 10_000, rounds: 2 },
  memory: { workspaces: 20, distinct: 2, accounts: 100, events: 10_000 },
};

const n = (x: number) => x.toLocaleString('en');

/** `ws` with the Origin header an extension page sends, and a browser's silence on a late error. */
class ExtensionSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: ORIGIN });
    this.on('error', () => {});
  }
}

/**
 * Resolves once `check` holds: checked now, whenever `poke` is called (the caller wires it to the
 * events that can make it true) and every `pollMs` as a fallback; rejects after `ms`.
 */
async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms: number,
  wire: (poke: () => void) => () => void = () => () => {},
  pollMs = 200,
): Promise<void> {
  if (await check()) return;
  await new Promise<void>((done, fail) => {
    let busy = false;
    let again = false;
    let over = false;
    const finish = (e?: Error) => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      clearInterval(poll);
      unwire();
      if (e) fail(e);
      else done();
    };
    const poke = () => {
      if (over) return;
      if (busy) return void (again = true);
      busy = true;
      void Promise.resolve(check()).then(
        (ok) => {
          busy = false;
          if (ok) finish();
          else if (again) {
            again = false;
            poke();
          }
        },
        (e: unknown) => finish(e instanceof Error ? e : new Error(String(e))),
      );
    };
    const timer = setTimeout(() => finish(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    const poll = setInterval(poke, pollMs);
    const unwire = wire(poke);
  });
}

/** The seed backup of one workspace with `accounts` / `events`, its id a UUID (as shared ids are). */
function seedText(ws: string, accounts: number, events: number, seed = 1): string {
  const text = serializeSeed(makeSeed({ workspaces: [{ accounts, events }], now: NOW, seed }));
  return withWorkspaceId(text, seedWorkspaceId(0), ws);
}

const freshLedger = (tag: string): LedgerDb => openLedger(`bench-sharing-${tag}-${crypto.randomUUID()}`);

async function countIn(db: LedgerDb, ws: string) {
  const of = (t: { where(i: string): { equals(v: string): { count(): Promise<number> } } }) =>
    t.where('workspaceId').equals(ws).count();
  return {
    workspace: (await db.workspaces.get(ws)) ? 1 : 0,
    accounts: await of(db.accounts),
    bindings: await of(db.bindings),
    permissions: await of(db.permissions),
    events: await of(db.events),
  };
}

/** What a document holds, per kind (the workspace row counted as 0 or 1). */
function docCounts(doc: Y.Doc) {
  return {
    workspace: docMap(doc, 'workspace').size,
    accounts: docMap(doc, 'accounts').size,
    bindings: docMap(doc, 'bindings').size,
    permissions: docMap(doc, 'permissions').size,
    events: docMap(doc, 'events').size,
  };
}

interface ServerSetup {
  dir: string;
  child: ServerChild;
  admin: Store;
  secret: Buffer;
  member(user: string, doc: string, role: 'owner' | 'editor'): Promise<string>;
  dispose(): Promise<void>;
}

async function startServer(tag: string, extraEnv: Record<string, string> = {}): Promise<ServerSetup> {
  const dir = mkdtempSync(join(tmpdir(), `guanghe-bench-sharing-${tag}-`));
  const file = join(dir, 'sharing.sqlite');
  const secret = randomBytes(32);
  const admin = openSqliteStore(file);
  let child: ServerChild;
  try {
    child = await startServerChild({
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dir,
      DATABASE_URL: file,
      SHARING_SECRET: secret.toString('hex'),
      ALLOWED_ORIGINS: ORIGIN,
      MAX_DOCUMENT_BYTES: String(LIMIT_BYTES),
      MAX_MESSAGE_BYTES: String(LIMIT_BYTES),
      ...extraEnv,
    });
  } catch (e) {
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    dir,
    child,
    admin,
    secret,
    async member(user, doc, role) {
      await admin.addUser(user);
      await admin.grant(user, doc, role);
      return issueToken(secret, user);
    },
    async dispose() {
      await child.close();
      await admin.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------ 1. A→B latency

interface BareClient {
  doc: Y.Doc;
  destroy(): void;
}

/** A bare Hocuspocus client of `name`: resolves once it has synced with the server. */
async function bareClient(url: string, name: string, token: string): Promise<BareClient> {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: ExtensionSocket, ...RETRY });
  let synced = false;
  let refused: string | null = null;
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token,
    onSynced: ({ state }) => void (synced = state || synced),
    onAuthenticationFailed: ({ reason }) => void (refused = reason),
  });
  provider.attach();
  const destroy = () => {
    provider.destroy();
    socket.destroy();
  };
  try {
    await until(
      `the bare client of ${name} to sync`,
      () => {
        if (refused) throw new Error(`bare client refused: ${refused}`);
        return synced;
      },
      15_000,
      (poke) => {
        provider.on('synced', poke);
        return () => provider.off('synced', poke);
      },
      50,
    );
  } catch (e) {
    destroy();
    throw e;
  }
  return { doc, destroy };
}

/** The entries one update sets: root map, key length, value length (a sealed text). */
type Shape = [root: string, keyLength: number, valueLength: number][];

function shapeOf(update: Uint8Array): Shape {
  const out: Shape = [];
  for (const s of Y.decodeUpdate(update).structs) {
    const item = s as unknown as { parent?: unknown; parentSub?: unknown; content?: { arr?: unknown[] } };
    const value = item.content?.arr?.[0];
    if (typeof item.parent === 'string' && typeof item.parentSub === 'string' && typeof value === 'string')
      out.push([item.parent, item.parentSub.length, value.length]);
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function randomText(length: number): string {
  const bytes = randomBytes(length);
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[bytes[i]! & 63];
  return s;
}

/**
 * A shares workspace `ws` of its ledger through the background's hub, as the panel's 开启共享 does:
 * its session then sees A's writes through Dexie's `storagemutated`, as in the worker.
 */
async function shareFromA(
  srv: Awaited<ReturnType<typeof startServer>>,
  ws: string,
  dbA: LedgerDb,
  tokenA: string,
  cleanups: (() => unknown)[],
) {
  await startSharing({
    db: () => dbA,
    granted: () => Promise.resolve(true),
    session: { WebSocketPolyfill: ExtensionSocket, retry: RETRY },
  });
  cleanups.push(() => stopSharing());
  const shared = await runSharingCommand({
    op: 'share',
    workspaceId: ws,
    server: srv.child.url,
    user: 'alice',
    token: tokenA,
  });
  if (!shared.ok || !shared.inviteCode) throw new Error(`share refused: ${JSON.stringify(shared)}`);
  const a = sessionOf(ws);
  if (!a) throw new Error('no session for the shared workspace');
  return { a, inviteCode: shared.inviteCode };
}

interface LatencySamples {
  ours: number[];
  floor: number[];
  oursBytes: number[];
  floorBytes: number[];
  entries: number[];
  setupSeconds: number;
  stoppedEarly: boolean;
}

export async function latencyRow(sizes: Sizes['latency']): Promise<LatencySamples> {
  const setupStart = performance.now();
  const srv = await startServer('latency');
  const cleanups: (() => unknown)[] = [];
  try {
    // A: a ledger of `accounts` / `events`, shared through the background's hub (as the panel's
    // 开启共享 does): its sessions see A's writes through Dexie's `storagemutated`, as in the worker.
    const ws = crypto.randomUUID();
    const dbA = freshLedger('a');
    cleanups.push(() => dbA.delete());
    await applyImport(dbA, seedText(ws, sizes.accounts, sizes.events));
    const name = documentName(ws);
    const tokenA = await srv.member('alice', name, 'owner');
    const tokenB = await srv.member('bob', name, 'editor');
    const { a, inviteCode } = await shareFromA(srv, ws, dbA, tokenA, cleanups);
    const docUpdates = (poke: () => void) => {
      a.doc.on('update', poke);
      return () => a.doc.off('update', poke);
    };
    await until(
      'A to have sent its workspace',
      () =>
        a.current.state === 'synced' && a.current.unsent === 0 && docCounts(a.doc).events === sizes.events,
      60_000,
      docUpdates,
    );

    // B: joins with A's invite code (its own ledger, its own session).
    const code = decodeInviteCode(inviteCode);
    const dbB = freshLedger('b');
    cleanups.push(() => dbB.delete());
    const b = new SharedSession(
      dbB,
      { workspaceId: ws, server: code.server, user: 'bob', token: tokenB, secret: toBase64Url(code.secret) },
      { WebSocketPolyfill: ExtensionSocket, retry: RETRY },
    );
    cleanups.push(() => b.stop());
    await b.start();
    await until(
      'B to hold the workspace',
      async () => (await countIn(dbB, ws)).events === sizes.events,
      60_000,
      (poke) => {
        b.doc.on('update', poke);
        return () => b.doc.off('update', poke);
      },
    );

    // The floor's two bare clients, on a document of their own on the same server.
    const floorName = documentName(crypto.randomUUID());
    const fa = await bareClient(srv.child.url, floorName, await srv.member('alice', floorName, 'owner'));
    cleanups.push(() => fa.destroy());
    const fb = await bareClient(srv.child.url, floorName, await srv.member('bob', floorName, 'editor'));
    cleanups.push(() => fb.destroy());

    /** Times of B's committed writes to its accounts table (Dexie's `storagemutated`, this process). */
    const bWrites: number[] = [];
    let bWrote: (() => void) | null = null;
    const onMutated = (parts: Record<string, unknown>) => {
      if (!Object.keys(parts).some((k) => k.startsWith(`idb://${dbB.name}/accounts/`))) return;
      bWrites.push(performance.now());
      bWrote?.();
    };
    Dexie.on('storagemutated', onMutated);
    cleanups.push(() => Dexie.on('storagemutated').unsubscribe(onMutated));

    let seq = 0;
    let lastShape: Shape | null = null;
    const ours = async (): Promise<{ ms: number; bytes: number; shape: Shape }> => {
      const i = seq++;
      const updates: Uint8Array[] = [];
      const onUpdate = (u: Uint8Array) => void updates.push(u);
      a.doc.on('update', onUpdate);
      bWrites.length = 0;
      try {
        const t0 = performance.now();
        const row = await upsertAccount(dbA, ws, {
          guangguangId: `77${String(i).padStart(8, '0')}`,
          nickname: `延迟测试${i}`,
        });
        // The first of B's commits after which B's ledger holds the row.
        let checked = 0;
        let t1: number | null = null;
        await until(
          `account ${i} in B's ledger`,
          async () => {
            while (checked < bWrites.length) {
              const at = bWrites[checked++]!;
              if (await dbB.accounts.get(row.id)) {
                t1 = at;
                return true;
              }
            }
            return false;
          },
          10_000,
          (poke) => {
            bWrote = poke;
            return () => (bWrote = null);
          },
          100,
        );
        const shape = updates.flatMap(shapeOf);
        if (!shape.length) throw new Error('A sent no update for the edit');
        return { ms: t1! - t0, bytes: updates.reduce((s, u) => s + u.byteLength, 0), shape };
      } finally {
        a.doc.off('update', onUpdate);
      }
    };
    const floor = async (shape: Shape): Promise<{ ms: number; bytes: number }> => {
      const entries = shape.map(([root, k, v]) => [root, randomText(k), randomText(v)] as const);
      const [lastRoot, lastKey] = entries.at(-1)!;
      let bytes = 0;
      const onUpdate = (u: Uint8Array) => void (bytes += u.byteLength);
      fa.doc.on('update', onUpdate);
      try {
        const t0 = performance.now();
        let t1: number | null = null;
        const arrived = until(
          'the floor update in the second client',
          () => {
            if (!fb.doc.getMap(lastRoot).has(lastKey)) return false;
            t1 ??= performance.now();
            return true;
          },
          10_000,
          (poke) => {
            const at = () => {
              if (fb.doc.getMap(lastRoot).has(lastKey)) t1 ??= performance.now();
              poke();
            };
            fb.doc.on('update', at);
            return () => fb.doc.off('update', at);
          },
          100,
        );
        fa.doc.transact(() => {
          for (const [root, k, v] of entries) fa.doc.getMap(root).set(k, v);
        });
        await arrived;
        return { ms: t1! - t0, bytes };
      } finally {
        fa.doc.off('update', onUpdate);
      }
    };

    const out: LatencySamples = {
      ours: [],
      floor: [],
      oursBytes: [],
      floorBytes: [],
      entries: [],
      setupSeconds: (performance.now() - setupStart) / 1000,
      stoppedEarly: false,
    };
    const end = performance.now() + sizes.maxMs;
    for (let p = 0; p < sizes.warmup + sizes.pairs; p++) {
      if (performance.now() > end) {
        out.stoppedEarly = true;
        break;
      }
      const keep = p >= sizes.warmup;
      // Alternating, the first side rotating: ours then floor, then floor then ours, ….
      const order = p % 2 === 0 || !lastShape ? (['ours', 'floor'] as const) : (['floor', 'ours'] as const);
      for (const s of order) {
        if (s === 'ours') {
          const r = await ours();
          lastShape = r.shape;
          if (keep) {
            out.ours.push(r.ms);
            out.oursBytes.push(r.bytes);
            out.entries.push(r.shape.length);
          }
        } else {
          const r = await floor(lastShape!);
          if (keep) {
            out.floor.push(r.ms);
            out.floorBytes.push(r.bytes);
          }
        }
      }
    }
    return out;
  } finally {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
    await srv.dispose();
  }
}

// ------------------------------------------------------------------ 2. first sync

interface FirstSyncSamples {
  ours: number[];
  floor: number[];
  uploadSeconds: number;
  docBytes: number;
  doc: ReturnType<typeof docCounts>;
  backupRows: number;
  ledgerB: Awaited<ReturnType<typeof countIn>>;
}

async function firstSyncRow(sizes: Sizes['firstSync']): Promise<FirstSyncSamples> {
  const srv = await startServer('first-sync');
  const cleanups: (() => unknown)[] = [];
  try {
    const ws = crypto.randomUUID();
    const text = seedText(ws, sizes.accounts, sizes.events);
    const dbA = freshLedger('a');
    cleanups.push(() => dbA.delete());
    const imported = await applyImport(dbA, text);
    const name = documentName(ws);
    const tokenA = await srv.member('alice', name, 'owner');
    const tokenB = await srv.member('bob', name, 'editor');
    // A shares (uploads) the workspace through the hub, as the panel's 开启共享 does.
    const t0 = performance.now();
    const { a, inviteCode } = await shareFromA(srv, ws, dbA, tokenA, cleanups);
    await until(
      'A to have uploaded the workspace',
      () =>
        a.current.state === 'synced' && a.current.unsent === 0 && docCounts(a.doc).events === sizes.events,
      300_000,
      (poke) => {
        a.doc.on('update', poke);
        return () => a.doc.off('update', poke);
      },
      500,
    );
    const uploadSeconds = (performance.now() - t0) / 1000;
    const doc = docCounts(a.doc);
    const docBytes = Y.encodeStateAsUpdate(a.doc).byteLength;
    const code = decodeInviteCode(inviteCode);
    const config = {
      workspaceId: ws,
      server: code.server,
      user: 'bob',
      token: tokenB,
      secret: toBase64Url(code.secret),
    };

    let ledgerB: Awaited<ReturnType<typeof countIn>> | null = null;
    /** B joins with a fresh ledger: from its session's start until its ledger holds the document. */
    const ours = async (): Promise<number> => {
      const db = freshLedger('b');
      const statuses: SyncStatus[] = [];
      let poked: (() => void) | null = null;
      const session = new SharedSession(db, config, {
        WebSocketPolyfill: ExtensionSocket,
        retry: RETRY,
        onStatus: (s) => {
          statuses.push(s);
          poked?.();
        },
      });
      try {
        const t = performance.now();
        await session.start();
        await until(
          "B's ledger to hold the shared workspace",
          async () => {
            if (!statuses.some((s) => s.state === 'synced')) return false;
            await session.idle();
            const c = await countIn(db, ws);
            if (
              c.events !== doc.events ||
              c.accounts !== doc.accounts ||
              c.bindings !== doc.bindings ||
              !c.workspace
            )
              return false;
            ledgerB = c;
            return true;
          },
          300_000,
          (poke) => {
            poked = poke;
            // B's commits (Dexie's `storagemutated`, this process): the row's end is seen when B's ledger
            // writes it, not at the next poll (a pull that changes no status would wait up to a second).
            const onMutated = (parts: Record<string, unknown>) => {
              if (Object.keys(parts).some((k) => k.startsWith(`idb://${db.name}/`))) poke();
            };
            Dexie.on('storagemutated', onMutated);
            return () => {
              poked = null;
              Dexie.on('storagemutated').unsubscribe(onMutated);
            };
          },
          1000,
        );
        return performance.now() - t;
      } finally {
        session.stop();
        await db.delete();
      }
    };
    const floor = async (): Promise<number> => {
      const db = freshLedger('import');
      try {
        const t = performance.now();
        const r = await applyImport(db, text);
        const ms = performance.now() - t;
        if (r.new !== imported.new)
          throw new Error(`the floor's import wrote ${r.new} rows, not ${imported.new}`);
        return ms;
      } finally {
        await db.delete();
      }
    };
    const out: FirstSyncSamples = {
      ours: [],
      floor: [],
      uploadSeconds,
      docBytes,
      doc,
      backupRows: imported.new,
      ledgerB: { workspace: 0, accounts: 0, bindings: 0, permissions: 0, events: 0 },
    };
    for (let r = 0; r < sizes.rounds; r++) {
      const order = r % 2 === 0 ? (['ours', 'floor'] as const) : (['floor', 'ours'] as const);
      for (const s of order)
        (s === 'ours' ? out.ours : out.floor).push(await (s === 'ours' ? ours() : floor()));
    }
    if (ledgerB) out.ledgerB = ledgerB;
    return out;
  } finally {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
    await srv.dispose();
  }
}

// ------------------------------------------------------------------ 3. server memory

interface MemorySamples {
  empty: MemoryReading;
  loaded: MemoryReading;
  unloaded: MemoryReading;
  stateBytes: number;
  entries: Record<string, number>;
  buildSeconds: number;
  loadSeconds: number;
  unloadSeconds: number;
}

/** One workspace's whole ledger as a document, written by the extension's own writer. */
async function buildState(sizes: Sizes['memory'], k: number): Promise<Uint8Array> {
  const ws = crypto.randomUUID();
  const b = JSON.parse(seedText(ws, sizes.accounts, sizes.events, k + 1)) as SeedBackup;
  const keys = await deriveWorkspaceKeys(newWorkspaceSecret(), ws);
  const doc = new Y.Doc();
  const change: DocChange = {
    workspace: b.workspaces[0]!,
    accounts: b.accounts,
    bindings: b.bindings,
    permissions: b.permissions,
    events: b.events,
  };
  await writeChange(doc, keys, 'alice', change);
  return Y.encodeStateAsUpdate(doc);
}

export async function memoryRow(sizes: Sizes['memory']): Promise<MemorySamples> {
  const t0 = performance.now();
  const states: Uint8Array[] = [];
  for (let k = 0; k < sizes.distinct; k++) states.push(await buildState(sizes, k));
  const names = Array.from({ length: sizes.workspaces }, () => documentName(crypto.randomUUID()));
  const warm = documentName(crypto.randomUUID());
  const dir = mkdtempSync(join(tmpdir(), 'guanghe-bench-sharing-memory-'));
  try {
    const file = join(dir, 'sharing.sqlite');
    const store = openSqliteStore(file);
    try {
      await store.storeDocument(warm, states[0]!);
      for (let i = 0; i < names.length; i++) await store.storeDocument(names[i]!, states[i % states.length]!);
    } finally {
      await store.close();
    }
    const buildSeconds = (performance.now() - t0) / 1000;
    const child = await startServerChild({
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dir,
      DATABASE_URL: file,
      SHARING_SECRET: randomBytes(32).toString('hex'),
      ALLOWED_ORIGINS: ORIGIN,
      MAX_DOCUMENT_BYTES: String(LIMIT_BYTES),
      MAX_MESSAGE_BYTES: String(LIMIT_BYTES),
    });
    try {
      // One document loaded and unloaded first, so code and caches a first load warms are in `empty`.
      await child.request('load', { names: [warm] }, 60_000);
      await child.request('unload', {}, 90_000);
      const empty = await child.request<MemoryReading>('memory');
      const t1 = performance.now();
      const loadedInfo = await child.request<{ loaded: number; entries: Record<string, number> }>(
        'load',
        { names },
        240_000,
      );
      const loadSeconds = (performance.now() - t1) / 1000;
      if (loadedInfo.loaded !== names.length)
        throw new Error(`${loadedInfo.loaded} documents loaded, not ${names.length}`);
      const loaded = await child.request<MemoryReading>('memory');
      const t2 = performance.now();
      await child.request('unload', {}, 240_000);
      const unloadSeconds = (performance.now() - t2) / 1000;
      const unloaded = await child.request<MemoryReading>('memory');
      const stateBytes =
        names.reduce((s, _, i) => s + states[i % states.length]!.byteLength, 0) / names.length;
      return {
        empty,
        loaded,
        unloaded,
        stateBytes,
        entries: loadedInfo.entries,
        buildSeconds,
        loadSeconds,
        unloadSeconds,
      };
    } finally {
      await child.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ figures

/** Goals (bench/README.md, figures 16–18). */
export const GOALS = {
  latencyRatio: { op: '<=', limit: 30 },
  latencyP95Ms: { op: '<=', limit: 100 },
  firstSyncRatio: { op: '<=', limit: 2 },
  perStateByte: { op: '<=', limit: 3 },
  retained: { op: '<=', limit: 0.1 },
} as const;

export async function runSharingPhase(quick: boolean): Promise<{
  figures: Figure[];
  info: Record<string, unknown>;
}> {
  const sizes = quick ? QUICK : FULL;
  const figures: Figure[] = [];
  const info: Record<string, unknown> = {
    sizes,
    runtime: 'node + fake-indexeddb (the extension code in Node)',
  };
  const step = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await run();
    } finally {
      info[`${label}Seconds`] = Math.round((performance.now() - t) / 100) / 10;
    }
  };
  const label = quick ? ' (quick sizes)' : '';

  // 1.
  const lat = await step('latency', () => latencyRow(sizes.latency));
  const L = sizes.latency;
  const large = await step('latencyLarge', () => latencyRow(sizes.latencyLarge));
  const LL = sizes.latencyLarge;
  const bytes = `update ${n(Math.round(median(lat.oursBytes)))} B / floor ${n(Math.round(median(lat.floorBytes)))} B (median), ${median(lat.entries)} entries`;
  figures.push(
    ratioFigure({
      id: 'sharing.latency',
      name: `shared edit A→B p95, ${n(L.accounts)} accounts / ${n(L.events)} events: ours / bare Hocuspocus${label}`,
      goal: GOALS.latencyRatio,
      quantile: 0.95,
      derived:
        "p95(upsertAccount in A's ledger → the row in B's Dexie) / p95(the same-shape Yjs update between two bare @hocuspocus/provider clients, same server), alternating",
      unit: 'ms',
      subject: { label: 'ours: A command → B Dexie row', values: lat.ours },
      floor: { label: 'bare providers, same update size', values: lat.floor },
      note: `median ${med(lat.ours)} ms / floor ${med(lat.floor)} ms; ${bytes}; ${lat.ours.length} pairs${lat.stoppedEarly ? ' (stopped at the time limit)' : ''}; includes the hub's 50 ms debounce of local writes; on ${n(LL.accounts)} accounts / ${n(LL.events)} events: median ${med(large.ours)} ms (max ${Math.max(...large.ours).toFixed(0)}, n=${large.ours.length}) / floor ${med(large.floor)} ms`,
      samples: {
        ours: lat.ours,
        floor: lat.floor,
        oursBytes: lat.oursBytes,
        floorBytes: lat.floorBytes,
        oursLarge: large.ours,
        floorLarge: large.floor,
      },
    }),
  );
  const p95 = quantile(
    [...lat.ours].sort((x, y) => x - y),
    0.95,
  );
  figures.push({
    id: 'sharing.latency-p95',
    name: `shared edit A→B p95, absolute, loopback${label}`,
    value: p95,
    unit: 'ms',
    derived: "p95 of A's command → the row in B's Dexie",
    budget: GOALS.latencyP95Ms,
    subject: side('ours', 'ms', lat.ours),
    baseline: side('bare providers', 'ms', lat.floor),
    note: `${meets(p95, GOALS.latencyP95Ms) ? 'meets' : 'misses'} ${goalText(GOALS.latencyP95Ms)} ms (absolute: only meaningful on a quiet machine)`,
  });

  // 2.
  const fs = await step('firstSync', () => firstSyncRow(sizes.firstSync));
  const F = sizes.firstSync;
  figures.push(
    ratioFigure({
      id: 'sharing.first-sync',
      name: `first sync of a shared ${n(F.events)}-event workspace / applyImport of its backup${label}`,
      goal: GOALS.firstSyncRatio,
      derived:
        "median(a member's session start → its ledger holds the document) / median(applyImport of the same backup into an empty ledger), alternating",
      unit: 'ms',
      subject: { label: 'first sync (B joins)', values: fs.ours },
      floor: { label: 'applyImport of the backup', values: fs.floor },
      note: `${n(F.accounts)} accounts; document ${(fs.docBytes / MB).toFixed(1)} MiB (${n(fs.doc.events)} events, ${n(fs.doc.accounts)} accounts, ${n(fs.doc.bindings)} bindings, ${n(fs.doc.permissions)} permissions); B's ledger ${n(fs.ledgerB.events)} events / ${n(fs.ledgerB.accounts)} accounts / ${n(fs.ledgerB.bindings)} bindings / ${n(fs.ledgerB.permissions)} permissions, the backup ${n(fs.backupRows)} rows; A's upload (share) took ${fs.uploadSeconds.toFixed(1)} s; server limits set to ${LIMIT_BYTES / MB} MiB (the defaults, 64 MiB document / 8 MiB message, take it: the upload goes in slices of ${n(WRITE_SLICE_ROWS)} rows)`,
      samples: { ours: fs.ours, floor: fs.floor },
    }),
  );

  // 3.
  const mem = await step('memory', () => memoryRow(sizes.memory));
  const M = sizes.memory;
  const g = memoryGrowth(mem.empty, mem.loaded, mem.unloaded, M.workspaces, mem.stateBytes);
  const memName = `${n(M.workspaces)} workspaces × ${n(M.events)} events${label}`;
  const readings = `held (heap + external) MiB: empty ${mib(mem.empty)}, loaded ${mib(mem.loaded)}, unloaded ${mib(mem.unloaded)}; RSS MiB ${(mem.empty.rss / MB).toFixed(0)} / ${(mem.loaded.rss / MB).toFixed(0)} / ${(mem.unloaded.rss / MB).toFixed(0)}`;
  const memNote = `${readings}; state ${(mem.stateBytes / MB).toFixed(2)} MiB per document (${M.distinct} distinct states written by writeChange, ${n(M.accounts)} accounts each; a loaded document: ${JSON.stringify(mem.entries)}); load ${mem.loadSeconds.toFixed(1)} s, unload ${mem.unloadSeconds.toFixed(1)} s`;
  figures.push({
    id: 'sharing.server-memory.per-workspace',
    name: `sync server memory per loaded workspace, ${memName}`,
    value: g.perWorkspace / MB,
    unit: 'MiB',
    derived: '(heap + external, all loaded − empty server) / workspaces, after two collections',
    budget: null,
    subject: null,
    baseline: null,
    note: `RSS ${(g.rssPerWorkspace / MB).toFixed(2)} MiB per workspace; ${memNote}`,
  });
  figures.push({
    id: 'sharing.server-memory.per-state-byte',
    name: `sync server memory per byte of stored document, ${memName}`,
    value: g.perStateByte,
    unit: '×',
    derived: 'held bytes per loaded workspace / its stored state (bytes)',
    budget: GOALS.perStateByte,
    subject: null,
    baseline: null,
    note: `${(g.perWorkspace / MB).toFixed(2)} MiB held per ${(mem.stateBytes / MB).toFixed(2)} MiB of state`,
  });
  figures.push({
    id: 'sharing.server-memory.retained',
    name: `sync server memory kept after unloading every workspace, ${memName}`,
    value: g.retainedAfterUnload,
    unit: '×',
    derived: '(held after unload − empty) / (held loaded − empty)',
    budget: GOALS.retained,
    subject: null,
    baseline: null,
    note: readings,
  });
  return { figures, info };
}

const med = (v: readonly number[]) => median(v).toFixed(1);
const mib = (m: MemoryReading) =>
  `${((m.heapUsed + m.external) / MB).toFixed(1)} (heap ${(m.heapUsed / MB).toFixed(1)} + external ${(m.external / MB).toFixed(1)})`;
