import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, badgeText, computeReminders, effectiveThresholdDays, isStale } from '@/utils/ledger';

const NOW = Date.UTC(2025, 5, 1);

describe('computeReminders', () => {
  it('is stale only strictly after the threshold (default 3 days)', () => {
    const items = [
      { id: 'older', since: NOW - 3 * DAY_MS - 1 },
      { id: 'exact', since: NOW - 3 * DAY_MS },
      { id: 'younger', since: NOW - 3 * DAY_MS + 1 },
      { id: 'oldest', since: NOW - 10 * DAY_MS },
    ];
    const r = computeReminders(items, NOW);
    expect(r.stale.map((i) => i.id)).toEqual(['oldest', 'older']);
    expect(r.badgeCount).toBe(2);
    // `exact` becomes stale 1 ms from now.
    expect(r.nextStaleAt).toBe(NOW + 1);
  });

  it('uses a configured threshold, and falls back to 3 days for nonsense', () => {
    const items = [{ since: NOW - DAY_MS - 1 }, { since: NOW - DAY_MS }];
    expect(computeReminders(items, NOW, 1).badgeCount).toBe(1);
    expect(computeReminders(items, NOW, 7).badgeCount).toBe(0);
    for (const bad of [0, -1, Number.NaN, Infinity]) expect(effectiveThresholdDays(bad)).toBe(3);
  });

  it('empty input: nothing stale, no next time', () => {
    expect(computeReminders([], NOW)).toEqual({ stale: [], badgeCount: 0, nextStaleAt: null });
  });

  it('property: stale exactly when now - since > threshold, and nextStaleAt is the first flip', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 * DAY_MS }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 14 }),
        (ages, days) => {
          const items = ages.map((age) => ({ since: NOW - age }));
          const r = computeReminders(items, NOW, days);
          expect(r.badgeCount).toBe(ages.filter((a) => a > days * DAY_MS).length);
          for (const i of items) expect(r.stale.includes(i)).toBe(isStale(i.since, NOW, days));
          if (r.nextStaleAt !== null) {
            expect(computeReminders(items, r.nextStaleAt - 1, days).badgeCount).toBe(r.badgeCount);
            expect(computeReminders(items, r.nextStaleAt, days).badgeCount).toBeGreaterThan(r.badgeCount);
          }
        },
      ),
    );
  });
});

it('badge text', () => {
  expect([0, 1, 99, 100, -3].map(badgeText)).toEqual(['', '1', '99', '99+', '']);
});
