/**
 * Deterministic ledger data for the benchmark, in the backup file format of `utils/ledger/backup.ts`
 * (`{ format: 'guanghe-ledger', version: 1, … }`), every row shaped exactly like the row schemas of
 * `utils/ledger/schemas.ts` (strict objects: no extra fields). Used by the bundled IndexedDB page
 * (bench/idb) and by the Playwright driver that seeds the real extension through `applyImport`.
 * Pure data; at run time it imports only the ledger's dependency-free types module, so it works under
 * Vite and Playwright alike.
 */
import type { LedgerBackupV1 } from '../../utils/ledger/backup';
import { BACKUP_TABLES } from '../../utils/ledger/types';
import type {
  BindingRow,
  BindingState,
  EventRow,
  PermissionScope,
  PermissionState,
} from '../../utils/ledger/types';

export interface SeedWorkspace {
  /** Matrix accounts (the main account comes on top). */
  accounts: number;
  /** Events of this workspace (spread over its bindings; at least one `created` per workspace). */
  events: number;
  /** The main account's 逛逛号 (default: derived from the index). */
  mainGuangguangId?: string;
  mainNickname?: string;
}

export interface SeedOptions {
  workspaces: readonly SeedWorkspace[];
  /** Clock: every time in the data is before this. */
  now: number;
  /** Index of the workspace written as `selectedWorkspaceId` (none when omitted). */
  selected?: number;
  /** PRNG seed. */
  seed?: number;
}

/** A backup file of the ledger (`utils/ledger/backup.ts`), in the version 1 format (no roster), which is still imported. */
export type SeedBackup = LedgerBackupV1;

/** Its tables, in dependency order. */
export const SEED_TABLES = BACKUP_TABLES;

/** Rows in a backup, all tables. */
export function rowCount(b: SeedBackup): number {
  return SEED_TABLES.reduce((n, t) => n + b[t].length, 0);
}

export function workspaceId(i: number): string {
  return `bench-ws-${i}`;
}

/** The seed's PRNG (mulberry32): deterministic numbers in [0, 1). */
export function seedRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 24 * 60 * 60 * 1000;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Binding states by share: mostly accepted, some waiting, a few ended. */
function bindingStateOf(r: number): BindingState {
  if (r < 0.7) return 'accepted';
  if (r < 0.8) return 'pending';
  if (r < 0.85) return 'declined';
  if (r < 0.9) return 'draft';
  if (r < 0.95) return 'unbound';
  return 'expired';
}

const STEPS: readonly (readonly [string | null, string])[] = [
  [null, 'draft'],
  ['draft', 'pending'],
  ['pending', 'accepted'],
  ['accepted', 'unbound'],
  ['unbound', 'pending'],
];

export interface SeedEventsOptions {
  /** Index of the workspace (ids and `workspaceId` are derived from it). */
  workspace: number;
  /** The workspace's bindings: events go round-robin over them (workspace events when empty). */
  bindings: readonly Pick<BindingRow, 'id' | 'createdAt'>[];
  /** The workspace's creation time. */
  created: number;
  /** Events wanted in all (numbered 1 … count − 1: number 0 is the workspace's own `created`). */
  count: number;
  /** Start at this number (≥ 1): to generate a long history in chunks. Default 1. */
  from?: number;
  /** The PRNG (see `seedRandom`); consumed twice per event. */
  rnd: () => number;
}

/**
 * The history events of one seeded workspace, numbered `from` … `count − 1`, generated lazily so a
 * history of a million events can be written in chunks without holding it in memory. Each event is a
 * binding transition (draft → pending → accepted → unbound → pending, in rounds) at increasing times.
 */
