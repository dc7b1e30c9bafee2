/**
 * Ratio figures of `npm run bench`: a subject measured side by side with its floor (the cheapest
 * way to get the same answer, or the same thing at a reference size) in one run, the ratio of their
 * medians, and the goal it is judged against. Pure.
 */
import { side, type Budget, type Figure } from './figures';
import { median } from './stats';

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
}

/**
 * A figure whose value is median(subject) / median(floor), with both sides' absolute figures kept
 * (printed in the table, all samples in results.json) and a note that says ratio, goal and verdict.
 */
export function ratioFigure(x: RatioFigureInput): Figure {
  const value = ratioOfMedians(x.subject.values, x.floor.values);
  const verdict = meets(value, x.goal) ? 'meets' : 'misses';
  const abs = `${fmtAbs(median(x.subject.values))} ${x.unit} / floor ${fmtAbs(median(x.floor.values))} ${x.unit}`;
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
