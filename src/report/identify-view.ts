/**
 * What an identify run's faces show (the report page and `ui --identify`), as plain data: the
 * plan's facts; per knob and per truth its interval among the accepted draws beside all draws
 * and both histograms on one set of bins; per figure the method's error across the accepted
 * worlds and whether its sign holds in every one. The intervals come from the functions that
 * wrote posterior.csv and errors.csv.
 */
import { figureKey, type Draw, type Interval } from '../identify/abc.ts';
import type { IdentifyFolder } from '../identify/read.ts';
import { errors, posterior, type ErrorRow, type PosteriorRow } from '../identify/write.ts';

export const BINS = 20;

export interface Histogram {
  /** Bin edges: BINS + 1 of them, from the prior's low end to its high end for a knob; for a truth over all draws' range and the published figure. */
  edges: number[];
  all: number[];
  accepted: number[];
}

export interface PosteriorView {
  /** What it is, in words: "knob treatment.other_treatment.ATR", "truth of nlp.engaged.pct (ATR)". */
  label: string;
  kind: PosteriorRow['kind'];
  quantity: string;
  /** Decimal places a value is shown with (a knob is a probability or a coefficient; a truth a percentage or count). */
  digits: number;
  priorLow: number | null;
  priorHigh: number | null;
  published: number | null;
  accepted: Interval;
  all: Interval;
  histogram: Histogram;
}

export type Sign = ErrorRow['sign'];

export interface ErrorView {
  label: string;
  id: string;
  group: string;
  published: number | null;
  recovered: Interval;
  error: Interval;
  sign: Sign;
  /** What the sign says about the published figure, in words. */
  holds: string;
}

export interface IdentifyView {
  name: string;
  aims: string;
  /** Fact name -> text, in order: scenario, worlds, figures matched, acceptance, version. */
  facts: [string, string][];
  level: number;
  worlds: number;
  accepted: number;
  posterior: PosteriorView[];
  errors: ErrorView[];
  /** Said beside the intervals when so few worlds were accepted that an interval is about their range. */
  caution: string | null;
}

/** Below this many accepted worlds an interval at 90% is little more than their range. */
export const FEW_ACCEPTED = 10;

export function labelOf(r: PosteriorRow): string {
  return r.kind === 'knob' ? `knob ${r.quantity}` : r.kind === 'truth' ? `truth of ${r.quantity}` : `${r.quantity}, scored against the truth`;
}

function valueOf(r: PosteriorRow, d: Draw): number | null {
  if (r.kind === 'knob') return d.knobs[r.quantity] ?? null;
  const v = d.values[figureKey(r)];
  if (v === undefined) return null;
  return r.kind === 'truth' ? v.truth : v.recovered;
}

/** `bins` equal bins from low to high (a point mass gets a unit-wide span around it); values outside are left out. */
export function histogram(values: readonly (number | null)[], accepted: readonly boolean[], low: number, high: number, bins = BINS): Histogram {
  let lo = low;
  let hi = high;
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const all = new Array<number>(bins).fill(0);
  const kept = new Array<number>(bins).fill(0);
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v) || v < lo || v > hi) return;
    const b = Math.min(bins - 1, Math.floor((v - lo) / width));
    all[b]++;
    if (accepted[i]) kept[b]++;
  });
  return { edges, all, accepted: kept };
}

const SIGN_WORDS: Record<Sign, string> = {
  over: 'over the truth in every consistent world: the published figure overstates it whichever of them is true',
  under: 'under the truth in every consistent world: the published figure understates it whichever of them is true',
  either: 'over in some consistent worlds, under in others: which way it errs depends on what is unknown',
  none: 'no accepted world: nothing to say',
};

const fmt = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));

export function identifyView(folder: IdentifyFolder, bins = BINS): IdentifyView {
  const { record, draws, keep } = folder;
  const level = record.plan.level;
  const accepted = keep.filter(Boolean).length;
  const rule = record.plan.accept === 'within_tolerance' ? 'every figure within its tolerance' : `the ${fmt(100 * record.plan.accept.closest, 0)}% of draws nearest the published figures`;
  const facts: [string, string][] = [
    ['aims', record.plan.aims],
    ['scenario', `${record.scenario}, worlds at scale ${record.plan.scale}, seed ${record.plan.seed} + draw; stages run: ${record.stages.join(', ')}`],
    ['figures matched', record.figures.map((f) => `${f.id} (${f.group}) ${fmt(f.published)} ± ${fmt(f.tolerance)}`).join('; ')],
    ['worlds', `${draws.length} run, ${accepted} accepted (${rule}); intervals at ${Math.round(level * 100)}%`],
    ['pathways-bench', record.packageVersion],
  ];
  const post = posterior(record, draws, keep).map((r): PosteriorView => {
    const values = draws.map((d) => valueOf(r, d));
    // A truth's axis reaches the published figure, so the gap between them shows.
    const reach = r.kind === 'truth' && r.published !== null ? [r.published] : [];
    const low = r.kind === 'knob' && r.prior_low !== null ? r.prior_low : Math.min(r.all.min ?? 0, ...reach);
    const high = r.kind === 'knob' && r.prior_high !== null ? r.prior_high : Math.max(r.all.max ?? 0, ...reach);
    return {
      label: labelOf(r),
      kind: r.kind,
      quantity: r.quantity,
      digits: r.kind === 'knob' ? 3 : 1,
      priorLow: r.prior_low,
      priorHigh: r.prior_high,
      published: r.published,
      accepted: r.accepted,
      all: r.all,
      histogram: histogram(values, keep, low, high, bins),
    };
  });
  const errs = errors(record, draws, keep).map((e): ErrorView => ({ label: `${e.id} (${e.group})`, id: e.id, group: e.group, published: e.published, recovered: e.recovered, error: e.error, sign: e.sign, holds: SIGN_WORDS[e.sign] }));
  const caution =
    accepted === 0
      ? 'No draw was accepted: no posterior. Raise the budget, widen the priors or tolerances, or accept the closest share of draws.'
      : accepted < FEW_ACCEPTED
        ? `Only ${accepted} accepted world${accepted === 1 ? '' : 's'}: too few for an interval to mean much; read it as their range.`
        : null;
  return { name: record.plan.name, aims: record.plan.aims, facts, level, worlds: draws.length, accepted, posterior: post, errors: errs, caution };
}

/** "50.0–73.8" (the interval), or '–' with nothing accepted. */
export function intervalText(x: Interval, digits: number): string {
  if (x.n === 0) return '–';
  // "-1.6–35.6" reads as a range from 1.6; with a negative end the words say it.
  return x.low !== null && x.low < 0 ? `${fmt(x.low, digits)} to ${fmt(x.high, digits)}` : `${fmt(x.low, digits)}–${fmt(x.high, digits)}`;
}

export function rangeText(x: Interval, digits: number): string {
  return x.n === 0 ? '–' : `${fmt(x.min, digits)} to ${fmt(x.max, digits)}`;
}

export { fmt as formatNumber };
