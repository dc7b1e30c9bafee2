/**
 * A shared workspace as a Yjs document (issue 16): the sync server's copy and every member's.
 *
 * Layout: one `Y.Map` per kind of row (`workspace`, `accounts`, `bindings`, `permissions`, `events`),
 * keyed by the row's id (a random UUID), each value ONE sealed text (`keys.ts` `sealText`) holding
 * `{ row, by }`: the ledger row as the writer's Dexie holds it (without `workspaceId`: the document
 * is the workspace) and the member who wrote it. The AES-GCM context is `<kind>:<id>`, so a value
 * moved under another key or kind does not open. The server therefore stores UUIDs and opaque texts:
 * no name, 逛逛号, state, phone mask or phone hash it could read.
 *
 * Merging: events are immutable and only ever added (a write never replaces an event that is there),
 * so two members' offline events are all kept. Workspace, account, binding and permission rows are
 * last-writer-wins per id (Yjs settles concurrent sets the same way on every replica); the states
 * that matter are not taken from them but derived from the merged events (`project.ts`).
 *
 * What a peer wrote is checked when read: a value that does not open, does not parse or is not a
 * valid row is left out and counted (`refused`), never thrown, so a hostile or broken peer costs the
 * others nothing but that one value.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import {
  AccountRowSchema,
  BindingRowSchema,
  EventRowSchema,
  PermissionRowSchema,
  WorkspaceRowSchema,
} from '../ledger/schemas';
import type { AccountRow, BindingRow, EventRow, PermissionRow, WorkspaceRow } from '../ledger/types';
import { openText, sealText, type WorkspaceKeys } from './keys';

export const DOC_KINDS = ['workspace', 'accounts', 'bindings', 'permissions', 'events'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** The member's name on the sync server (the token's user), kept with everything they write. */
export type Author = string;
const AuthorSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

export interface Authored<R> {
  row: R;
  by: Author;
}

/** A change of the local ledger to send: the rows as written, in one Yjs transaction. */
export interface DocChange {
  workspace?: WorkspaceRow;
  accounts?: readonly AccountRow[];
  bindings?: readonly BindingRow[];
  permissions?: readonly PermissionRow[];
  events?: readonly EventRow[];
}

export interface DocContent {
  workspace: Authored<WorkspaceRow> | null;
  accounts: Authored<AccountRow>[];
  bindings: Authored<BindingRow>[];
  permissions: Authored<PermissionRow>[];
  events: Authored<EventRow>[];
  /** Values left out: did not open with this workspace's key, or not a valid row (`kind:id`). */
  refused: string[];
}

const SCHEMAS = {
  workspace: WorkspaceRowSchema,
  accounts: AccountRowSchema,
  bindings: BindingRowSchema,
  permissions: PermissionRowSchema,
  events: EventRowSchema,
} as const;

/** The single `workspace` entry's key. */
const WORKSPACE_KEY = 'row';

export function docMap(doc: Y.Doc, kind: DocKind): Y.Map<string> {
  return doc.getMap<string>(kind);
}

function withoutWorkspace<R extends object>(row: R): Omit<R, 'workspaceId'> {
  const { workspaceId: _, ...rest } = row as R & { workspaceId?: unknown };
  return rest;
}

/**
 * Adds a local change to the document: seals every row first (async), then sets them in Yjs
 * transactions of `WRITE_SLICE_ROWS` (`origin` lets the caller tell its own updates from a peer's). Events already there are
 * kept as they are; a row replaces the document's copy only if it is newer (`updatedAt`).
 */
export async function writeChange(
  doc: Y.Doc,
  keys: WorkspaceKeys,
  by: Author,
  change: DocChange,
  origin: unknown = null,
): Promise<number> {
  const sealed: [DocKind, string, string][] = [];
  const add = async (kind: DocKind, key: string, row: object & { updatedAt?: number }) => {
    const there = docMap(doc, kind).get(key);
    if (there !== undefined && kind !== 'events') {
      // A row the document has in a newer (or the same) version stays: a member whose worker restarts
      // offline re-sends what it holds, which must never take a colleague's later edit back.
      const held = await openText(keys, there, `${kind}:${key}`);
      const heldAt = held === null ? null : updatedAtOf(held);
      if (heldAt !== null && heldAt >= (row.updatedAt ?? 0)) return;
    }
    const text = JSON.stringify({ row: kind === 'workspace' ? row : withoutWorkspace(row), by });
    sealed.push([kind, key, await sealText(keys, text, `${kind}:${key}`)]);
  };
  const events = docMap(doc, 'events');
  const jobs: Promise<void>[] = [];
  if (change.workspace) jobs.push(add('workspace', WORKSPACE_KEY, change.workspace));
  for (const r of change.accounts ?? []) jobs.push(add('accounts', r.id, r));
  for (const r of change.bindings ?? []) jobs.push(add('bindings', r.id, r));
  for (const r of change.permissions ?? []) jobs.push(add('permissions', r.id, r));
  for (const r of change.events ?? []) if (!events.has(r.id)) jobs.push(add('events', r.id, r));
  await Promise.all(jobs);
  let written = 0;
  // One Yjs transaction is one update, sent as one WebSocket message: a whole workspace shared at once
  // (50,000 events are ~26 MB sealed) goes in slices, each well under the server's MAX_MESSAGE_BYTES.
  for (let i = 0; i < sealed.length; i += WRITE_SLICE_ROWS) {
    doc.transact(() => {
      for (const [kind, key, text] of sealed.slice(i, i + WRITE_SLICE_ROWS)) {
        const map = docMap(doc, kind);
        if (kind === 'events' && map.has(key)) continue;
        map.set(key, text);
        written++;
      }
    }, origin);
  }
  return written;
}

