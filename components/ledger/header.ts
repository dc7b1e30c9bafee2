/**
 * The ledger facts every part of the panel's first screen shows: the workspaces (with their counts),
 * the institutions and the settings (the selection). ONE liveQuery for the whole page, shared by the
 * header's workspace switcher, the "now" view's status and the 台账 tab, instead of one read of each
 * per component: subscribed while any of them is mounted, re-run when the background writes. The
 * 台账 tab gets it as a prop (its chunk does not import this module: that split the startup bundle).
 */
import { liveQuery, type Subscription } from 'dexie';
import { useSyncExternalStore } from 'react';
import { getSettings, listWorkspaces, type WorkspaceSummary } from '@/utils/ledger/queries';
import type { InstitutionRow, LedgerSettings } from '@/utils/ledger/types';
import { ledgerDb } from './db';

export interface LedgerHeader {
  workspaces: WorkspaceSummary[];
  /** The institution rows (their roster counts are the 台账 tab's to read). */
  institutions: InstitutionRow[];
  settings: LedgerSettings;
}

export interface HeaderState {
  /** Undefined until the first answer. */
  value: LedgerHeader | undefined;
  error: unknown;
}

export const loadHeader = async (): Promise<LedgerHeader> => {
  const db = ledgerDb();
  const [workspaces, institutions, settings] = await Promise.all([
    listWorkspaces(db),
    db.institutions.toArray(),
    getSettings(db),
  ]);
  return { workspaces, institutions, settings };
};

const NOTHING: HeaderState = { value: undefined, error: undefined };
let state = NOTHING;
let subscription: Subscription | null = null;
const listeners = new Set<() => void>();

const emit = (next: HeaderState) => {
  state = next;
  for (const l of listeners) l();
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  subscription ??= liveQuery(loadHeader).subscribe({
    next: (value) => emit({ value, error: undefined }),
    error: (error: unknown) => emit({ value: state.value, error }),
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size || !subscription) return;
    subscription.unsubscribe();
    subscription = null;
    state = NOTHING;
  };
}

const snapshot = () => state;

/** The shared header query's latest answer (or error), for any number of components. */
export function useLedgerHeader(): HeaderState {
  return useSyncExternalStore(subscribe, snapshot);
}
