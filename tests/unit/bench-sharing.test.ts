/**
 * The pure arithmetic of the sharing figures (bench/README.md, figures 16–18): the server-memory
 * growth, the p95 ratio of the latency row, and the workspace-id rewrite of a seed backup.
 */
import { describe, expect, it } from 'vitest';
import { ratioFigure, ratioOfQuantiles } from '../../bench/lib/goal';
import { heldBytes, MB, memoryGrowth, withWorkspaceId, type MemoryReading } from '../../bench/lib/sharing';
import { makeSeed, serializeSeed, workspaceId } from '../../bench/lib/seed';

const reading = (heapUsed: number, external: number, rss: number): MemoryReading => ({
  heapUsed,
  external,
  rss,
});

describe('memoryGrowth', () => {
  const empty = reading(10 * MB, 2 * MB, 100 * MB);
  const loaded = reading(210 * MB, 12 * MB, 400 * MB);

  it('takes heap + external above the empty server, per workspace and per stored byte', () => {
    expect(heldBytes(loaded)).toBe(222 * MB);
    const g = memoryGrowth(empty, loaded, reading(11 * MB, 2 * MB, 300 * MB), 100, MB);
    // (222 − 12) MiB over 100 workspaces = 2.1 MiB each; per 1 MiB of state: 2.1.
    expect(g.perWorkspace).toBeCloseTo(2.1 * MB, 6);
    expect(g.perStateByte).toBeCloseTo(2.1, 9);
    expect(g.rssPerWorkspace).toBeCloseTo(3 * MB, 6);
    // 1 MiB of the 210 MiB added is still held.
    expect(g.retainedAfterUnload).toBeCloseTo(1 / 210, 9);
  });

  it('reads 0 when everything is given back and 1 when nothing is', () => {
    expect(memoryGrowth(empty, loaded, empty, 10, MB).retainedAfterUnload).toBe(0);
    expect(memoryGrowth(empty, loaded, loaded, 10, MB).retainedAfterUnload).toBe(1);
  });

  it('counts external memory (Uint8Arrays) as held, not only the JS heap', () => {
    const externalOnly = reading(10 * MB, 52 * MB, 100 * MB);
    expect(memoryGrowth(empty, externalOnly, empty, 10, MB).perWorkspace).toBeCloseTo(5 * MB, 6);
  });

  it('has no retained share when loading added nothing, and refuses zero workspaces or bytes', () => {
    expect(memoryGrowth(empty, empty, empty, 1, 1).retainedAfterUnload).toBeNaN();
    expect(() => memoryGrowth(empty, loaded, empty, 0, MB)).toThrow();
    expect(() => memoryGrowth(empty, loaded, empty, 1, 0)).toThrow();
  });
});

describe('ratioOfQuantiles', () => {
  it('takes the same quantile of both sides, interpolated, whatever their order', () => {
    const subject = [50, 10, 40, 20, 30]; // sorted 10..50: p95 = 40 + 0.8 × 10 = 48
    const floor = [4, 1, 3, 2, 5]; // p95 = 4.8
    expect(ratioOfQuantiles(subject, floor, 0.95)).toBeCloseTo(10, 9);
    expect(ratioOfQuantiles(subject, floor, 0.5)).toBe(10);
    // A slow tail on one side moves its p95, not its median.
    const tail = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 21];
    const flat = Array.from({ length: 20 }, () => 1);
    expect(ratioOfQuantiles(tail, flat, 0.5)).toBe(1);
    expect(ratioOfQuantiles(tail, flat, 0.95)).toBeCloseTo(2, 9); // 1 + 0.05 × 20
    expect(subject).toEqual([50, 10, 40, 20, 30]); // inputs left unsorted
  });

  it('is NaN without samples or with a zero floor', () => {
    expect(ratioOfQuantiles([], [1], 0.95)).toBeNaN();
    expect(ratioOfQuantiles([1], [], 0.95)).toBeNaN();
    expect(ratioOfQuantiles([1], [0, 0], 0.95)).toBeNaN();
  });

  it('makes a ratio figure of p95 / p95 when given the quantile option, of medians without it', () => {
    const input = {
      id: 'x',
      name: 'x',
      goal: { op: '<=' as const, limit: 3 },
      derived: '',
      unit: 'ms',
      subject: { label: 'ours', values: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 81] },
      floor: { label: 'floor', values: Array.from({ length: 20 }, () => 1) },
    };
    const p95 = ratioFigure({ ...input, quantile: 0.95 });
    expect(p95.value).toBeCloseTo(5, 9); // 1 + 0.05 × 80
    expect(p95.note).toContain('p95 5.00 ms / floor p95 1.00 ms');
    expect(p95.note).toContain('misses');
    const med = ratioFigure(input);
    expect(med.value).toBe(1);
    expect(med.note).toContain('meets');
  });
});

describe('withWorkspaceId', () => {
  it("replaces the seed's workspace id wherever it is a JSON string, and nothing else", () => {
    const ws = '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';
    const text = serializeSeed(
      makeSeed({ workspaces: [{ accounts: 3, events: 10 }], now: Date.UTC(2026, 0, 1) }),
    );
    const out = withWorkspaceId(text, workspaceId(0), ws);
    const b = JSON.parse(out) as ReturnType<typeof makeSeed>;
    expect(b.workspaces.map((w) => w.id)).toEqual([ws]);
    for (const t of ['accounts', 'bindings', 'permissions', 'events'] as const)
      for (const r of b[t]) expect(r.workspaceId).toBe(ws);
    // The workspace's own events name it as their entity.
    expect(b.events.filter((e) => e.entityType === 'workspace').every((e) => e.entityId === ws)).toBe(true);
    // Ids that merely contain the old id (bench-ws-0…) are not touched: only whole JSON strings are.
    expect(withWorkspaceId('["bench-ws-0","bench-ws-01","xbench-ws-0"]', 'bench-ws-0', ws)).toBe(
      `["${ws}","bench-ws-01","xbench-ws-0"]`,
    );
    expect(out.length).toBe(text.length + (ws.length - workspaceId(0).length) * (out.split(ws).length - 1));
  });
});