export function* seedEvents(opts: SeedEventsOptions): Generator<EventRow> {
  const { workspace: w, bindings, created, count, rnd } = opts;
  const wsId = workspaceId(w);
  for (let e = Math.max(1, opts.from ?? 1); e < count; e++) {
    const x = bindings.length ? bindings[e % bindings.length]! : null;
    const round = x ? Math.floor(e / bindings.length) : e;
    const [from, to] = STEPS[round % STEPS.length]!;
    yield {
      id: `bench-ev-${w}-${pad(e, 7)}`,
      workspaceId: wsId,
      entityType: x ? 'binding' : 'workspace',
      entityId: x ? x.id : wsId,
      bindingId: x ? x.id : null,
      scope: null,
      action: from === null ? 'created' : rnd() < 0.1 ? 'jump' : 'transition',
      field: from === null ? null : 'state',
      from,
      to,
      at: (x?.createdAt ?? created) + round * 3600_000 + (e % 1000),
      seq: 0,
      source: rnd() < 0.5 ? 'page' : 'manual',
      actorAccountId: null,
      reason: null,
      cause: null,
      captureKey: null,
    };
  }
}

/** A ledger of `opts.workspaces`, as a backup object (see `serializeSeed` for the text). */
export function makeSeed(opts: SeedOptions): SeedBackup {
  const rnd = seedRandom(opts.seed ?? 20250601);
  const b: SeedBackup = {
    format: 'guanghe-ledger',
    version: 1,
    exportedAt: new Date(opts.now).toISOString(),
    schemaVersion: 1,
    phonesIncluded: false,
    phoneKeyId: null,
    workspaces: [],
    accounts: [],
    bindings: [],
    permissions: [],
    events: [],
    settings: [],
  };
  const start = opts.now - 120 * DAY;

  opts.workspaces.forEach((spec, w) => {
    const wsId = workspaceId(w);
    const mainId = `bench-acc-${w}-main`;
    const created = start + w * 1000;
    b.workspaces.push({
      id: wsId,
      name: spec.mainNickname ?? `基准工作区${w}`,
      mainAccountId: mainId,
      createdAt: created,
      updatedAt: created,
    });
    b.accounts.push({
      id: mainId,
      workspaceId: wsId,
      role: 'main',
      nickname: spec.mainNickname ?? `基准主账号${w}`,
      guangguangId: spec.mainGuangguangId ?? `55${pad(w, 2)}000000`,
      identity: 'taobao-merchant',
      storeName: `基准店铺${w}`,
      storeType: null,
      phoneMask: null,
      phoneHash: null,
      note: '',
      createdAt: created,
      updatedAt: created,
    });
    const bindings: BindingRow[] = [];
    for (let i = 0; i < spec.accounts; i++) {
      const accId = `bench-acc-${w}-${pad(i, 6)}`;
      const at = created + Math.floor(rnd() * 100 * DAY);
      b.accounts.push({
        id: accId,
        workspaceId: wsId,
        role: 'matrix',
        nickname: `矩阵账号${w}-${i}`,
        guangguangId: `44${pad(w, 2)}${pad(i, 6)}`,
        identity: null,
        storeName: null,
        storeType: null,
        phoneMask: null,
        phoneHash: null,
        note: i % 7 === 0 ? '基准备注' : '',
        createdAt: at,
        updatedAt: at,
      });
      const state = bindingStateOf(rnd());
      const changed = at + Math.floor(rnd() * 10 * DAY);
      const binding: BindingRow = {
        id: `bench-bind-${w}-${pad(i, 6)}`,
        workspaceId: wsId,
        mainAccountId: mainId,
        matrixAccountId: accId,
        state,
        invitedAt: state === 'draft' ? null : at,
        stateChangedAt: changed,
        stateSource: rnd() < 0.5 ? 'page' : 'manual',
        createdAt: at,
        updatedAt: changed,
      };
      bindings.push(binding);
      b.bindings.push(binding);
      if (state === 'accepted') {
        const scopes: [PermissionScope, PermissionState][] = [
          ['proxy-publish', 'granted'],
          ['proxy-interaction', rnd() < 0.2 ? 'requested' : 'granted'],
        ];
        if (rnd() < 0.3) scopes.push(['product-pool', rnd() < 0.5 ? 'requested' : 'granted']);
        for (const [scope, pstate] of scopes) {
          const req = changed + Math.floor(rnd() * 5 * DAY);
          b.permissions.push({
            id: `bench-perm-${w}-${pad(i, 6)}-${scope}`,
            workspaceId: wsId,
            bindingId: binding.id,
            scope,
            state: pstate,
            requestedAt: req,
            stateChangedAt: req,
            stateSource: 'manual',
            createdAt: req,
            updatedAt: req,
          });
        }
      }
    }
    // Events: the workspace's `created`, then binding events round-robin over the bindings.
    b.events.push({
      id: `bench-ev-${w}-ws`,
      workspaceId: wsId,
      entityType: 'workspace',
      entityId: wsId,
      bindingId: null,
      scope: null,
      action: 'created',
      field: null,
      from: null,
      to: spec.mainNickname ?? `基准工作区${w}`,
      at: created,
      seq: 0,
      source: 'manual',
      actorAccountId: null,
      reason: null,
      cause: null,
      captureKey: null,
    });
    for (const e of seedEvents({ workspace: w, bindings, created, count: spec.events, rnd }))
      b.events.push(e);
  });
  if (opts.selected !== undefined)
    b.settings.push({ key: 'selectedWorkspaceId', value: workspaceId(opts.selected), updatedAt: opts.now });
  return b;
}

