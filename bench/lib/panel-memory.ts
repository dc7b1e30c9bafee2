/**
 * The in-memory floor of the panel's first render (bench/README.md, figure 13), its pure part: how a
 * ledger read is named in a recording, and how the floor page's build swaps the panel's two ledger
 * modules for the recording's (bench/panel/vite.config.ts).
 */

/** Answers of the ledger reads the first screen made, by call key. */
export type Recording = Record<string, unknown>;

/**
 * The key of one read: its name and its arguments other than the database handle and the clock, in
 * JSON with object keys sorted (so `{ role, search }` and `{ search, role }` are one read).
 */
export function callKey(name: string, args: readonly unknown[]): string {
  return `${name}(${args.map((a) => stableJson(a)).join(',')})`;
}

export function stableJson(x: unknown): string {
  if (x === undefined) return 'undefined';
  if (x === null || typeof x !== 'object') return JSON.stringify(x);
  if (Array.isArray(x)) return `[${x.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`;
  const o = x as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}

/** The panel's modules that read the ledger, as the repository spells them, and their floor versions. */
export const SWAPPED = {
  queries: 'utils/ledger/queries.ts',
  tabQueries: 'utils/ledger/tab-queries.ts',
  db: 'components/ledger/db.ts',
} as const;

/**
 * The floor module to load instead of `resolved` (an absolute path) when `importer` asks for it, or
 * null to keep it: the swap applies to every importer except the floor's own modules (which wrap the
 * real ones).
 */
export function swappedFor(resolved: string, importer: string | undefined, root: string): string | null {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\?.*$/, '');
  const r = norm(resolved);
  const base = `${norm(root).replace(/\/$/, '')}/`;
  if (importer && norm(importer).startsWith(`${base}bench/panel/`)) return null;
  if (r === `${base}${SWAPPED.queries}`) return `${base}bench/panel/queries.ts`;
  if (r === `${base}${SWAPPED.tabQueries}`) return `${base}bench/panel/tab-queries.ts`;
  if (r === `${base}${SWAPPED.db}`) return `${base}bench/panel/db.ts`;
  return null;
}
