/**
 * Calibration: every published figure the run estimates, the recovered value against it, and
 * the share within tolerance (2 points for percentages, 5% of the published for counts and
 * days). Figures with no recovered value count as misses.
 */
import type { Estimate, Results } from '../results/estimate.ts';
import { missReason } from './calibration-reasons.ts';

export const PCT_TOLERANCE_POINTS = 2;
export const COUNT_TOLERANCE_SHARE = 0.05;

export interface CalibrationRow {
  id: string;
  group: string;
  unit: Estimate['unit'];
  published: number;
  recovered: number | null;
  truth: number | null;
  /** recovered - published. */
  gap: number | null;
  /** |gap| over the tolerance: <= 1 is within. */
  gapInTolerances: number;
  within: boolean;
}

export interface Calibration {
  rows: CalibrationRow[];
  within: number;
  total: number;
  share: number;
}

export function tolerance(unit: Estimate['unit'], published: number): number {
  return unit === 'pct' ? PCT_TOLERANCE_POINTS : COUNT_TOLERANCE_SHARE * Math.abs(published);
}

export function calibration(results: Results): Calibration {
  const rows: CalibrationRow[] = [];
  for (const e of results.estimates) {
    if (e.published === null) continue;
    const gap = e.estimate === null ? null : e.estimate - e.published;
    const tol = tolerance(e.unit, e.published);
    const gapInTolerances = gap === null ? Number.POSITIVE_INFINITY : tol === 0 ? (gap === 0 ? 0 : Number.POSITIVE_INFINITY) : Math.abs(gap) / tol;
    rows.push({ id: e.id, group: e.group, unit: e.unit, published: e.published, recovered: e.estimate, truth: e.truth, gap, gapInTolerances, within: gapInTolerances <= 1 });
  }
  const within = rows.filter((r) => r.within).length;
  return { rows, within, total: rows.length, share: rows.length === 0 ? 0 : within / rows.length };
}

export function worst(c: Calibration, n = 10): CalibrationRow[] {
  return c.rows.filter((r) => !r.within).sort((a, b) => b.gapInTolerances - a.gapInTolerances).slice(0, n);
}

/** Whose miss it is, computed: the synthetic truth already off the published figure, or the method off a truth that matches. */
export function whyMissed(r: CalibrationRow): string {
  const family = missReason(r.id);
  if (r.recovered === null) return `no recovered value on this run; ${family}`;
  if (r.truth === null) return `a figure of the method's own work (no truth); ${family}`;
  const tol = tolerance(r.unit, r.published);
  const truthWithin = Math.abs(r.truth - r.published) <= tol;
  const methodNearTruth = Math.abs(r.recovered - r.truth) <= tol;
  const whose = truthWithin
    ? 'the truth matches the published figure; the method on the records misses it'
    : methodNearTruth
      ? 'the synthetic truth itself is off the published figure and the method recovers it'
      : 'both the synthetic truth and the method are off';
  return `${whose}; ${family}`;
}
