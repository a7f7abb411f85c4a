/**
 * Training the Fellegi-Sunter model.
 *
 * u (P(level | non-match)) by random sampling: pairs of one random left and one random right
 * record are almost never the same person (about 1 in a million at scale 1), so their level
 * shares are the non-match distribution.
 *
 * m (P(level | match)) by expectation-maximisation in SESSIONS, one per training rule (the
 * blocking rules by default), as Splink does. Within the pairs that agree on a rule's keys,
 * the comparisons that read the same source columns as those keys are no longer informative
 * (blocked on dob, every pair agrees on dob, matches and non-matches alike), and their u
 * from random sampling no longer describes the non-matches there; so each session leaves
 * them out and estimates m only for the others, with u held at the sampled values. A
 * comparison's m is the mean over the sessions that estimated it; a comparison that every
 * rule constrains cannot be trained and must be given by hand. The EM runs on counts of
 * distinct comparison patterns, so its iterations cost nothing next to the comparisons.
 *
 * lambda (P(two random records match)) is the EM fixed point for lambda alone with m and u
 * held: lambda = sum over candidate pairs of P(match | pair) / (nLeft * nRight). Pairs that
 * no rule blocks are counted as non-matches, so lambda is slightly low by the blocking's
 * missed matches. (Splink instead scales a session's lambda back by the Bayes factors of the
 * comparisons its rule fixes; using all candidate pairs at once avoids depending on one
 * session and on the m of levels a rule only partly fixes, such as dob under a year key.)
 */
import { InputError } from '../../errors.ts';
import { stream } from '../../random/stream.ts';
import type { CandidatePairs } from './blocking.ts';
import { pairsMatchingRule, ruleKeys } from './blocking.ts';
import type { CompiledComparison } from './comparisons.ts';
import { sharesSource, type Encoded } from './encode.ts';
import { bayesFactorWeights, weightTables, type ComparisonParameters, type LinkageModel } from './predict.ts';
import type { LinkageSettings } from './settings.ts';

/** Level shares among random pairs; counts smoothed by half a pair per level so no u is zero. */
export interface UEstimate {
  u: number[][];
  counts: number[][];
  samplePairs: number;
}

const U_BLOCK = 4096;

/** u for every comparison from `samplePairs` random (left, right) pairs drawn from stream (seed, 'linkage.u'), block b of 4096 samples from `.at(b)`. */
export function estimateU(
  comparisons: CompiledComparison[],
  leftRows: number,
  rightRows: number,
  samplePairs: number,
  seed: number,
): UEstimate {
  const counts = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  if (leftRows === 0 || rightRows === 0) {
    return { u: comparisons.map((c) => c.levels.map(() => NaN)), counts, samplePairs: 0 };
  }
  const s = stream(seed, 'linkage.u');
  // One generator per block of samples: deterministic, and cheap next to one per sample.
  for (let block = 0; block * U_BLOCK < samplePairs; block++) {
    const rng = s.at(block);
    const end = Math.min(samplePairs, (block + 1) * U_BLOCK);
    for (let n = block * U_BLOCK; n < end; n++) {
      const i = rng.int(leftRows);
      const j = rng.int(rightRows);
      for (let k = 0; k < comparisons.length; k++) counts[k][comparisons[k].levelOf(i, j)]++;
    }
  }
  const u = comparisons.map((c, k) => {
    const nonNull = c.levels.filter((l) => !l.isNull).length;
    let total = 0;
    c.levels.forEach((l, li) => {
      if (!l.isNull) total += counts[k][li];
    });
    return c.levels.map((l, li) => (l.isNull ? NaN : (counts[k][li] + 0.5) / (total + 0.5 * nonNull)));
  });
  return { u, counts, samplePairs };
}

