/**
 * Training the Fellegi-Sunter model, in three parts (each in training/):
 *
 * - u (P(level | non-match)): exact from value frequencies for exact levels and small
 *   dictionaries, sampled from random pairs only for fuzzy levels on many values (u.ts).
 * - m (P(level | match)): expectation-maximisation in SESSIONS, one per training rule (the
 *   blocking rules by default), each on all of its rule's own pairs and leaving out the
 *   comparisons its rule constrains, as Splink does (sessions.ts, em.ts). A comparison's m is
 *   the mean over the sessions that trained it and passed their checks; a session failing a
 *   check is left out with a warning.
 * - lambda (P(two random records match)): the likelihood maximum with m and u held (lambda.ts).
 */
import type { CandidatePairs } from './blocking.ts';
import type { CompiledComparison } from './comparisons.ts';
import type { Encoded } from './encode.ts';
import { bayesFactorWeights, weightTables, type ComparisonParameters, type LinkageModel } from './predict.ts';
import type { LinkageSettings } from './settings.ts';
import { expectationMaximisation, initialM, type EmOptions } from './training/em.ts';
import { estimateLambda } from './training/lambda.ts';
import type { SessionChecks } from './settings.ts';
import { checkSession, matchBoundRecords, sessionPatterns, sessionUse, type SessionReport } from './training/sessions.ts';
import { conditionalU, uOfSettings, type Population, type UEstimate } from './training/u.ts';

export { estimateU, agreementShare, conditionalU, uOfSettings } from './training/u.ts';
export type { Population, UEstimate, UMethod } from './training/u.ts';
export { expectationMaximisation, initialM } from './training/em.ts';
export type { EmProblem, EmStart, EmOptions, EmResult } from './training/em.ts';
export { estimateLambda } from './training/lambda.ts';
export { checkSession, checkTrainingRuleSizes, sessionPatterns } from './training/sessions.ts';
export type { SessionReport, PatternCounts } from './training/sessions.ts';

export interface TrainResult {
  model: LinkageModel;
  uEstimate: UEstimate;
  sessions: SessionReport[];
  /** Seconds spent on u, in the EM sessions, and estimating lambda. */
  seconds: { u: number; em: number; lambda: number };
  /** Newton iterations the lambda estimate took. */
  lambdaIterations: number;
  /** log2 Bayes factor of every candidate pair under the trained m and u (prediction adds the prior). */
  bayesFactors: Float64Array;
  /** What training could not do or left out, one line each. */
  warnings: string[];
}

/** A comparison's prior on m as pseudo-matches per level (NaN at the null level), or null when it has none. */
export function priorPseudoMatches(comparison: CompiledComparison): number[] | null {
  const { levels, m_prior_matches: matches } = comparison.settings;
  if (matches === undefined || !levels.some((l) => l.m_prior !== undefined)) return null;
  return levels.map((l) => (l.type === 'null' ? NaN : matches * (l.m_prior as number)));
}

function fixedValues(comparison: CompiledComparison, key: 'm' | 'u'): number[] | null {
  const levels = comparison.settings.levels;
  if (!levels.some((l) => l[key] !== undefined)) return null;
  return levels.map((l) => (l.type === 'null' ? NaN : (l[key] as number)));
}

/** Total pairs of the population: nLeft x nRight, or n (n - 1) / 2 when deduplicating. */
export function populationPairs(population: Population): number {
  return population.dedupe ? (population.nLeft * (population.nLeft - 1)) / 2 : population.nLeft * population.nRight;
}

/**
 * Pairs agreeing on a rule value needed before a session's u is conditioned on it: 100 times
 * the most true pairs the match-class check allows, so that matches, which agree on nearly
 * everything, move the conditioned u by at most about 1%.
 */
export function conditioningMinPairs(population: Population, checks: SessionChecks): number {
  return 100 * checks.max_matches_per_record * matchBoundRecords(population).records;
}

/**
 * The u an EM session holds for each comparison: the population's, except that a comparison
 * on one value with few codes is conditioned on each of the rule's values it can be (enough
 * agreeing pairs, see conditionalU), the ratios to the population's u multiplied together
 * (as if the rule's values bore on it independently) and the levels renormalised.
 */
export function sessionU(
  rule: string[],
  update: boolean[],
  comparisons: CompiledComparison[],
  encoded: Encoded,
  population: Population,
  u: number[][],
  uFixed: boolean[],
  minPairs: number,
): { u: number[][]; given: string[][] } {
  const given: string[][] = comparisons.map(() => []);
  const out = comparisons.map((c, k) => {
    if (!update[k] || uFixed[k]) return u[k];
    let next = u[k].slice();
    for (const value of new Set(rule)) {
      const conditioned = conditionalU(c, encoded, value, population, minPairs);
      if (!conditioned) continue;
      next = next.map((v, l) => (l === c.nullLevel || !(u[k][l] > 0) ? v : (v * conditioned.u[l]) / u[k][l]));
      given[k].push(value);
    }
    if (given[k].length === 0) return u[k];
    const total = next.reduce((s, v, l) => (l === c.nullLevel ? s : s + v), 0);
    return next.map((v, l) => (l === c.nullLevel ? NaN : v / total));
  });
  return { u: out, given };
}

