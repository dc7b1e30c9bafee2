/**
 * Stale reminders, pure. An item is stale when it has waited MORE than `thresholdDays` days:
 * `now - since > thresholdDays * 24h` (exactly at the threshold it is not yet stale; 1 ms later it is).
 * The background schedules its alarm for `nextStaleAt`; the badge shows `badgeCount`.
 */
import { DAY_MS, DEFAULT_SETTINGS } from './types';

export interface Waiting {
  /** When the wait began (invite sent / permission requested), epoch ms. */
  since: number;
}

export interface Reminders<T extends Waiting> {
  /** Stale items, oldest first. */
  stale: T[];
  badgeCount: number;
  /** When the next currently-fresh item becomes stale (epoch ms), or null if none will. */
  nextStaleAt: number | null;
}

/** A usable threshold: a positive finite number, else the default (3 days). */
export function effectiveThresholdDays(thresholdDays: number | undefined): number {
  return typeof thresholdDays === 'number' && Number.isFinite(thresholdDays) && thresholdDays > 0
    ? thresholdDays
    : DEFAULT_SETTINGS.staleThresholdDays;
}

export function isStale(since: number, now: number, thresholdDays: number): boolean {
  return now - since > effectiveThresholdDays(thresholdDays) * DAY_MS;
}

export function computeReminders<T extends Waiting>(
  pendingItems: readonly T[],
  now: number,
  thresholdDays: number = DEFAULT_SETTINGS.staleThresholdDays,
): Reminders<T> {
  const limit = effectiveThresholdDays(thresholdDays) * DAY_MS;
  const stale: T[] = [];
  let nextStaleAt: number | null = null;
  for (const item of pendingItems) {
    if (now - item.since > limit) stale.push(item);
    else {
      const at = item.since + limit + 1;
      if (nextStaleAt === null || at < nextStaleAt) nextStaleAt = at;
    }
  }
  stale.sort((a, b) => a.since - b.since);
  return { stale, badgeCount: stale.length, nextStaleAt };
}

/** Text for the action badge: '' for none, '99+' above 99. */
export function badgeText(count: number): string {
  if (!(count > 0)) return '';
  return count > 99 ? '99+' : String(Math.floor(count));
}