/** Rows per Yjs transaction of `writeChange` (~0.5 KB sealed each: ~1 MB an update). */
export const WRITE_SLICE_ROWS = 2_000;

function updatedAtOf(plain: string): number | null {
  try {
    const at = (JSON.parse(plain) as { row?: { updatedAt?: unknown } }).row?.updatedAt;
    return typeof at === 'number' ? at : null;
  } catch {
    return null;
  }
}

/**
 * What `readDoc` opened, kept between reads by a member's session: a value whose sealed text is the
 * same as at the last read is not opened again (opening every value on each peer update made a pull
 * cost the whole workspace). `opened` is the keys the last read opened afresh (new or changed values).
 */
export class OpenCache {
  readonly values = new Map<string, { text: unknown; got: Authored<unknown> | null }>();
  opened = new Set<string>();
}

/**
 * Everything the document holds that opens with `keys` and is a valid row of `workspaceId`. With a
 * `cache`, only values new or changed since its last read are opened; the rest, and the same objects,
 * come from it.
 */
export async function readDoc(
  doc: Y.Doc,
  keys: WorkspaceKeys,
  workspaceId: string,
  cache?: OpenCache,
): Promise<DocContent> {
  const content: DocContent = {
    workspace: null,
    accounts: [],
    bindings: [],
    permissions: [],
    events: [],
    refused: [],
  };
  const take = (kind: DocKind, key: string, got: Authored<unknown> | null) => {
    if (!got) return void content.refused.push(`${kind}:${key}`);
    if (kind === 'workspace') content.workspace = got as Authored<WorkspaceRow>;
    else (content[kind] as Authored<unknown>[]).push(got);
  };
  const opened = new Set<string>();
  const jobs: Promise<void>[] = [];
  let seen = 0;
  for (const kind of DOC_KINDS) {
    docMap(doc, kind).forEach((text, key) => {
      seen++;
      const id = `${kind}:${key}`;
      const hit = cache?.values.get(id);
      if (hit && hit.text === text) return take(kind, key, hit.got);
      opened.add(key);
      jobs.push(
        (async () => {
          const got = await openRow(keys, kind, key, text, workspaceId);
          cache?.values.set(id, { text, got });
          take(kind, key, got);
        })(),
      );
    });
  }
  await Promise.all(jobs);
  if (cache) {
    cache.opened = opened;
    // A value deleted from the document (no member's code deletes, a hostile peer might) leaves the cache.
    if (cache.values.size > seen)
      for (const id of cache.values.keys()) {
        const at = id.indexOf(':');
        if (!docMap(doc, id.slice(0, at) as DocKind).has(id.slice(at + 1))) cache.values.delete(id);
      }
  }
  // Map iteration order differs between replicas: sort, so equal documents read equal.
  for (const kind of ['accounts', 'bindings', 'permissions', 'events'] as const)
    (content[kind] as Authored<{ id: string }>[]).sort((a, b) => (a.row.id < b.row.id ? -1 : 1));
  content.refused.sort();
  return content;
}

async function openRow(
  keys: WorkspaceKeys,
  kind: DocKind,
  key: string,
  text: unknown,
  workspaceId: string,
): Promise<Authored<unknown> | null> {
  const plain = await openText(keys, text, `${kind}:${key}`);
  if (plain === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { row, by } = parsed as { row?: unknown; by?: unknown };
  if (!v.is(AuthorSchema, by) || !row || typeof row !== 'object') return null;
  const full = kind === 'workspace' ? row : { ...row, workspaceId };
  const checked = v.safeParse(SCHEMAS[kind], full);
  if (!checked.success) return null;
  const out = checked.output as { id: string };
  // The row's id is the key it was sealed under (and, for the workspace, the document's workspace).
  if (kind === 'workspace' ? out.id !== workspaceId : out.id !== key) return null;
  return { row: out, by };
}
