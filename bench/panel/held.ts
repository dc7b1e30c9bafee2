/**
 * What the in-memory floor page answers the ledger reads with. Two modes:
 * - record (`?record` in the address): every read goes to the real queries on the real ledger and
 *   its answer is kept under its call key; `window.__benchPanelHold()` then holds them all as
 *   `window.__benchPanelHeld`, and this page stays open as the holder;
 * - replay (this page in an iframe of the holder: same origin, same process, so the holder's objects
 *   are directly reachable): every read is answered from `parent.__benchPanelHeld`, the answers
 *   already in memory. No database, no copy, no parse.
 */
import { ledgerDb } from '../../components/ledger/db';
import { callKey, type Recording } from '../lib/panel-memory';

interface BenchWindow {
  __benchPanelMode?: 'replay' | 'record';
  __benchPanelMisses?: string[];
  __benchPanelHeld?: Recording;
  __benchPanelHold?: () => Promise<{ keys: string[]; jsonChars: number }>;
}
const w = globalThis as unknown as BenchWindow;

export const replaying = !new URLSearchParams(location.search).has('record');
const recorded: Recording = {};
const misses: string[] = [];
w.__benchPanelMode = replaying ? 'replay' : 'record';
w.__benchPanelMisses = misses;

const held: Recording | undefined = replaying
  ? ((globalThis as unknown as { parent?: BenchWindow | null }).parent?.__benchPanelHeld ?? {})
  : undefined;

if (!replaying)
  w.__benchPanelHold = async () => {
    // The switcher's direct table read (not a query): recorded here, on the same ledger.
    recorded[callKey('institutions.toArray', [])] = await ledgerDb().institutions.toArray();
    w.__benchPanelHeld = recorded;
    return { keys: Object.keys(recorded), jsonChars: JSON.stringify(recorded).length };
  };

/** The answer of one read: from memory (replay) or from `real` (record, kept under its key). */
export function answer<T>(name: string, args: readonly unknown[], real: () => Promise<T>): Promise<T> {
  const key = callKey(name, args);
  if (held) {
    if (Object.hasOwn(held, key)) return Promise.resolve(held[key] as T);
    misses.push(key);
    return Promise.reject(new Error(`bench floor: no recorded answer for ${key}`));
  }
  return real().then((v) => {
    recorded[key] = v;
    return v;
  });
}
