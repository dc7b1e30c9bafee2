/**
 * The sent watermark of shared workspaces (issue 16): what each shared workspace has still to send to
 * its sync document, kept in the ledger so that it survives a worker stop.
 *
 * - **The mark** (`meta` row `sharing:<workspaceId>`, never in a backup): present while this browser
 *   shares the workspace. `compared`: a full comparison of the workspace's events with the document
 *   has been sent AND acknowledged by the server since the mark was made (or since the document was
 *   found reset); `written`: for each Yjs client id this browser wrote under, the clock the server
 *   acknowledged, so a session can tell, at its first sync, that the server's document lost what it
 *   had acknowledged (restored from an older copy, replaced) and compare in full again; `readOnly`
 *   (only when true): the server last authorised this browser's connection read-only (a viewer).
 * - **The outbox** (table `outbox`, schema v5): every event written to a marked workspace, by the
 *   single write path (`Writer.flush`) or a backup import, in the same transaction as the event, so
 *   no event can be written and not recorded. Rows up to the acknowledged one are deleted
 *   (`acknowledge`): what is left is exactly what was written since the last acknowledgement.
 *
 * So a change sends only the outbox's events (`unsentChange` with the outbox), and the whole
 * workspace is compared with the document only when the mark says so (first share or join, an
 * upgrade from before v5, a document found reset, a viewer made editor), or a session asks for it.
 *
 * **A viewer** (`setReadOnly`): the server refuses every update of a read-only connection, so nothing
 * written locally can reach the document. While the mark says `readOnly` the outbox is empty and
 * records nothing (the status does not count local writes as waiting to be sent); when the server
 * authorises the connection read-write again (the role was changed to editor or owner), the mark
 * asks for a full comparison, which sends what the document lacks, the viewer's local writes too.
 */
import type { LedgerDb } from './db';
import type { EventRow, OutboxRow } from './types';

export interface SentMark {
  compared: boolean;
  /** `[client id, acknowledged clock]`, oldest first. */
  written: [number, number][];
  /** Present (true) only while the connection is authorised read-only: a viewer's. */
  readOnly?: true;
}

/** How many Yjs client ids `written` keeps (the newest): a session's worth each. */
export const MAX_WRITTEN_CLIENTS = 32;

const markKey = (workspaceId: string) => `sharing:${workspaceId}`;

function asMark(value: unknown): SentMark | null {
  if (!value || typeof value !== 'object') return null;
  const { compared, written, readOnly } = value as {
    compared?: unknown;
    written?: unknown;
    readOnly?: unknown;
  };
  if (typeof compared !== 'boolean' || !Array.isArray(written)) return null;
  const out = written.filter(
    (p): p is [number, number] =>
      Array.isArray(p) && p.length === 2 && Number.isInteger(p[0]) && Number.isInteger(p[1]),
  );
  return readOnly === true ? { compared, written: out, readOnly } : { compared, written: out };
}

/** The workspace's mark, or null when it is not shared from this browser (or the mark is unreadable). */
export async function readMark(db: LedgerDb, workspaceId: string): Promise<SentMark | null> {
  return asMark((await db.meta.get(markKey(workspaceId)))?.value);
}

/** Starts recording a workspace's events (sharing starts, or a worker start finds it shared). */
export async function openOutbox(db: LedgerDb, workspaceId: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    if (await readMark(db, workspaceId)) return;
    const mark: SentMark = { compared: false, written: [] };
    await db.meta.put({ key: markKey(workspaceId), value: mark });
  });
}

/** Sharing ends: the mark and the outbox go. */
export async function closeOutbox(db: LedgerDb, workspaceId: string): Promise<void> {
  await db.transaction('rw', db.meta, db.outbox, async () => {
    await db.meta.delete(markKey(workspaceId));
    await db.outbox
      .where('[workspaceId+n]')
      .between([workspaceId, -Infinity], [workspaceId, Infinity])
      .delete();
  });
}

