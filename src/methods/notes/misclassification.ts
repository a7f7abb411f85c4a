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
  return correctedRates([input], input)[0];
}

/** What several classifiers' corrections share: the bootstrap's replicates, seed and confidence. */
export type CorrectionSettings = Pick<CorrectionInput, 'replicates' | 'seed' | 'confidence'>;

/**
 * `correctedRate` of several classifiers' statuses on the same sample and review, each exactly
 * as alone: with the same seed and sizes every classifier's bootstrap resamples the same
 * requirements, so the indices are drawn once for all of them.
 */
export function correctedRates(inputs: readonly Pick<CorrectionInput, 'classified' | 'review'>[], settings: CorrectionSettings): CorrectedRate[] {
  const { seed } = settings;
  const replicates = settings.replicates ?? 1000;
  const confidence = settings.confidence ?? 0.95;
  if (inputs.length === 0) return [];
  const n = inputs[0].classified.length;
  const m = inputs[0].review.length;
  if (inputs.some((x) => x.classified.length !== n || x.review.length !== m)) {
    return inputs.map((x) => correctedRates([x], settings)[0]);
  }
  if (n === 0) throw new Error('correctedRate: the classified sample is empty');
  if (m === 0) throw new Error('correctedRate: the review sample is empty');

  // The classified sample only enters through its count of engaged, so resample it as such.
  const values = inputs.map((): number[] => []);
  const undefinedReplicates = new Array<number>(inputs.length).fill(0);
  const boot = stream(seed, 'methods.notes.bootstrap');
  const sampled = new Int32Array(n);
  const reviewed = new Int32Array(m);
  // Each input as bytes: classified 0/1, and each review pair as reviewed * 2 + classified.
  const flags = inputs.map(({ classified }) => Uint8Array.from(classified, (c) => (c ? 1 : 0)));
  const pairs = inputs.map(({ review }) => Uint8Array.from(review, (p) => (p.reviewed ? 2 : 0) + (p.classified ? 1 : 0)));
  const kinds = new Int32Array(4);
  for (let b = 0; b < replicates; b++) {
    const rng = boot.at(b);
    for (let i = 0; i < n; i++) sampled[i] = rng.int(n);
    for (let i = 0; i < m; i++) reviewed[i] = rng.int(m);
    for (let k = 0; k < inputs.length; k++) {
      const flag = flags[k];
      const pair = pairs[k];
      let e = 0;
      for (let i = 0; i < n; i++) e += flag[sampled[i]];
      kinds.fill(0);
      for (let i = 0; i < m; i++) kinds[pair[reviewed[i]]]++;
      // kinds: 0 not engaged and classified not (tn), 1 not engaged but classified (fp), 2 engaged but missed (fn), 3 engaged and classified (tp).
      const tp = kinds[3];
      const pos = kinds[2] + kinds[3];
      const tn = kinds[0];
      const neg = kinds[0] + kinds[1];
      const value = pos > 0 && neg > 0 ? roganGladen(e / n, tp / pos, tn / neg) : NaN;
      if (Number.isNaN(value)) undefinedReplicates[k]++;
      else values[k].push(value);
    }
  }
  const alpha = (1 - confidence) / 2;
  return inputs.map(({ classified, review }, k) => {
    let engaged = 0;
    for (const c of classified) if (c) engaged++;
    const q = engaged / n;
    const acc = accuracy(review);
    const sorted = Float64Array.from(values[k]).sort();
    return {
      observed: q,
      observedCi: wilson(engaged, n, normalQuantile(1 - alpha)),
      accuracy: acc,
      corrected: roganGladen(q, acc.sensitivity, acc.specificity),
      correctedCi: sorted.length >= 2 ? [quantile(sorted, alpha), quantile(sorted, 1 - alpha)] : null,
      replicates,
      undefinedReplicates: undefinedReplicates[k],
    };
  });
}
