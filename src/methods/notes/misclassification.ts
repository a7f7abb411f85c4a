/**
 * Correcting the classified engagement rate for classifier error (Rogan-Gladen), with
 * sensitivity and specificity estimated from a manual-review sample (study: 324 cases), and a
 * percentile bootstrap that resamples BOTH the review sample and the classified sample, since
 * both are samples and the corrected rate inherits the error of each.
 */
import { stream } from '../../random/stream.ts';
import { normalQuantile, wilson } from '../interval.ts';

export const DEFAULT_REVIEW_SIZE = 324;

/** One reviewed requirement: what the classifier said and what the manual review found. */
export interface ReviewPair {
  classified: boolean;
  reviewed: boolean;
}

export interface Accuracy {
  sensitivity: number;
  specificity: number;
  reviewedEngaged: number;
  reviewedNotEngaged: number;
}

export function accuracy(review: readonly ReviewPair[]): Accuracy {
  let tp = 0;
  let pos = 0;
  let tn = 0;
  let neg = 0;
  for (const pair of review) {
    if (pair.reviewed) {
      pos++;
      if (pair.classified) tp++;
    } else {
      neg++;
      if (!pair.classified) tn++;
    }
  }
  return { sensitivity: pos > 0 ? tp / pos : NaN, specificity: neg > 0 ? tn / neg : NaN, reviewedEngaged: pos, reviewedNotEngaged: neg };
}

/**
 * p = (q + Sp - 1) / (Se + Sp - 1), clamped to [0, 1]. NaN when Se + Sp <= 1: the
 * classifier then carries no information and no correction exists.
 */
export function roganGladen(q: number, sensitivity: number, specificity: number): number {
  const denominator = sensitivity + specificity - 1;
  if (!(denominator > 0)) return NaN;
  return Math.min(1, Math.max(0, (q + specificity - 1) / denominator));
}

export interface CorrectionInput {
  /** Classified status of each requirement in the analysed sample (true = engaged). */
  classified: readonly boolean[];
  review: readonly ReviewPair[];
  /** Bootstrap replicates. */
  replicates?: number;
  seed: number;
  confidence?: number;
}

export interface CorrectedRate {
  observed: number;
  /** Wilson interval of the observed (uncorrected) rate. */
  observedCi: [number, number];
  accuracy: Accuracy;
  corrected: number;
  /** Percentile bootstrap interval; null if too few replicates were defined. */
  correctedCi: [number, number] | null;
  replicates: number;
  /** Replicates where Se + Sp <= 1, so the correction was undefined and left out. */
  undefinedReplicates: number;
}

function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function correctedRate(input: CorrectionInput): CorrectedRate {
  const { classified, review, seed } = input;
  const replicates = input.replicates ?? 1000;
  const confidence = input.confidence ?? 0.95;
  const n = classified.length;
  const m = review.length;
  if (n === 0) throw new Error('correctedRate: the classified sample is empty');
  if (m === 0) throw new Error('correctedRate: the review sample is empty');
  let engaged = 0;
  for (const c of classified) if (c) engaged++;
  const q = engaged / n;
  const acc = accuracy(review);
  const corrected = roganGladen(q, acc.sensitivity, acc.specificity);

  // The classified sample only enters through its count of engaged, so resample it as such.
  const values: number[] = [];
  let undefinedReplicates = 0;
  const boot = stream(seed, 'methods.notes.bootstrap');
  for (let b = 0; b < replicates; b++) {
    const rng = boot.at(b);
    let e = 0;
    for (let i = 0; i < n; i++) if (classified[rng.int(n)]) e++;
    let tp = 0;
    let pos = 0;
    let tn = 0;
    let neg = 0;
    for (let i = 0; i < m; i++) {
      const pair = review[rng.int(m)];
      if (pair.reviewed) {
        pos++;
        if (pair.classified) tp++;
      } else {
        neg++;
        if (!pair.classified) tn++;
      }
    }
    const value = pos > 0 && neg > 0 ? roganGladen(e / n, tp / pos, tn / neg) : NaN;
    if (Number.isNaN(value)) undefinedReplicates++;
    else values.push(value);
  }
  const sorted = Float64Array.from(values).sort();
  const alpha = (1 - confidence) / 2;
  return {
    observed: q,
    observedCi: wilson(engaged, n, normalQuantile(1 - alpha)),
    accuracy: acc,
    corrected,
    correctedCi: sorted.length >= 2 ? [quantile(sorted, alpha), quantile(sorted, 1 - alpha)] : null,
    replicates,
    undefinedReplicates,
  };
}
