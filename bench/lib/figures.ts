/**
 * What each benchmark phase hands to scripts/bench.mjs: figures with their baseline measured in the
 * same run, the budget, and the raw samples. One JSON file per phase in BENCH_OUT_DIR.
 */
import { summarize, type Summary } from './stats';

export interface Budget {
  op: '<=' | '>=';
  limit: number;
}

export interface Side {
  /** What was measured, e.g. "with the extension". */
  label: string;
  unit: string;
  summary: Summary;
}

export interface Figure {
  id: string;
  /** The row label in the table. */
  name: string;
  /** The number checked against the budget. */
  value: number;
  unit: string;
  /** Set when the figure could not be measured (value NaN): why, e.g. "no roster page in the mock". */
  missing?: string;
  /** 90% bootstrap interval of `value`, for ratios of medians. */
  interval?: [number, number];
  /** How `value` is derived from the samples (shown in the README and results.json). */
  derived: string;
  budget: Budget | null;
  subject: Side | null;
  baseline: Side | null;
  note?: string;
  /** Raw samples, kept in results.json for later analysis. */
  samples?: Record<string, number[]>;
}

export interface PhaseResult {
  phase: string;
  seconds: number;
  figures: Figure[];
  info?: Record<string, unknown>;
}

export function side(label: string, unit: string, values: readonly number[]): Side {
  return { label, unit, summary: summarize(values) };
}