/** Starting m: most weight on the first non-null level, decreasing down the list, 5% on else. */
export function initialM(comparison: CompiledComparison): number[] {
  const nonNull = comparison.levels.map((l, i) => (l.isNull ? -1 : i)).filter((i) => i >= 0);
  const m = comparison.levels.map(() => NaN);
  const graded = nonNull.slice(0, -1);
  const raw = graded.map((_, rank) => Math.pow(4, -rank));
  const sum = raw.reduce((a, b) => a + b, 0);
  graded.forEach((li, rank) => (m[li] = (0.95 * raw[rank]) / sum));
  m[nonNull[nonNull.length - 1]] = 0.05;
  return m;
}

export interface SessionReport {
  rule: string[];
  pairs: number;
  trained: string[];
  /** Comparisons left out because the rule constrains their columns. */
  excluded: string[];
  iterations: number;
  converged: boolean;
  /** Share of matches among this session's pairs. */
  lambda: number;
  /** m estimated in this session, per comparison name (only those trained). */
  m: Record<string, number[]>;
}

/** Total pseudo-matches spread evenly over a comparison's non-null levels in each M step. */
const M_PSEUDO_COUNT = 0.5;

export interface EmOptions {
  maxIterations: number;
  tolerance: number;
}

export interface EmResult {
  m: number[][];
  lambda: number;
  iterations: number;
  converged: boolean;
}

/**
 * EM over pattern counts. patterns[p * K + k] is the level of comparison k in pattern p,
 * weights[p] how many pairs show it. Comparisons with train[k] false keep their m and only
 * contribute nothing (they are left out of the likelihood); those with fixedM[k] contribute
 * to the E step but are not updated.
 */
export function expectationMaximisation(
  patterns: Uint8Array,
  weights: Float64Array,
  K: number,
  nullLevel: number[],
  use: boolean[],
  update: boolean[],
  mStart: number[][],
  u: number[][],
  lambdaStart: number,
  options: EmOptions,
): EmResult {
  const P = weights.length;
  const m = mStart.map((row) => row.slice());
  let lambda = lambdaStart;
  let total = 0;
  for (let p = 0; p < P; p++) total += weights[p];
  let iterations = 0;
  let converged = false;
  const clamp = (x: number): number => Math.min(1 - 1e-12, Math.max(1e-12, x));
  for (let it = 0; it < options.maxIterations; it++) {
    iterations = it + 1;
    const mNum = m.map((row) => row.map(() => 0));
    let matched = 0;
    for (let p = 0; p < P; p++) {
      const w = weights[p];
      if (w === 0) continue;
      let lm = lambda;
      let lu = 1 - lambda;
      for (let k = 0; k < K; k++) {
        if (!use[k]) continue;
        const level = patterns[p * K + k];
        if (level === nullLevel[k]) continue;
        lm *= m[k][level];
        lu *= u[k][level];
      }
      const posterior = lm / (lm + lu);
      const mass = w * posterior;
      matched += mass;
      for (let k = 0; k < K; k++) {
        if (!use[k]) continue;
        const level = patterns[p * K + k];
        if (level !== nullLevel[k]) mNum[k][level] += mass;
      }
    }
    let change = Math.abs(clamp(matched / total) - lambda);
    lambda = clamp(matched / total);
    for (let k = 0; k < K; k++) {
      if (!use[k] || !update[k]) continue;
      let sum = 0;
      let levels = 0;
      for (let l = 0; l < m[k].length; l++) {
        if (l === nullLevel[k]) continue;
        sum += mNum[k][l];
        levels++;
      }
      if (sum <= 0) continue;
      for (let l = 0; l < m[k].length; l++) {
        if (l === nullLevel[k]) continue;
        // Half a pseudo-match spread over the levels: a level never seen among a few hundred
        // matches gets m of about 1/(1000 L), not zero, so one such disagreement cannot veto a
        // pair with weight -infinity. Kept this small (not half per level) so that a session
        // with a handful of matches is not pulled towards uniform m: with 3 matches, 0.5 per
        // level cut an exact match's m to 0.7 and lost true links on zero-noise data.
        const next = (mNum[k][l] + M_PSEUDO_COUNT / levels) / (sum + M_PSEUDO_COUNT);
        change = Math.max(change, Math.abs(next - m[k][l]));
        m[k][l] = next;
      }
    }
    if (change < options.tolerance) {
      converged = true;
      break;
    }
  }
  return { m, lambda, iterations, converged };
}

