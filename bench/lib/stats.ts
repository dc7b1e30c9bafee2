/** Order statistics for the benchmark: medians and spreads, never a single timing. */

export interface Summary {
  n: number;
  median: number;
  p5: number;
  p25: number;
  p75: number;
  p95: number;
  min: number;
  max: number;
}

/** Quantile with linear interpolation between order statistics (q in 0..1). */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

export function summarize(values: readonly number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    p5: quantile(s, 0.05),
    p25: quantile(s, 0.25),
    p75: quantile(s, 0.75),
    p95: quantile(s, 0.95),
    min: s[0] ?? NaN,
    max: s[s.length - 1] ?? NaN,
  };
}

export function median(values: readonly number[]): number {
  return summarize(values).median;
}

/**
 * 90% bootstrap interval of median(a) / median(b), resampling both sides independently
 * (deterministic PRNG, so a rerun on the same samples prints the same interval).
 */
export function ratioInterval(a: readonly number[], b: readonly number[], rounds = 2000): [number, number] {
  let s = 0x9e3779b9;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const resample = (x: readonly number[]) => x.map(() => x[Math.floor(rnd() * x.length)]!);
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) ratios.push(median(resample(a)) / median(resample(b)));
  ratios.sort((x, y) => x - y);
  return [quantile(ratios, 0.05), quantile(ratios, 0.95)];
}

/** `items` rotated left by `k` (mod its length): the order of one alternating set whose first side rotates. */
export function rotation<T>(items: readonly T[], k: number): T[] {
  const n = items.length;
  const s = ((k % n) + n) % n;
  return [...items.slice(s), ...items.slice(0, s)];
}
