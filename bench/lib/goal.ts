/**
 * Ratio figures of `npm run bench`: a subject measured side by side with its floor (the cheapest
 * way to get the same answer, or the same thing at a reference size) in one run, the ratio of their
 * medians, and the goal it is judged against. Pure.
 */
import { side, type Budget, type Figure } from './figures';
import { median, quantile } from './stats';

/** Whether `value` meets the goal. A value that is not a finite number never does. */
export function meets(value: number, goal: Budget): boolean {
  if (!Number.isFinite(value)) return false;
  return goal.op === '<=' ? value <= goal.limit : value >= goal.limit;
}

/** `≤ 1.5`, `≥ 0.95`. */
export function goalText(goal: Budget): string {
  return `${goal.op === '<=' ? '≤' : '≥'} ${goal.limit}`;
}

/** median(subject) / median(floor); NaN when either side is empty or the floor's median is 0. */
export function ratioOfMedians(subject: readonly number[], floor: readonly number[]): number {
  const f = median(floor);
  if (!subject.length || !floor.length || !(f !== 0)) return NaN;
  return median(subject) / f;
}

/**
 * quantile(subject, q) / quantile(floor, q) (q in 0..1: 0.95 for a p95 ratio); NaN when either side is
 * empty or the floor's quantile is 0.
 */
export function ratioOfQuantiles(subject: readonly number[], floor: readonly number[], q: number): number {
  const sorted = (x: readonly number[]) => [...x].sort((a, b) => a - b);
  const f = quantile(sorted(floor), q);
  if (!subject.length || !floor.length || !(f !== 0)) return NaN;
  return quantile(sorted(subject), q) / f;
}

export interface RatioFigureInput {
  id: string;
  name: string;
  goal: Budget;
  /** What the ratio is made of, e.g. "median(getPendingQueue) / median(one range read)". */
  derived: string;
  /**
   * Unit of both sides. The ratio is taken on the values as given: for times (ms) the goal is a
   * `≤`, for rates (rows/s) a `≥`.
   */
  unit: string;
  subject: { label: string; values: readonly number[] };
  floor: { label: string; values: readonly number[] };
  /** Appended to the note. */
  note?: string;
  samples?: Record<string, number[]>;
  /** The ratio of this quantile of both sides instead of their medians (0.95: p95 / p95). */
  quantile?: number;
}

/**
 * A figure whose value is median(subject) / median(floor), with both sides' absolute figures kept
 * (printed in the table, all samples in results.json) and a note that says ratio, goal and verdict.
 */
export function ratioFigure(x: RatioFigureInput): Figure {
  const q = x.quantile;
  const value =
    q === undefined
      ? ratioOfMedians(x.subject.values, x.floor.values)
      : ratioOfQuantiles(x.subject.values, x.floor.values, q);
  const verdict = meets(value, x.goal) ? 'meets' : 'misses';
  const at = (v: readonly number[]) =>
    q === undefined
      ? median(v)
      : quantile(
          [...v].sort((a, b) => a - b),
          q,
        );
  const which = q === undefined ? '' : `p${Math.round(q * 100)} `;
  const abs = `${which}${fmtAbs(at(x.subject.values))} ${x.unit} / floor ${which}${fmtAbs(at(x.floor.values))} ${x.unit}`;
  return {
    id: x.id,
    name: x.name,
    value,
    unit: '×',
    derived: x.derived,
    budget: x.goal,
    subject: side(x.subject.label, x.unit, x.subject.values),
    baseline: side(x.floor.label, x.unit, x.floor.values),
    note: `ratio ${Number.isFinite(value) ? value.toFixed(3) : 'n/a'} (${abs}) ${verdict} the goal ${goalText(x.goal)}${x.note ? `; ${x.note}` : ''}`,
    ...(x.samples ? { samples: x.samples } : {}),
  };
}

function fmtAbs(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(2);
}
