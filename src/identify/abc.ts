/**
 * Rejection ABC (approximate Bayesian computation; Pritchard et al. 1999, Beaumont 2010): draw
 * knobs from their priors, simulate the published figures, keep the draws whose figures come
 * within tolerance of the published ones. Nothing here knows about worlds or records: the
 * simulator is a function, so the bench's worlds and a toy model with a known posterior run
 * through the same code.
 */
import { hashString, mix32 } from '../random/stream.ts';

/** A knob drawn uniformly between low and high. */
export interface Prior {
  knob: string;
  low: number;
  high: number;
}

/** A published figure to match: recovered within `tolerance` of `published` (same unit). */
export interface FigureTarget {
  id: string;
  group: string;
  published: number;
  tolerance: number;
}

/** What one draw's simulation gives for a figure: the method's recovered value and the truth behind it. */
export interface Simulated {
  recovered: number | null;
  truth: number | null;
}

export type Knobs = Record<string, number>;

export interface Draw {
  draw: number;
  seed: number;
  knobs: Knobs;
  /** Keyed by figureKey: the figures, then any further quantities the plan records. */
  values: Record<string, Simulated>;
  /** max over figures of |recovered - published| / tolerance; Infinity when a figure is missing. */
  distance: number;
}

export function figureKey(f: { id: string; group: string }): string {
  return `${f.id}[${f.group}]`;
}

/** A uniform in [0, 1) that depends on the plan's seed, the draw and the knob alone (not on the shard or the order). */
export function uniform(seed: number, draw: number, knob: string): number {
  return mix32(hashString(knob, mix32((seed >>> 0) ^ mix32(draw + 0x5bd1e995)))) / 4294967296;
}

export function drawKnobs(priors: readonly Prior[], seed: number, draw: number): Knobs {
  return Object.fromEntries(priors.map((p) => [p.knob, p.low + uniform(seed, draw, p.knob) * (p.high - p.low)]));
}

/** Max-norm distance in tolerances; a tolerance of 0 asks for an exact match. */
export function distance(figures: readonly FigureTarget[], values: Record<string, Simulated>): number {
  let d = 0;
  for (const f of figures) {
    const r = values[figureKey(f)]?.recovered;
    if (r === null || r === undefined || !Number.isFinite(r)) return Number.POSITIVE_INFINITY;
    const gap = Math.abs(r - f.published);
    d = Math.max(d, f.tolerance === 0 ? (gap === 0 ? 0 : Number.POSITIVE_INFINITY) : gap / f.tolerance);
  }
  return d;
}

/**
 * Which draws are kept. `within_tolerance`: every figure within its tolerance (distance <= 1),
 * the plain rejection sampler. `closest`: the given share of draws nearest the published
 * figures (ties kept), for budgets too small for any draw to land within every tolerance; its
 * posterior is wider than the tolerance rule's would be.
 */
export type Acceptance = 'within_tolerance' | { closest: number };

export function accepted(draws: readonly Pick<Draw, 'distance'>[], rule: Acceptance): boolean[] {
  if (rule === 'within_tolerance') return draws.map((d) => d.distance <= 1);
  const finite = draws.map((d) => d.distance).filter((d) => Number.isFinite(d)).sort((a, b) => a - b);
  if (finite.length === 0) return draws.map(() => false);
  const k = Math.max(1, Math.round(rule.closest * draws.length));
  const cut = finite[Math.min(k, finite.length) - 1];
  return draws.map((d) => d.distance <= cut);
}

/** The q-quantile (type 7, as R's default) of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface Interval {
  n: number;
  median: number | null;
  low: number | null;
  high: number | null;
  min: number | null;
  max: number | null;
}

/** Median, central `level` interval and range of the finite values. */
export function interval(values: readonly (number | null)[], level = 0.9): Interval {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return { n: 0, median: null, low: null, high: null, min: null, max: null };
  const tail = (1 - level) / 2;
  return { n: xs.length, median: quantile(xs, 0.5), low: quantile(xs, tail), high: quantile(xs, 1 - tail), min: xs[0], max: xs[xs.length - 1] };
}

/** Runs the draws given (a shard's, or those not yet done) one after another through the simulator. */
export async function runDraws(
  priors: readonly Prior[],
  figures: readonly FigureTarget[],
  seed: number,
  draws: readonly number[],
  simulate: (knobs: Knobs, seed: number, draw: number) => Promise<Record<string, Simulated>>,
  onDraw: (d: Draw) => void = () => {},
): Promise<Draw[]> {
  const out: Draw[] = [];
  for (const i of draws) {
    const knobs = drawKnobs(priors, seed, i);
    const values = await simulate(knobs, seed + i, i);
    const d: Draw = { draw: i, seed: seed + i, knobs, values, distance: distance(figures, values) };
    out.push(d);
    onDraw(d);
  }
  return out;
}
