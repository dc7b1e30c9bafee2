/**
 * Stand-in for `vitest` inside the bundled benchmark page (bench/idb): lets the page import
 * `bench/check-submission.bench.ts` unchanged and run its fixture in a real browser JIT. `test`
 * only records the callback; `bench(name, fn)` and `bench.compare(...)` hand the cases to whoever
 * runs the recorded test (see `runCheckSubmission` in ./main.ts).
 */

export interface BenchCase {
  name: string;
  fn: () => void;
}

type Compare = (...args: (BenchCase | { time?: number })[]) => Promise<void>;
type TestFn = (ctx: {
  bench: ((name: string, fn: () => void) => BenchCase) & { compare: Compare };
}) => unknown;

export const recorded: { name: string; fn: TestFn }[] = [];

export function test(name: string, fn: TestFn): void {
  recorded.push({ name, fn });
}

export function expect(actual: unknown) {
  return {
    toBe(expected: unknown): void {
      if (actual !== expected) throw new Error(`expected ${String(expected)}, got ${String(actual)}`);
    },
  };
}
