/**
 * Run counts and seed for the fuzz suites (fast-check).
 *
 * - `FUZZ_RUNS`: inputs per fuzz target (the import path; the message handlers). Default 10,000, which
 *   keeps the whole fuzz folder under a minute on a 2-core CI machine. Each target splits its budget
 *   over its properties by fixed shares (printed). The CSV property runs `FUZZ_RUNS / 40` ledgers
 *   (each one is a database write plus an export), at least 25.
 * - `FUZZ_SEED`: a 32-bit integer. Default: a fresh random seed per process, printed with the counts.
 * - `FUZZ_HASH_EVERY`: the properties whose inputs are mostly cheap to reject check "nothing was
 *   written" on every run with a write probe (every Dexie mutation is counted) and compare the full
 *   content hash after any write and every N runs (default 20); `FUZZ_HASH_EVERY=1` hashes every run.
 *
 * A failure prints the property, its seed and fast-check's counterexample path; replay the whole run
 * with `FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npx vitest run tests/unit/fuzz`.
 */
import * as fc from 'fast-check';

function intFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return n;
}

export const FUZZ_RUNS = Math.max(1, intFromEnv('FUZZ_RUNS') ?? 10_000);
export const FUZZ_HASH_EVERY = Math.max(1, intFromEnv('FUZZ_HASH_EVERY') ?? 20);
export const FUZZ_SEED = (intFromEnv('FUZZ_SEED') ?? Math.floor(Math.random() * 0x7fffffff)) | 0;

/** Runs for a property that takes `share` (0..1] of the target's budget; at least `min`. */
export function runsFor(share: number, min = 1): number {
  return Math.max(min, Math.round(FUZZ_RUNS * share));
}

/** Per-property seed, so properties are independent but all replay from the one `FUZZ_SEED`. */
export function seedFor(property: string): number {
  let h = FUZZ_SEED;
  for (let i = 0; i < property.length; i++) h = (Math.imul(h, 31) + property.charCodeAt(i)) | 0;
  return h;
}

/** Counts what a property saw, by category; printed after the suite. */
export class Tally {
  readonly counts = new Map<string, number>();
  /** Full content-hash comparisons made (printed when set). */
  hashes: number | undefined;
  constructor(readonly name: string) {}
  add(category: string, n = 1): void {
    this.counts.set(category, (this.counts.get(category) ?? 0) + n);
  }
  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }
  toString(): string {
    const parts = [...this.counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const hashes = this.hashes === undefined ? '' : `; ${this.hashes} content hashes compared`;
    return `${this.name}: ${this.total} (${parts.map(([k, v]) => `${k} ${v}`).join(', ')}${hashes})`;
  }
}

/** A generated input that fast-check prints briefly (a label and the start of the text). */
export interface Printable {
  label: string;
  text: string;
}
export function printable<T extends Printable>(value: T): T {
  return Object.assign(value, {
    [fc.toStringMethod]: () =>
      `${value.label} ${JSON.stringify(value.text.slice(0, 400))}${value.text.length > 400 ? `…(${value.text.length} chars)` : ''}`,
  });
}

export function banner(target: string): string {
  return `[fuzz] ${target}: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS} FUZZ_HASH_EVERY=${FUZZ_HASH_EVERY} (replay: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS} npx vitest run tests/unit/fuzz)`;
}

/**
 * `fc.assert` with the suite's seed and run count; on failure the error names the property, the seed
 * and the run count so the failure can be replayed.
 */
export async function assertProperty<Ts extends [unknown, ...unknown[]]>(
  name: string,
  property: fc.IAsyncProperty<Ts>,
  numRuns: number,
): Promise<void> {
  const seed = seedFor(name);
  try {
    // No shrinking: the properties share a database, so once an input has written something every
    // later (smaller) input fails too and shrinking would report the wrong one. The failing input
    // is reported as generated, with its own error.
    await fc.assert(property, { seed, numRuns, endOnFailure: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(
      `[fuzz] property "${name}" failed (property seed ${seed}, numRuns ${numRuns}); replay with FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS}\n${msg}`,
      { cause: err },
    );
  }
}
