/**
 * Expectation-maximisation of m (and a session's match share) over counts of distinct
 * comparison patterns, so its iterations cost nothing next to the comparisons themselves.
 */
import type { CompiledComparison } from '../comparisons.ts';

/**
 * One EM problem: the distinct comparison patterns of a session's pairs with their counts,
 * which comparisons enter the likelihood (`use`) and which of those have m to estimate
 * (`update`; the others, m given by hand, only inform the E step), and the u held fixed.
 */
export interface EmProblem {
  /** patterns[p * K + k]: level of comparison k in pattern p. */
  patterns: Uint8Array;
  /** How many pairs show each pattern. */
  weights: Float64Array;
  K: number;
  /** Index of each comparison's null level (-1 when none): it carries no evidence. */
  nullLevel: number[];
  use: boolean[];
  update: boolean[];
  u: number[][];
  /**
   * A Dirichlet prior on a comparison's m, as pseudo-matches per level (NaN at the null
   * level), or null for none: each M step adds them to the expected matches at each level, so
   * m is the posterior mode (MAP EM, as fastLink's priors on its address field). A prior of
   * zero pseudo-matches leaves EM as it is.
   */
  prior?: (number[] | null)[];
}

export interface EmStart {
  m: number[][];
  lambda: number;
}

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

/** Total pseudo-matches spread evenly over a comparison's non-null levels in each M step. */
const M_PSEUDO_COUNT = 0.5;

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

export function expectationMaximisation(problem: EmProblem, start: EmStart, options: EmOptions): EmResult {
  const { patterns, weights, K, nullLevel, use, update, u } = problem;
  // Pseudo-matches of each comparison's prior over its non-null levels (0: no prior).
  const prior = Array.from({ length: K }, (_, k) => problem.prior?.[k] ?? null);
  const priorTotal = prior.map((row, k) => (row ? row.reduce((a, v, l) => (l === nullLevel[k] ? a : a + v), 0) : 0));
  const P = weights.length;
  const m = start.m.map((row) => row.slice());
  let lambda = start.lambda;
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
      const withPrior = priorTotal[k] > 0;
      if (sum <= 0 && !withPrior) continue;
      for (let l = 0; l < m[k].length; l++) {
        if (l === nullLevel[k]) continue;
        // Without a prior, half a pseudo-match spread over the levels: a level never seen among
        // a few hundred matches gets m of about 1/(1000 L), not zero, so one such disagreement
        // cannot veto a pair with weight -infinity. Kept this small (not half per level) so that
        // a session with a handful of matches is not pulled towards uniform m: with 3 matches,
        // 0.5 per level cut an exact match's m to 0.7 and lost true links on zero-noise data.
        // With a prior, its pseudo-matches take that place (the prior's shares are all > 0).
        const next = withPrior
          ? (mNum[k][l] + (prior[k] as number[])[l]) / (sum + priorTotal[k])
          : (mNum[k][l] + M_PSEUDO_COUNT / levels) / (sum + M_PSEUDO_COUNT);
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