/** u from frequencies (and samples), m by checked EM sessions, lambda by its fixed point: the whole training. */
/** `estimated`: u already found (uOfSettings, say on a worker thread); found here when absent. */
export async function trainModel(
  settings: LinkageSettings,
  encoded: Encoded,
  comparisons: CompiledComparison[],
  pairs: CandidatePairs,
  gamma: Uint8Array,
  population: Population,
  estimated?: Promise<UEstimate> | UEstimate,
): Promise<TrainResult> {
  const K = comparisons.length;
  const t = settings.training;
  const options: EmOptions = { maxIterations: t.em_max_iterations, tolerance: t.em_tolerance };
  const clock = performance.now();
  const fixedU = comparisons.map((c) => fixedValues(c, 'u'));
  const fixedM = comparisons.map((c) => fixedValues(c, 'm'));
  const uEstimate = (await estimated) ?? uOfSettings(settings, comparisons, encoded, population);
  const uSeconds = (performance.now() - clock) / 1000;
  const u = comparisons.map((_, k) => fixedU[k] ?? uEstimate.u[k]);
  const nullLevel = comparisons.map((c) => c.nullLevel);
  const start = comparisons.map((c, k) => fixedM[k] ?? initialM(c));
  const prior = comparisons.map(priorPseudoMatches);
  const sums = comparisons.map((c) => c.levels.map(() => 0));
  const trainedIn = comparisons.map(() => 0);
  /** Sessions that could train each comparison, passed or not. */
  const triedIn = comparisons.map(() => 0);
  // Session pairs where a comparison was non-null: EM learns nothing about it without any.
  const observed = comparisons.map(() => 0);
  const warnings: string[] = [...uEstimate.warnings];
  const sessions: SessionReport[] = [];
  const dedupe = population.dedupe;
  const minPairs = conditioningMinPairs(population, t.checks);
  for (const rule of t.rules ?? settings.blocking_rules) {
    const use = sessionUse(settings, rule, comparisons);
    const update = comparisons.map((_, k) => use[k] && !fixedM[k]);
    const counts = sessionPatterns(rule, use, encoded, comparisons, pairs, gamma, dedupe);
    const report: SessionReport = {
      rule,
      pairs: counts.pairs,
      trained: comparisons.filter((_, k) => update[k]).map((c) => c.name),
      excluded: comparisons.filter((_, k) => !use[k]).map((c) => c.name),
      iterations: 0,
      converged: false,
      lambda: NaN,
      expectedMatches: NaN,
      m: {},
      u: {},
      uGiven: {},
      failed: [],
      used: false,
    };
    sessions.push(report);
    if (counts.pairs === 0 || report.trained.length === 0) continue;
    const { patterns, weights } = counts;
    const seen = comparisons.map(() => 0);
    for (let q = 0; q < weights.length; q++) {
      for (let k = 0; k < K; k++) if (update[k] && patterns[q * K + k] !== nullLevel[k]) seen[k] += weights[q];
    }
    const held = sessionU(rule, update, comparisons, encoded, population, u, fixedU.map((f) => f !== null), minPairs);
    comparisons.forEach((c, k) => {
      if (held.given[k].length === 0) return;
      report.u[c.name] = held.u[k];
      report.uGiven[c.name] = held.given[k];
    });
    const result = expectationMaximisation({ patterns, weights, K, nullLevel, use, update, u: held.u, prior }, { m: start, lambda: 0.05 }, options);
    report.iterations = result.iterations;
    report.converged = result.converged;
    report.lambda = result.lambda;
    report.expectedMatches = result.lambda * counts.pairs;
    comparisons.forEach((c, k) => {
      if (update[k]) report.m[c.name] = result.m[k];
    });
    report.failed = checkSession(report, comparisons, held.u, t.checks, population, t.em_max_iterations);
    report.used = report.failed.length === 0;
    comparisons.forEach((_, k) => {
      if (!update[k]) return;
      triedIn[k]++;
      observed[k] += seen[k];
      if (!report.used) return;
      result.m[k].forEach((v, l) => {
        if (l !== nullLevel[k]) sums[k][l] += v;
      });
      trainedIn[k]++;
    });
    if (!report.used) {
      warnings.push(`EM session [${rule.join(', ')}] left out of the model: ${report.failed.join('; ')}`);
    }
  }
  const m = comparisons.map((c, k) => {
    if (fixedM[k]) return fixedM[k];
    if (observed[k] === 0) {
      warnings.push(`comparison "${c.name}": no candidate pair had a value on both sides in any EM session; m left at its starting values`);
      return start[k];
    }
    if (trainedIn[k] === 0) {
      warnings.push(
        `comparison "${c.name}": every EM session that could train it (${triedIn[k]}) failed its checks; m left at its starting values. Fix: add a training rule that leaves "${c.name}" free and whose pairs are mostly true matches (a strict rule on other columns), or give m by hand`,
      );
      return start[k];
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
    const estimate = estimateLambda(bayesFactors, populationPairs(population));
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
