/**
 * Timings, off by default (they take ~half a minute on fake-indexeddb). Run with
 *   LEDGER_PERF=1 npx vitest run tests/unit/ledger/perf.test.ts
 * Numbers are printed with `[perf]`; only loose sanity bounds are asserted.
 */
import { describe, expect, it } from 'vitest';
import {
  applyImport,
  exportJson,
  getBindingTimeline,
  getPendingQueue,
  listAccounts,
  previewImport,
  recordInvite,
  recordPageCapture,
  staleCount,
  type EventRow,
} from '@/utils/ledger';
import { freshDb, newWorkspace, T0 } from './helpers';

const log = (msg: string) => console.info(`[perf] ${msg}`);
async function time<T>(label: string, fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  const ms = performance.now() - t;
  log(`${label}: ${ms.toFixed(0)} ms`);
  return [r, ms];
}

describe.runIf(process.env.LEDGER_PERF)('ledger performance (fake-indexeddb, Node 22)', () => {
  it('1,000 accounts, 50,000 events, queries, capture, export and import', { timeout: 300_000 }, async () => {
    const db = freshDb();
    const { workspace } = await newWorkspace(db);

    const [, inviteMs] = await time('1,000 × recordInvite (one transaction each)', async () => {
      for (let i = 0; i < 1000; i++) {
        await recordInvite(
          db,
          workspace.id,
          { account: { guangguangId: `gg${i}`, nickname: `达人${i}` } },
          { now: T0 + i },
        );
      }
    });
    log(`  = ${(inviteMs / 1000).toFixed(2)} ms per command`);

    const rows = (await listAccounts(db, workspace.id)).slice(1);
    const capture = rows.map((v, i) => ({
      guangguangId: v.account.guangguangId,
      state: i % 3 === 0 ? ('accepted' as const) : ('pending' as const),
      permissions: i % 3 === 0 ? { 'proxy-publish': 'granted' as const } : {},
    }));
    const [first] = await time('page capture of 1,000 rows (333 transitions + 333 permissions)', () =>
      recordPageCapture(db, workspace.id, { kind: 'matrix-list', capturedAt: T0 + 5000, rows: capture }),
    );
    log(`  events written: ${first.events}`);
    const [again] = await time('same 1,000 rows re-scanned later (no changes)', () =>
      recordPageCapture(db, workspace.id, { kind: 'matrix-list', capturedAt: T0 + 9000, rows: capture }),
    );
    expect(again.events).toBe(0);

    const hot = rows[0]!.binding!.id;
    const [, eventsMs] = await time('bulk insert 50,000 events (10 transactions of 5,000)', async () => {
      for (let c = 0; c < 10; c++) {
        const batch: EventRow[] = [];
        for (let i = 0; i < 5000; i++) {
          const n = c * 5000 + i;
          const b = rows[n % rows.length]!.binding!;
          batch.push({
            id: crypto.randomUUID(),
            workspaceId: workspace.id,
            entityType: 'binding',
            entityId: b.id,
            bindingId: n % 10 === 0 ? hot : b.id,
            scope: null,
            action: 'updated',
            field: 'note',
            from: null,
            to: `x${n}`,
            at: T0 + 10_000 + n,
            seq: 0,
            source: 'manual',
            actorAccountId: null,
            reason: null,
            cause: null,
            captureKey: null,
          });
        }
        await db.events.bulkAdd(batch);
      }
    });
    log(`  = ${((50_000 / eventsMs) * 1000).toFixed(0)} events/s`);

    await time('listAccounts (1,001 rows joined)', () => listAccounts(db, workspace.id));
    await time('listAccounts with search', () => listAccounts(db, workspace.id, { search: '达人99' }));
    const [q] = await time('getPendingQueue', () => getPendingQueue(db, workspace.id, T0 + 4 * 86_400_000));
    log(`  pending items: ${q.length}`);
    await time('staleCount (all workspaces)', () => staleCount(db, T0 + 4 * 86_400_000));
    const [tl] = await time('binding timeline, newest 50 of ~5,000', () =>
      getBindingTimeline(db, hot, { limit: 50 }),
    );
    expect(tl).toHaveLength(50);
    await time('binding timeline, all ~5,000', () => getBindingTimeline(db, hot));

    const [text] = await time('exportJson', () => exportJson(db));
    log(`  backup size: ${(text.length / 1e6).toFixed(1)} M chars`);
    const target = freshDb();
    const [p] = await time('previewImport into an empty ledger', () => previewImport(target, text));
    const total = p.new;
    let chunks = 0;
    const [, importMs] = await time(`applyImport (${total} rows)`, () =>
      applyImport(target, text, { onProgress: () => chunks++ }),
    );
    log(`  = ${((total / importMs) * 1000).toFixed(0)} rows/s, ${chunks} progress reports`);
    const [, reMs] = await time('applyImport of the same file again (all unchanged)', () =>
      applyImport(target, text),
    );
    log(`  = ${((total / reMs) * 1000).toFixed(0)} rows/s checked`);
    expect(await exportJson(target, { now: 1 })).toBe(await exportJson(db, { now: 1 }));
  });
});