/** Every pair's comparison pattern as a small integer, with the level vector of each pattern. */
export interface PatternIndex {
  /** Pattern of each pair. */
  ids: Int32Array;
  /** patterns[q * K + k]: level of comparison k in pattern q. */
  patterns: Uint8Array;
  size: number;
}

export function indexPatterns(gamma: Uint8Array, count: number, comparisons: CompiledComparison[]): PatternIndex {
  const K = comparisons.length;
  const sizes = Int32Array.from(comparisons, (c) => c.levels.length);
  const radix = comparisons.reduce((a, c) => a * c.levels.length, 1);
  // Mixed-radix id of every pair (exact while the level product < 2^53), renumbered densely
  // in order of first sight: through a flat table when the product is small (the usual case,
  // hundreds or thousands of patterns), else through a Map.
  const ids = new Int32Array(count);
  const firstPair: number[] = [];
  const flat = radix <= 1 << 22 ? new Int32Array(radix).fill(-1) : null;
  const map = new Map<number, number>();
  for (let p = 0, at = 0; p < count; p++) {
    let id = 0;
    for (let k = 0; k < K; k++, at++) id = id * sizes[k] + gamma[at];
    let slot = flat !== null ? flat[id] : (map.get(id) ?? -1);
    if (slot < 0) {
      slot = firstPair.length;
      if (flat !== null) flat[id] = slot;
      else map.set(id, slot);
      firstPair.push(p);
    }
    ids[p] = slot;
  }
  const patterns = new Uint8Array(firstPair.length * K);
  firstPair.forEach((p, slot) => patterns.set(gamma.subarray(p * K, p * K + K), slot * K));
  return { ids, patterns, size: firstPair.length };
}

/** How many of the pairs selected by `mask` (all when null) show each pattern. */
export function patternCounts(index: PatternIndex, mask: Uint8Array | null): Float64Array {
  const weights = new Float64Array(index.size);
  const ids = index.ids;
  for (let p = 0; p < ids.length; p++) if (mask === null || mask[p] === 1) weights[ids[p]]++;
  return weights;
}

/**
 * lambda with m and u held: the maximum of the mixture likelihood over all nLeft * nRight
 * pairs, where candidate pair i has Bayes factor BF_i and pairs outside the blocks count as
 * certain non-matches (BF 0). This is the EM fixed point lambda = sum_i P(match | i) / N, but
 * found by safeguarded Newton steps on the score, which is decreasing in lambda (the
 * log-likelihood is concave), so it takes a dozen passes where the plain fixed-point
 * iteration can take hundreds.
 */
