/**
 * Coverage of the uncorrected (Wilson) and Rogan-Gladen corrected (bootstrap) intervals for
 * the unlinked engagement rate, over repeated samples from one population of requirements.
 *
 * The population is given as two flags per requirement: what the classifier pipeline said
 * and what a manual review would find. In the synthetic world the caller fills `reviewed`
 * from truth, which is exactly what a perfect manual review is; this file sees only flags.
 * Each replicate draws the analysed sample and, separately, the review sample (as the study
 * reviewed 324 other CRNs), both without replacement.
 */
import { stream, type Rng } from '../../src/random/stream.ts';
import { correctedRate } from '../../src/methods/notes/misclassification.ts';

export interface CoveragePopulation {
  classified: readonly boolean[];
  reviewed: readonly boolean[];
}

export interface CoverageSettings {
  replicates: number;
  sampleSize: number;
  reviewSize: number;
  bootstrap: number;
  seed: number;
}

export interface IntervalCoverage {
  coverage: number;
  meanEstimate: number;
  bias: number;
  meanWidth: number;
}

export interface CoverageResult {
  replicates: number;
  /** The population's reviewed-engaged share: the estimand. */
  truth: number;
  uncorrected: IntervalCoverage;
  corrected: IntervalCoverage;
  /** Replicates where the corrected interval was undefined (counted as not covering). */
  undefinedIntervals: number;
}

function drawWithoutReplacement(n: number, size: number, rng: Rng, pool: Int32Array): Int32Array {
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(n - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.subarray(0, size);
}

export function coverageExperiment(population: CoveragePopulation, settings: CoverageSettings): CoverageResult {
  const n = population.classified.length;
  if (population.reviewed.length !== n) throw new Error('coverage: classified and reviewed differ in length');
  if (settings.sampleSize + settings.reviewSize > n) throw new Error('coverage: samples larger than the population');
  let engaged = 0;
  for (const r of population.reviewed) if (r) engaged++;
  const truth = engaged / n;
  const draws = stream(settings.seed, 'methods.notes.coverage');
  const pool = new Int32Array(n);
  const totals = {
    uncorrected: { covered: 0, estimate: 0, width: 0 },
    corrected: { covered: 0, estimate: 0, width: 0 },
  };
  let undefinedIntervals = 0;
  for (let r = 0; r < settings.replicates; r++) {
    const rng = draws.at(r);
    const picked = drawWithoutReplacement(n, settings.sampleSize + settings.reviewSize, rng, pool);
    const classified = Array.from(picked.subarray(0, settings.sampleSize), (i) => population.classified[i]);
    const review = Array.from(picked.subarray(settings.sampleSize), (i) => ({
      classified: population.classified[i],
      reviewed: population.reviewed[i],
    }));
    const result = correctedRate({ classified, review, replicates: settings.bootstrap, seed: settings.seed * 7919 + r });
    const [lo, hi] = result.observedCi;
    totals.uncorrected.covered += lo <= truth && truth <= hi ? 1 : 0;
    totals.uncorrected.estimate += result.observed;
    totals.uncorrected.width += hi - lo;
    if (result.correctedCi === null || Number.isNaN(result.corrected)) {
      undefinedIntervals++;
      continue;
    }
    const [clo, chi] = result.correctedCi;
    totals.corrected.covered += clo <= truth && truth <= chi ? 1 : 0;
    totals.corrected.estimate += result.corrected;
    totals.corrected.width += chi - clo;
  }
  const summary = (t: { covered: number; estimate: number; width: number }, defined: number): IntervalCoverage => ({
    coverage: t.covered / settings.replicates,
    meanEstimate: t.estimate / defined,
    bias: t.estimate / defined - truth,
    meanWidth: t.width / defined,
  });
  return {
    replicates: settings.replicates,
    truth,
    uncorrected: summary(totals.uncorrected, settings.replicates),
    corrected: summary(totals.corrected, settings.replicates - undefinedIntervals),
    undefinedIntervals,
  };
}
