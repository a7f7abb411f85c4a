/**
 * Match weight and probability per candidate pair: the prior log2 odds plus, for each
 * comparison, log2(m / u) of the pair's level (0 for the null level, which carries no
 * evidence), with the term-frequency u in place of the average u for exact matches where
 * the comparison asks for it.
 */
import type { CompiledComparison } from './comparisons.ts';
import { termFrequencyWeights } from './term-frequency.ts';

export interface LevelParameters {
  name: string;
  type: string;
  isNull: boolean;
  /** P(level | match); NaN for the null level. */
  m: number;
  /** P(level | non-match); NaN for the null level. */
  u: number;
  mFixed: boolean;
  uFixed: boolean;
}

export interface ComparisonParameters {
  name: string;
  column: string;
  termFrequency: boolean;
  levels: LevelParameters[];
}

export interface LinkageModel {
  /** Prior probability that two random records (one per side) match. */
  lambda: number;
  comparisons: ComparisonParameters[];
}

export interface WeightTables {
  /** log2(lambda / (1 - lambda)). */
  prior: number;
  /** Per comparison, per level: log2(m / u); 0 for the null level. */
  levels: Float64Array[];
  /** Per comparison: exact-match weight by code of the main value when TF-adjusted, else null. */
  tf: (Float64Array | null)[];
  /** Per comparison: index of the level the TF weights replace (-1 when none). */
  tfLevel: number[];
}

export function logit2(p: number): number {
  return Math.log2(p / (1 - p));
}

export function probabilityFromWeight(w: number): number {
  return 1 / (1 + Math.exp(-w * Math.LN2));
}

export function weightTables(model: LinkageModel, comparisons: CompiledComparison[]): WeightTables {
  const levels: Float64Array[] = [];
  const tf: (Float64Array | null)[] = [];
  const tfLevel: number[] = [];
  model.comparisons.forEach((c, k) => {
    levels.push(Float64Array.from(c.levels, (l) => (l.isNull ? 0 : Math.log2(l.m / l.u))));
    const exact = comparisons[k].levels.findIndex((l) => l.isExactOnMain);
    if (c.termFrequency && exact >= 0) {
      tf.push(termFrequencyWeights(comparisons[k].main, c.levels[exact].m, comparisons[k].settings.tf_minimum_u));
      tfLevel.push(exact);
    } else {
      tf.push(null);
      tfLevel.push(-1);
    }
  });
  return { prior: logit2(model.lambda), levels, tf, tfLevel };
}

/** The weight comparison k gives pair p (its level's, or the term-frequency one). */
export function partialWeight(
  tables: WeightTables,
  comparisons: CompiledComparison[],
  gamma: Uint8Array,
  p: number,
  k: number,
  leftRow: number,
): number {
  const K = comparisons.length;
  const level = gamma[p * K + k];
  const tf = tables.tf[k];
  if (tf !== null && level === tables.tfLevel[k]) return tf[comparisons[k].main.left[leftRow]];
  return tables.levels[k][level];
}

/** Sum of the comparisons' partial weights per pair (no prior): log2 of the Bayes factor. */
export function bayesFactorWeights(
  pairs: { left: Int32Array; count: number },
  gamma: Uint8Array,
  comparisons: CompiledComparison[],
  tables: WeightTables,
): Float64Array {
  const K = comparisons.length;
  const out = new Float64Array(pairs.count);
  const left = pairs.left;
  // One pass over the pairs, the comparisons summed in order within it (the same sums, in the
  // same order, as a pass per comparison, without reading and writing every sum K times).
  // A term-frequency level reads its weight by the left record's code; tfAt is -1 for none.
  const levelWeights = tables.levels;
  const tfWeights = tables.tf.map((t) => t ?? new Float64Array(0));
  const tfAt = tables.tf.map((t, k) => (t === null ? -1 : tables.tfLevel[k]));
  const codes = comparisons.map((c) => c.main.left);
  for (let p = 0, at = 0; p < pairs.count; p++) {
    const i = left[p];
    let sum = 0;
    for (let k = 0; k < K; k++, at++) {
      const level = gamma[at];
      sum += level === tfAt[k] ? tfWeights[k][codes[k][i]] : levelWeights[k][level];
    }
    out[p] = sum;
  }
  return out;
}

export interface Predictions {
  matchWeight: Float64Array;
  matchProbability: Float64Array;
}

/**
 * Match weight (prior + Bayes factors, log2) and probability of every candidate pair.
 * `bayesFactors` may pass the sums training already computed for the same model (they do not
 * depend on lambda); the array is then reused for the weights.
 */
export function predictPairs(
  pairs: { left: Int32Array; count: number },
  gamma: Uint8Array,
  comparisons: CompiledComparison[],
  model: LinkageModel,
  bayesFactors?: Float64Array,
): Predictions {
  const prior = logit2(model.lambda);
  const matchWeight = bayesFactors ?? bayesFactorWeights(pairs, gamma, comparisons, weightTables(model, comparisons));
  const matchProbability = new Float64Array(pairs.count);
  for (let p = 0; p < pairs.count; p++) {
    const w = matchWeight[p] + prior;
    matchWeight[p] = w;
    matchProbability[p] = 1 / (1 + Math.exp(-w * Math.LN2));
  }
  return { matchWeight, matchProbability };
}
