/**
 * The pure part of the heap figures (bench/README.md, figures 14 and 15): which open/close cycles
 * are measured, the two sides of a growth figure, and which execution context of a page is our
 * content script's (CDP `Runtime.executionContextCreated`).
 */

export const MIB = 2 ** 20;

/**
 * The cycles (1-based) after which the heap is read: the first `first` and the last `last` (the two
 * sides of the growth figure) and every `every`-th in between (for the record).
 */
export function measuredCycles(total: number, first: number, last: number, every: number): number[] {
  const out = new Set<number>();
  for (let c = 1; c <= Math.min(first, total); c++) out.add(c);
  for (let c = Math.max(1, total - last + 1); c <= total; c++) out.add(c);
  if (every > 0) for (let c = every; c <= total; c += every) out.add(c);
  return [...out].sort((a, b) => a - b);
}

export interface CycleSample {
  cycle: number;
  bytes: number;
}

/**
 * The two sides of a growth figure: the heap after each of the first `first` cycles (the reference)
 * and after each of the last `last` (judged against it). Throws if the two would overlap (too few
 * cycles for a growth figure).
 */
export function growthSides(
  samples: readonly CycleSample[],
  total: number,
  first: number,
  last: number,
): { early: number[]; late: number[] } {
  if (total - last < first)
    throw new Error(`${total} cycles are too few to compare the first ${first} with the last ${last}`);
  return {
    early: samples.filter((s) => s.cycle <= first).map((s) => s.bytes),
    late: samples.filter((s) => s.cycle > total - last).map((s) => s.bytes),
  };
}

export interface ExecutionContextLike {
  id: number;
  origin: string;
  name?: string;
  auxData?: { frameId?: string; isDefault?: boolean; type?: string };
}

/**
 * The id of our content script's world in `frameId`: the last-created isolated (non-default) context
 * of that frame whose origin is our extension's, among those not destroyed since; null if none.
 */
export function contentScriptContext(
  contexts: readonly ExecutionContextLike[],
  destroyed: ReadonlySet<number>,
  extensionId: string,
  frameId: string,
): number | null {
  const ours = contexts.filter(
    (c) =>
      !destroyed.has(c.id) &&
      c.auxData?.frameId === frameId &&
      c.auxData.isDefault === false &&
      c.origin === `chrome-extension://${extensionId}`,
  );
  return ours.length ? ours[ours.length - 1]!.id : null;
}