/**
 * In the write transaction of `events`: records those of marked workspaces in the outbox (not those
 * of a workspace whose mark says read-only: they can never be sent).
 */
export async function recordOutgoing(db: LedgerDb, events: readonly EventRow[]): Promise<void> {
  if (!events.length) return;
  const spaces = [...new Set(events.map((e) => e.workspaceId))];
  const marks = await db.meta.bulkGet(spaces.map(markKey));
  const shared = new Set(
    spaces.filter((_, i) => marks[i] !== undefined && asMark(marks[i].value)?.readOnly !== true),
  );
  if (!shared.size) return;
  const rows: OutboxRow[] = events
    .filter((e) => shared.has(e.workspaceId))
    .map((e) => ({ workspaceId: e.workspaceId, eventId: e.id }));
  await db.outbox.bulkAdd(rows);
}

/** The workspace's outbox: its event ids, and the last row's `n` (0 when empty). */
export async function outboxOf(
  db: LedgerDb,
  workspaceId: string,
): Promise<{ eventIds: string[]; through: number }> {
  const rows = await db.outbox
    .where('[workspaceId+n]')
    .between([workspaceId, -Infinity], [workspaceId, Infinity])
    .toArray();
  return { eventIds: rows.map((r) => r.eventId), through: rows.at(-1)?.n ?? 0 };
}

/**
 * The server acknowledged everything written to the document so far: the outbox rows up to
 * `through` go, and the mark takes `compared` (true once a full comparison was acknowledged) and the
 * client's acknowledged clock. Does nothing when the mark is gone (sharing ended meanwhile).
 */
export async function acknowledge(
  db: LedgerDb,
  workspaceId: string,
  ack: { through: number; compared: boolean; client: number; clock: number },
): Promise<void> {
  await db.transaction('rw', db.meta, db.outbox, async () => {
    const mark = await readMark(db, workspaceId);
    if (!mark) return;
    if (ack.through > 0)
      await db.outbox
        .where('[workspaceId+n]')
        .between([workspaceId, -Infinity], [workspaceId, ack.through], true, true)
        .delete();
    let written = mark.written;
    if (ack.clock > 0)
      written = [
        ...written.filter(([c]) => c !== ack.client),
        [ack.client, ack.clock] as [number, number],
      ].slice(-MAX_WRITTEN_CLIENTS);
    const next: SentMark = { ...mark, compared: mark.compared || ack.compared, written };
    if (JSON.stringify(next) !== JSON.stringify(mark))
      await db.meta.put({ key: markKey(workspaceId), value: next });
  });
}

/** The server's document lost what it had acknowledged: compare in full again (persisted first). */
export async function markReset(db: LedgerDb, workspaceId: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const was = await readMark(db, workspaceId);
    if (!was) return;
    const mark: SentMark = { ...was, compared: false, written: [] };
    await db.meta.put({ key: markKey(workspaceId), value: mark });
  });
}

/**
 * The server authorised the session's connection read-only (`readOnly`, a viewer) or read-write.
 * Read-only: the outbox is emptied and the mark says so (the outbox then records nothing). Read-write
 * after read-only: the mark asks for a full comparison. Returns whether the mark changed; does
 * nothing without a mark.
 */
export async function setReadOnly(db: LedgerDb, workspaceId: string, readOnly: boolean): Promise<boolean> {
  return db.transaction('rw', db.meta, db.outbox, async () => {
    const mark = await readMark(db, workspaceId);
    if (!mark || (mark.readOnly === true) === readOnly) return false;
    const next: SentMark = readOnly
      ? { ...mark, readOnly: true }
      : { compared: false, written: mark.written };
    if (readOnly)
      await db.outbox
        .where('[workspaceId+n]')
        .between([workspaceId, -Infinity], [workspaceId, Infinity])
        .delete();
    await db.meta.put({ key: markKey(workspaceId), value: next });
    return true;
  });
}
