/**
 * A sweep's summary seen knob by knob, for the faces that draw it (`report --sweep` and
 * `ui --sweep`): for each estimand, its bias and its interval coverage against each swept knob,
 * one series per combination of the other knobs, with each value's Monte Carlo SE.
 */
import type { SweepFolder, SweepSummaryRow } from './read.ts';
import { knobLevels } from './read.ts';

/** `mean` stands in for bias where an estimand has no truth (a linkage error rate is itself scored against the truth). */
export const VIEW_MEASURES = ['bias', 'coverage', 'mean'] as const;
export type ViewMeasure = (typeof VIEW_MEASURES)[number];

export interface KnobPoint {
  knob: string;
  /** The knob's value as summary.csv writes it. */
  level: string;
  /** The other knobs' values (`name=value, ...`), or `-` when only one knob is swept. */
  others: string;
  group: string;
  measure: ViewMeasure;
  value: number | null;
  mcse: number | null;
  /** Replicates behind the value (n for bias, n_ci for coverage). */
  n: number | null;
}

export interface EstimandView {
  estimand: string;
  /** Groups drawn, `all` first, at most `maxGroups`. */
  groups: string[];
  /** Groups in summary.csv beyond those drawn. */
  moreGroups: number;
  points: KnobPoint[];
}

/** The last part of a knob's path, enough to tell knobs apart in a legend. */
export function shortKnob(path: string): string {
  const parts = path.split('.');
  return parts.slice(-2).join('.');
}

function othersOf(row: SweepSummaryRow, knobs: string[], knob: string): string {
  const rest = knobs.filter((k) => k !== knob);
  return rest.length === 0 ? '-' : rest.map((k) => `${shortKnob(k)}=${row.knobs[k]}`).join(', ');
}

/** Estimands in the order summary.csv first lists them. */
export function estimandsOf(folder: SweepFolder): string[] {
  return [...new Set(folder.summary.map((r) => r.estimand))];
}

/**
 * The points of one estimand: for every knob, every summary row of the drawn groups gives its
 * bias and its coverage (coverage only where replicates had an interval; as a percentage).
 */
export function estimandView(folder: SweepFolder, estimand: string, maxGroups = 12): EstimandView {
  const rows = folder.summary.filter((r) => r.estimand === estimand);
  const all = [...new Set(rows.map((r) => r.group))];
  const ordered = [...all.filter((g) => g === 'all'), ...all.filter((g) => g !== 'all')];
  const groups = ordered.slice(0, maxGroups);
  const points: KnobPoint[] = [];
  const hasTruth = rows.some((r) => r.values.bias !== null && r.values.bias !== undefined);
  for (const knob of folder.knobs) {
    for (const row of rows) {
      if (!groups.includes(row.group)) continue;
      const base = { knob, level: row.knobs[knob], others: othersOf(row, folder.knobs, knob), group: row.group };
      const v = row.values;
      if (hasTruth) points.push({ ...base, measure: 'bias', value: v.bias ?? null, mcse: v.bias_mcse ?? null, n: v.n ?? null });
      else {
        const se = v.empirical_se ?? null;
        const n = v.n ?? null;
        points.push({ ...base, measure: 'mean', value: v.mean_estimate ?? null, mcse: se !== null && n !== null && n > 0 ? se / Math.sqrt(n) : null, n });
      }
      if (v.coverage !== undefined && v.coverage !== null && (v.n_ci ?? 0) > 0) {
        points.push({ ...base, measure: 'coverage', value: 100 * v.coverage, mcse: v.coverage_mcse === null || v.coverage_mcse === undefined ? null : 100 * v.coverage_mcse, n: v.n_ci ?? null });
      }
    }
  }
  return { estimand, groups, moreGroups: all.length - groups.length, points };
}

/** Each knob's values in the plan's order, for axes. */
export function levelsOf(folder: SweepFolder): Record<string, string[]> {
  return knobLevels(folder);
}
