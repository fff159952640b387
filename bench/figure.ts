/**
 * What every `bench/*.bench.ts` module returns from `figures()`; run.ts prints each `line` and
 * keeps the rest in bench/results.json. A module may also spell the type out instead of importing it.
 */

/** One measured figure. */
export interface Figure {
  /** Stable, for comparing results.json across runs. */
  name: string;
  value: number;
  unit: string;
  /** What is printed; figures of one measurement (p50 and p95) may share it, and it is printed once. */
  line: string;
}

/** The p-th percentile (0 < p ≤ 1) of samples, nearest rank: a value that was really measured. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const value = sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
  if (value === undefined) throw new Error('No samples to take a percentile of.');
  return value;
}
