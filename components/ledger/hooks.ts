import { whitelistItem } from '@/utils/storage-items';
import { useStorageItem } from '../hooks/useStorageItem';
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import type { Whitelisted } from './rules-context';

export interface LiveResult<T> {
  /** The latest value of the current query; undefined until its first answer. */
  value: T | undefined;
  /** The last value of any earlier query, kept while the current one loads (no flicker on search). */
  stale: T | undefined;
  loading: boolean;
  error: unknown;
}

interface Held<T> {
  query: (() => Promise<T>) | null;
  value: T | undefined;
  error: unknown;
}

/**
 * A Dexie `liveQuery` as React state: re-runs whenever a table it read changes, in this page or in
 * the background service worker (Dexie broadcasts changes across the extension's contexts).
 * Pass a memoised query (`useCallback`): a new function identity subscribes again; null subscribes
 * to nothing (the value of an earlier query stays as `stale`).
 */
export function useLiveQuery<T>(query: (() => Promise<T>) | null): LiveResult<T> {
  const [held, setHeld] = useState<Held<T> | null>(null);
  useEffect(() => {
    if (!query) return;
    const sub = liveQuery(query).subscribe({
      next: (value) => setHeld({ query, value, error: undefined }),
      error: (error: unknown) => setHeld((h) => ({ query, value: h?.value, error })),
    });
    return () => sub.unsubscribe();
  }, [query]);
  const current = held?.query === query;
  return {
    value: current ? held.value : undefined,
    stale: held?.value,
    loading: !current,
    error: current ? held.error : undefined,
  };
}

/** The clock, re-read every `everyMs` (ages in the pending queue and the timeline stay current). */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** Whether the main account with this 逛逛号 is on the matrix whitelist, as last seen on the platform. */
export function useWhitelisted(mainGuangguangId: string | null | undefined): Whitelisted {
  const stored = useStorageItem(whitelistItem);
  const map = stored && typeof stored === 'object' ? (stored as Record<string, boolean>) : {};
  const v = mainGuangguangId ? map[mainGuangguangId] : undefined;
  return typeof v === 'boolean' ? v : 'unknown';
}