/** The backup as text, one row per line like `serializeBackup` (key order does not matter on import). */
export function serializeSeed(b: SeedBackup): string {
  const head = (
    ['format', 'version', 'exportedAt', 'schemaVersion', 'phonesIncluded', 'phoneKeyId'] as const
  ).map((k) => `${JSON.stringify(k)}:${JSON.stringify(b[k])}`);
  const tables = SEED_TABLES.map((t) => {
    const rows = (b[t] as unknown[]).map((r) => JSON.stringify(r));
    return `${JSON.stringify(t)}:[${rows.length ? `\n${rows.join(',\n')}\n` : ''}]`;
  });
  return `{\n${[...head, ...tables].join(',\n')}\n}\n`;
}

/**
 * An institution roster of `members` creators (format 2: the roster tables), selected, so the panel's
 * 台账 opens on it: one `appeared` event each, last seen spread over the past 30 days. Returns the
 * backup text and its row count (what `applyImport` must report as written).
 */
export function rosterSeedText(opts: { now: number; members: number }): { text: string; rows: number } {
  const wsId = 'bench-inst-0';
  const at = opts.now - 30 * 24 * 3_600_000;
  const institutions = [
    {
      id: wsId,
      kind: 'institution',
      name: '星河文化传媒',
      platformId: 'mcn-bench',
      createdAt: at,
      updatedAt: at,
    },
  ];
  const members: object[] = [];
  const memberEvents: object[] = [];
  for (let i = 0; i < opts.members; i++) {
    const seen = at + Math.floor((i * 30 * 24 * 3_600_000) / Math.max(1, opts.members));
    const id = `bench-m-${i}`;
    members.push({
      id,
      workspaceId: wsId,
      nickname: `基准达人${i}`,
      guangguangId: String(4_410_000_001 + i),
      level: `LV${1 + (i % 6)}`,
      binding: 'bound',
      status: i % 97 === 0 ? 'missing' : 'listed',
      missingSince: i % 97 === 0 ? seen : null,
      firstSeenAt: at,
      lastSeenAt: seen,
      createdAt: at,
      updatedAt: seen,
    });
    memberEvents.push({
      id: `bench-me-${i}`,
      workspaceId: wsId,
      memberId: id,
      action: 'appeared',
      from: null,
      to: `基准达人${i}`,
      at,
      seq: i,
      source: 'page',
      reason: null,
      captureKey: null,
    });
  }
  const settings = [{ key: 'selectedWorkspaceId', value: wsId, updatedAt: opts.now }];
  const tables: Record<string, object[]> = {
    workspaces: [],
    accounts: [],
    bindings: [],
    permissions: [],
    events: [],
    settings,
    institutions,
    members,
    memberEvents,
  };
  const head = {
    format: 'guanghe-ledger',
    version: 2,
    exportedAt: new Date(opts.now).toISOString(),
    schemaVersion: 2,
    phonesIncluded: false,
    phoneKeyId: null,
  };
  const text = JSON.stringify({ ...head, ...tables });
  return { text, rows: Object.values(tables).reduce((n, t) => n + t.length, 0) };
}
