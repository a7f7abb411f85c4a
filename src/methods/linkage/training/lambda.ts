/**
 * lambda (P(two random records match)) with m and u held: the EM fixed point for lambda
 * alone over every candidate pair, pairs outside the blocks counted as non-matches, so lambda
 * is slightly low by the blocking's missed matches. (Splink instead scales a session's lambda
 * back by the Bayes factors of the comparisons its rule fixes; using all candidate pairs at
 * once avoids depending on one session and on the m of levels a rule only partly fixes, such
 * as dob under a year key.)
 */
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
  // One pass: the kept pairs' factors fill the front of an array sized for all of them.
  const all = new Float64Array(bayesFactorLog2.length);
  let kept = 0;
  for (let i = 0; i < bayesFactorLog2.length; i++) {
    const w = bayesFactorLog2[i];
    // exp, not Math.pow(2, w): five times faster in V8, and this runs once per candidate pair.
    if (w > -40) all[kept++] = Math.exp(w * Math.LN2) - 1;
  }
  const bfMinusOne = all.subarray(0, kept);
  const outside = totalPairs - kept;
  const start = Math.min(0.5, Math.max(1e-12, bayesFactorLog2.length / totalPairs));
  // Millions of pairs: first solve on an evenly spaced subsample standing for all of them (the
  // pairs outside scaled alike), which lands within a percent or so; from there Newton needs
  // two or three passes over every pair instead of nine or ten.
  if (kept > 4 * SUBSAMPLE) {
    const stride = Math.floor(kept / SUBSAMPLE);
    const sample = new Float64Array(Math.floor(kept / stride));
    for (let i = 0; i < sample.length; i++) sample[i] = bfMinusOne[i * stride];
    const scale = sample.length / kept;
    const rough = solve(sample, outside * scale, sample.length + outside * scale, start, 1e-4, true);
    if (rough.lambda > 1e-300) {
      const fine = solve(bfMinusOne, outside, totalPairs, rough.lambda, tolerance, false);
      return { lambda: fine.lambda, iterations: rough.iterations + fine.iterations };
    }
  }
  return solve(bfMinusOne, outside, totalPairs, start, tolerance, true);
}

const SUBSAMPLE = 200_000;

/** The score equation's root by EM steps (when `warm` is false, from a start already close) then safeguarded Newton. */
function solve(
  bfMinusOne: Float64Array,
  outside: number,
  totalPairs: number,
  start: number,
  tolerance: number,
  coldStart: boolean,
): { lambda: number; iterations: number } {
  const n = bfMinusOne.length;
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
  let lambda = start;
  let iterations = 0;
  for (let i = 0; coldStart && i < 3; i++, iterations++) {
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
