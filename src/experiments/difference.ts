/**
 * The difference of one estimand between two grid points, replicate by replicate, and its Monte
 * Carlo SE: the spread of the per-replicate differences over the square root of their number.
 * With common random numbers replicate r of both points shares its seed (and, for a method
 * knob, its world), so the differences are paired and world-to-world noise cancels; with
 * independent seeds the same formula estimates sqrt(var_a + var_b) / sqrt(R), since the pairs
 * are then independent draws. One formula for both, so the two sweeps are compared like for like.
 */
import type { SweepResultRow } from './read.ts';

export interface PointDifference {
  estimand: string;
  group: string;
  /** Grid point indices: the difference is b minus a. */
  a: number;
  b: number;
  /** Replicates where both points have an estimate. */
  n: number;
  mean: number | null;
  mcse: number | null;
}

/** Estimate of point b minus point a, by replicate, for one estimand and group. */
export function pointDifference(rows: readonly SweepResultRow[], estimand: string, group: string, a: number, b: number): PointDifference {
  const byReplicate = (point: number): Map<number, number> =>
    new Map(rows.filter((r) => r.point === point && r.estimand === estimand && r.group === group && r.estimate !== null).map((r) => [r.replicate, r.estimate as number]));
  const first = byReplicate(a);
  const second = byReplicate(b);
  const d = [...first.entries()].flatMap(([r, x]) => (second.has(r) ? [second.get(r)! - x] : []));
  const n = d.length;
  const mean = n > 0 ? d.reduce((s, x) => s + x, 0) / n : null;
  const mcse = n > 1 && mean !== null ? Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) / n) : null;
  return { estimand, group, a, b, n, mean, mcse };
}

export interface KnobContrast {
  knob: string;
  /** The knob's first and last value (as the CSVs write them), the other knobs at their first. */
  from: string;
  to: string;
  a: number;
  b: number;
}

/**
 * For each knob: the grid point with every knob at its first value against the one with this
 * knob at its last value (grid points numbered as `gridPoints` makes them, the first knob slowest).
 */
export function knobContrasts(levels: Record<string, string[]>): KnobContrast[] {
  const knobs = Object.keys(levels);
  return knobs.flatMap((knob, k) => {
    const values = levels[knob];
    if (values.length < 2) return [];
    // The point index of (0, ..., last at k, ..., 0): last x the product of the later knobs' sizes.
    const stride = knobs.slice(k + 1).reduce((s, other) => s * levels[other].length, 1);
    return [{ knob, from: values[0], to: values[values.length - 1], a: 0, b: (values.length - 1) * stride }];
  });
}
