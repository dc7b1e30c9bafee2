/**
 * The pure helpers of the bench's ledger figures (bench/README.md): the ratio/goal judge of the
 * floor figures and the streamed event history of the growth figure.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ratioChart } from '../../bench/lib/chart';
import { goalText, meets, ratioFigure, ratioOfMedians } from '../../bench/lib/goal';
import { makeSeed, seedEvents, seedRandom, workspaceId } from '../../bench/lib/seed';
import { ROW_SCHEMAS } from '../../utils/ledger/schemas';

describe('goal judge', () => {
  it('judges ≤ and ≥ goals, the limit itself included', () => {
    expect(meets(1.5, { op: '<=', limit: 1.5 })).toBe(true);
    expect(meets(1.5001, { op: '<=', limit: 1.5 })).toBe(false);
    expect(meets(0.95, { op: '>=', limit: 0.95 })).toBe(true);
    expect(meets(0.9499, { op: '>=', limit: 0.95 })).toBe(false);
  });

  it('never passes a value that is not a number', () => {
    for (const x of [NaN, Infinity, -Infinity]) {
      expect(meets(x, { op: '<=', limit: 1.5 })).toBe(false);
      expect(meets(x, { op: '>=', limit: 0.95 })).toBe(false);
    }
  });

  it('takes the ratio of the medians, NaN without samples or with a zero floor', () => {
    expect(ratioOfMedians([3, 1, 2, 100], [1, 1, 1])).toBe(2.5);
    expect(ratioOfMedians([], [1])).toBeNaN();
    expect(ratioOfMedians([1], [])).toBeNaN();
    expect(ratioOfMedians([1], [0, 0])).toBeNaN();
  });

  it('builds a figure with the ratio, the goal, both absolute sides and the verdict', () => {
    const f = ratioFigure({
      id: 'x.ratio',
      name: 'x',
      goal: { op: '<=', limit: 1.5 },
      derived: 'median(a) / median(b)',
      unit: 'ms',
      subject: { label: 'a', values: [30, 40, 35] },
      floor: { label: 'b', values: [5, 5, 6] },
    });
    expect(f.value).toBe(7);
    expect(f.unit).toBe('×');
    expect(f.budget).toEqual({ op: '<=', limit: 1.5 });
    expect(f.subject?.summary.median).toBe(35);
    expect(f.baseline?.summary.median).toBe(5);
    expect(f.note).toContain('misses the goal ≤ 1.5');
    expect(f.note).toContain('35.00 ms / floor 5.00 ms');
    const ok = ratioFigure({ ...inputOf(f), goal: { op: '>=', limit: 0.95 } });
    expect(ok.note).toContain('meets the goal ≥ 0.95');
    expect(goalText({ op: '>=', limit: 0.95 })).toBe('≥ 0.95');
  });
});

function inputOf(f: ReturnType<typeof ratioFigure>) {
  return {
    id: f.id,
    name: f.name,
    goal: f.budget!,
    derived: f.derived,
    unit: 'rows/s',
    subject: { label: 'a', values: [100] },
    floor: { label: 'b', values: [100] },
  };
}

describe('seeded event history', () => {
  const NOW = Date.UTC(2025, 5, 1);
  const seed = makeSeed({ now: NOW, workspaces: [{ accounts: 50, events: 1 }] });
  const bindings = seed.bindings;
  const created = seed.workspaces[0]!.createdAt;
  const history = (count: number, from?: number) => [
    ...seedEvents({ workspace: 0, bindings, created, count, from, rnd: seedRandom(7) }),
  ];

  it('yields count − 1 valid event rows with unique ids, all of the workspace and its bindings', () => {
    const rows = history(1234);
    expect(rows).toHaveLength(1233);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1233);
    const ids = new Set(bindings.map((b) => b.id));
    for (const r of rows) {
      expect(v.is(ROW_SCHEMAS.events, r)).toBe(true);
      expect(r.workspaceId).toBe(workspaceId(0));
      expect(ids.has(r.bindingId!)).toBe(true);
    }
  });

  it('is deterministic, and a short history is a prefix of a long one', () => {
    expect(history(300)).toEqual(history(300));
    expect(history(3000).slice(0, 299)).toEqual(history(300));
  });

  it('can be generated in chunks', () => {
    // Chunks continue the same PRNG: generating 1…499 then 500…999 gives the rows of 1…999.
    const rnd = seedRandom(7);
    const a = [...seedEvents({ workspace: 0, bindings, created, count: 500, rnd })];
    const b = [...seedEvents({ workspace: 0, bindings, created, count: 1000, from: 500, rnd })];
    expect([...a, ...b]).toEqual(history(1000));
  });

  it('is what makeSeed writes after the workspace event', () => {
    const full = makeSeed({ now: NOW, workspaces: [{ accounts: 50, events: 400 }], seed: 3 });
    const rows = full.events.slice(1);
    expect(rows).toHaveLength(399);
    expect(full.events[0]!.entityType).toBe('workspace');
    // Same shape rules as the streamed history: round-robin over the bindings, times increasing per binding.
    const last = new Map<string, number>();
    for (const r of rows) {
      expect(v.is(ROW_SCHEMAS.events, r)).toBe(true);
      const prev = last.get(r.bindingId!);
      if (prev !== undefined) expect(r.at).toBeGreaterThan(prev);
      last.set(r.bindingId!, r.at);
    }
  });
});

describe('growth chart', () => {
  it('labels the reference line and the axis as asked, and marks rows over the goal', () => {
    const svg = ratioChart(
      [
        { label: '10,000 events', ratio: 1, interval: [0.97, 1.03] },
        { label: '1,000,000 events', ratio: 1.3, interval: [1.2, 1.4] },
      ],
      { title: 'growth', goal: 1.2, reference: '10,000 events', axis: 'time / time at 10,000 events' },
    );
    expect(svg).toContain('>10,000 events</text>');
    expect(svg).toContain('>time / time at 10,000 events</text>');
    expect(svg).not.toContain('ours / floor extension');
    expect(svg.match(/fill="#e8a0a0"/g)).toHaveLength(1);
  });
});