export function estimateLambda(
  bayesFactorLog2: Float64Array,
  totalPairs: number,
  tolerance = 1e-7,
): { lambda: number; iterations: number } {
  // Pairs with a Bayes factor under 2^-40 weigh exactly like pairs outside the blocks at any
  // lambda a double can tell apart, so they join those and the passes run over the rest.
  let kept = 0;
  for (let i = 0; i < bayesFactorLog2.length; i++) if (bayesFactorLog2[i] > -40) kept++;
  const bfMinusOne = new Float64Array(kept);
  kept = 0;
  for (let i = 0; i < bayesFactorLog2.length; i++) {
    const w = bayesFactorLog2[i];
    if (w > -40) bfMinusOne[kept++] = Math.pow(2, w) - 1;
  }
  const n = kept;
  const outside = totalPairs - n;
  const score = (lambda: number): [number, number] => {
    let s = 0;
    let d = 0;
    for (let i = 0; i < n; i++) {
      const b = bfMinusOne[i];
      const q = b / (1 + lambda * b);
      s += q;
      d += q * q;
    }
    const o = 1 / (1 - lambda);
    return [s - outside * o, -d - outside * o * o];
  };
  // The plain EM step, lambda' = sum P(match) / N: from a poor start it lands near the answer
  // in a step or two, where Newton's steps take over.
  const emStep = (lambda: number): number => {
    let sum = 0;
    const odds = lambda / (1 - lambda);
    for (let i = 0; i < n; i++) {
      const o = odds * (bfMinusOne[i] + 1);
      sum += o / (1 + o);
    }
    return sum / totalPairs;
  };
  let lo = 1e-300;
  let hi = 1 - 1e-12;
  let lambda = Math.min(0.5, Math.max(1e-12, bayesFactorLog2.length / totalPairs));
  let iterations = 0;
  for (let i = 0; i < 3; i++, iterations++) {
    const next = emStep(lambda);
    if (!(next > 0)) return { lambda: lo, iterations }; // No evidence of any match at all.
    lambda = Math.min(hi, next);
  }
  for (let it = 0; it < 200; it++, iterations++) {
    const [s, d] = score(lambda);
    if (s > 0) lo = lambda;
    else hi = lambda;
    let next = lambda - s / d;
    // Outside the bracket, bisect in log space instead (lambda spans many orders of magnitude).
    if (!(next > lo && next < hi)) next = Math.sqrt(lo * hi);
    if (Math.abs(next - lambda) <= tolerance * lambda) return { lambda: next, iterations: iterations + 1 };
    lambda = next;
  }
  return { lambda, iterations };
}

export interface TrainResult {
  model: LinkageModel;
  uEstimate: UEstimate;
  sessions: SessionReport[];
  /** Seconds spent sampling u, in the EM sessions, and estimating lambda. */
  seconds: { u: number; em: number; lambda: number };
  /** Newton iterations the lambda estimate took. */
  lambdaIterations: number;
  /** log2 Bayes factor of every candidate pair under the trained m and u (prediction adds the prior). */
  bayesFactors: Float64Array;
  /** What training could not do, e.g. a comparison never observed (all null): its m stays at the start values. */
  warnings: string[];
}

function fixedValues(comparison: CompiledComparison, key: 'm' | 'u'): number[] | null {
  const levels = comparison.settings.levels;
  if (!levels.some((l) => l[key] !== undefined)) return null;
  return levels.map((l) => (l.type === 'null' ? NaN : (l[key] as number)));
}

/** u by sampling, m by EM sessions, lambda by its fixed point: the whole training. */
export function trainModel(
  settings: LinkageSettings,
  encoded: Encoded,
  comparisons: CompiledComparison[],
  pairs: CandidatePairs,
  gamma: Uint8Array,
  leftRows: number,
  rightRows: number,
): TrainResult {
  const K = comparisons.length;
  const t = settings.training;
  const options: EmOptions = { maxIterations: t.em_max_iterations, tolerance: t.em_tolerance };
  const clock = performance.now();
  const uEstimate = estimateU(comparisons, leftRows, rightRows, t.u_sample_pairs, t.seed);
  const uSeconds = (performance.now() - clock) / 1000;
  const fixedU = comparisons.map((c) => fixedValues(c, 'u'));
  const fixedM = comparisons.map((c) => fixedValues(c, 'm'));
  const u = comparisons.map((_, k) => fixedU[k] ?? uEstimate.u[k]);
  const nullLevel = comparisons.map((c) => c.nullLevel);
  const start = comparisons.map((c, k) => fixedM[k] ?? initialM(c));
  const sums = comparisons.map((c) => c.levels.map(() => 0));
  const trainedIn = comparisons.map(() => 0);
  const couldTrain = comparisons.map(() => false);
  // Session pairs where a comparison was non-null: EM learns nothing about it without any.
  const observed = comparisons.map(() => 0);
  const warnings: string[] = [];
  const sessions: SessionReport[] = [];
  const patternIndex = indexPatterns(gamma, pairs.count, comparisons);
  const comparisonValues = comparisons.map((c) =>
    [c.settings.column, ...c.settings.levels.flatMap((l) => (l.column ? [l.column] : []))].map((name) => encoded.get(name)!),
  );
  for (const rule of t.rules ?? settings.blocking_rules) {
    const keys = rule.map((name) => encoded.get(name)!);
    const use = comparisonValues.map((values) => !values.some((v) => keys.some((key) => sharesSource(v, key))));
    const cached = pairs.keys.find((k) => k.rule.length === rule.length && k.rule.every((key, i) => key === rule[i]));
    const mask = pairsMatchingRule(pairs, cached ?? ruleKeys(encoded, rule));
    let n = 0;
    for (let p = 0; p < mask.length; p++) n += mask[p];
    const trained = comparisons.filter((_, k) => use[k] && !fixedM[k]).map((c) => c.name);
    const report: SessionReport = {
      rule,
      pairs: n,
      trained,
      excluded: comparisons.filter((_, k) => !use[k]).map((c) => c.name),
      iterations: 0,
      converged: false,
      lambda: NaN,
      m: {},
    };
    sessions.push(report);
    const update = comparisons.map((_, k) => use[k] && !fixedM[k]);
    update.forEach((u, k) => (couldTrain[k] ||= u));
    if (n === 0 || trained.length === 0) continue;
    const weights = patternCounts(patternIndex, mask);
    for (let q = 0; q < weights.length; q++) {
      for (let k = 0; k < K; k++) if (update[k] && patternIndex.patterns[q * K + k] !== nullLevel[k]) observed[k] += weights[q];
    }
    const result = expectationMaximisation(patternIndex.patterns, weights, K, nullLevel, use, update, start, u, 0.05, options);
    report.iterations = result.iterations;
    report.converged = result.converged;
    report.lambda = result.lambda;
    comparisons.forEach((c, k) => {
      if (!update[k]) return;
      report.m[c.name] = result.m[k];
      result.m[k].forEach((v, l) => {
        if (l !== nullLevel[k]) sums[k][l] += v;
      });
      trainedIn[k]++;
    });
  }
  const m = comparisons.map((c, k) => {
    if (fixedM[k]) return fixedM[k];
    if (couldTrain[k] && (trainedIn[k] === 0 || observed[k] === 0)) {
      warnings.push(`comparison "${c.name}": no candidate pair had a value on both sides in any EM session; m left at its starting values`);
      return start[k];
    }
    if (trainedIn[k] === 0) {
      throw new InputError(
        `settings.comparisons[${k}]: comparison "${c.name}" is constrained by every training rule, so EM cannot estimate its m; give m by hand for its levels or add a training rule that does not use its columns`,
      );
    }
    return sums[k].map((s, l) => (l === nullLevel[k] ? NaN : s / trainedIn[k]));
  });
  const parameters: ComparisonParameters[] = comparisons.map((c, k) => ({
    name: c.name,
    column: c.settings.column,
    termFrequency: c.settings.term_frequency,
    levels: c.levels.map((l, li) => ({
      name: l.name,
      type: l.type,
      isNull: l.isNull,
      m: m[k][li],
      u: u[k][li],
      mFixed: fixedM[k] !== null,
      uFixed: fixedU[k] !== null,
    })),
  }));
  const emSeconds = (performance.now() - clock) / 1000 - uSeconds;
  let lambda = t.lambda ?? NaN;
  let lambdaIterations = 0;
  // The Bayes factors do not depend on lambda: computed once here, reused by prediction.
  const bayesFactors = bayesFactorWeights(pairs, gamma, comparisons, weightTables({ lambda: 0.5, comparisons: parameters }, comparisons));
  if (t.lambda === undefined) {
    const estimate = estimateLambda(bayesFactors, leftRows * rightRows);
    lambda = estimate.lambda;
    lambdaIterations = estimate.iterations;
  }
  const lambdaSeconds = (performance.now() - clock) / 1000 - uSeconds - emSeconds;
  return {
    model: { lambda, comparisons: parameters },
    uEstimate,
    sessions,
    seconds: { u: uSeconds, em: emSeconds, lambda: lambdaSeconds },
    lambdaIterations,
    bayesFactors,
    warnings,
  };
}
