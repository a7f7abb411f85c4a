/**
 * A Dirichlet prior on m (MAP EM, `m_prior` and `m_prior_matches` in the settings): zero
 * pseudo-matches leave EM exactly as it was; when the match class is certain the estimate is
 * the closed form (matches at the level + prior pseudo-matches) / (matches + all of them);
 * and it leans on the prior as the data shrink, on the data as they grow.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectationMaximisation, type EmProblem } from '../../src/methods/linkage/training/em.ts';

const OPTIONS = { maxIterations: 10_000, tolerance: 1e-10 };

/**
 * Two comparisons, each null / agree / partial / else: a mixture's pattern counts (patterns
 * with a null level too), both trained.
 */
function mixture(counts: number[]): EmProblem {
  const K = 2;
  const patterns: number[] = [];
  const weights: number[] = [];
  let q = 0;
  for (let a = 0; a < 4; a++) {
    for (let b = 0; b < 4; b++) {
      patterns.push(a, b);
      weights.push(counts[q++ % counts.length]);
    }
  }
  return {
    patterns: Uint8Array.from(patterns),
    weights: Float64Array.from(weights),
    K,
    nullLevel: [0, 0],
    use: [true, true],
    update: [true, true],
    u: [
      [NaN, 0.01, 0.09, 0.9],
      [NaN, 0.02, 0.18, 0.8],
    ],
  };
}

const START = { m: [[NaN, 0.7, 0.2, 0.1], [NaN, 0.7, 0.2, 0.1]], lambda: 0.05 };
const shares = fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true })).map((xs) => {
  const sum = xs[0] + xs[1] + xs[2];
  return xs.map((x) => x / sum);
});

describe('EM with a prior on m', () => {
  it('a prior of zero pseudo-matches, or none, gives the EM of before to the last bit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 16, maxLength: 16 }), shares, (counts, pi) => {
        const problem = mixture(counts);
        const plain = expectationMaximisation(problem, START, OPTIONS);
        const zero = expectationMaximisation({ ...problem, prior: [[NaN, 0 * pi[0], 0 * pi[1], 0 * pi[2]], null] }, START, OPTIONS);
        expect(zero).toEqual(plain);
      }),
      { numRuns: 60 },
    );
  });

  it('with the match class certain, m is (matches at the level + pseudo-matches) / (matches + all pseudo-matches)', () => {
    // Comparison 1 is given by hand and decides the class: agreeing there means a match
    // (Bayes factor 10^10), anything else a non-match; comparison 0 carries the prior (of at
    // least one pseudo-match: zero is the plain EM above, with its half pseudo-match).
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 3, maxLength: 3 }), shares, fc.double({ min: 1, max: 1000, noNaN: true }), (n, pi, matches) => {
        fc.pre(n[0] + n[1] + n[2] > 0);
        const problem: EmProblem = {
          patterns: Uint8Array.from([1, 1, 2, 1, 3, 1, 1, 3, 3, 3]),
          weights: Float64Array.from([n[0], n[1], n[2], 40, 900]),
          K: 2,
          nullLevel: [0, 0],
          use: [true, true],
          update: [true, false],
          u: [
            [NaN, 0.01, 0.09, 0.9],
            [NaN, 1e-10, 0.5, 0.5 - 1e-10],
          ],
          prior: [[NaN, matches * pi[0], matches * pi[1], matches * pi[2]], null],
        };
        const start = { m: [[NaN, 0.7, 0.2, 0.1], [NaN, 1 - 2e-10, 1e-10, 1e-10]], lambda: 0.05 };
        const result = expectationMaximisation(problem, start, OPTIONS);
        const total = n[0] + n[1] + n[2];
        for (let l = 0; l < 3; l++) expect(result.m[0][l + 1]).toBeCloseTo((n[l] + matches * pi[l]) / (total + matches), 6);
      }),
      { numRuns: 100 },
    );
  });

  it('leans on the prior as the data shrink and on the data as they grow', () => {
    // The same sessions at 1/100, 1/10, 1, 10 and 100 times the pairs, with the match class
    // decided by comparison 1 (as above): the prior's pull on comparison 0's m shrinks as the
    // data grow, and at 100 times the pairs it is all but gone. The class is certain here
    // because with counts drawn at random a two-class mixture need not fit them: EM then has
    // several optima and may stop at another one at another scale (lambda 0.51 against 0.89 in
    // a draw that failed), which says nothing about the prior.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 3, maxLength: 3 }), shares, (n, pi) => {
        const prior = [[NaN, 50 * pi[0], 50 * pi[1], 50 * pi[2]], null];
        const pulls = [0.01, 0.1, 1, 10, 100].map((scale) => {
          const problem: EmProblem = {
            patterns: Uint8Array.from([1, 1, 2, 1, 3, 1, 1, 3, 3, 3]),
            weights: Float64Array.from([n[0], n[1], n[2], 40, 900], (w) => w * scale),
            K: 2,
            nullLevel: [0, 0],
            use: [true, true],
            update: [true, false],
            u: [
              [NaN, 0.01, 0.09, 0.9],
              [NaN, 1e-10, 0.5, 0.5 - 1e-10],
            ],
          };
          const start = { m: [[NaN, 0.7, 0.2, 0.1], [NaN, 1 - 2e-10, 1e-10, 1e-10]], lambda: 0.05 };
          // Maximum likelihood: a prior of a billionth of a match (the plain EM's half
          // pseudo-match would pull m towards equal shares, by up to 1e-6 at these sizes).
          const ml = expectationMaximisation({ ...problem, prior: [[NaN, 1e-9 * pi[0], 1e-9 * pi[1], 1e-9 * pi[2]], null] }, start, OPTIONS);
          const map = expectationMaximisation({ ...problem, prior }, start, OPTIONS);
          // The distance from the prior's shares, with and without the prior.
          const distance = (m: number[]) => Math.abs(m[1] - pi[0]) + Math.abs(m[2] - pi[1]) + Math.abs(m[3] - pi[2]);
          return { ml: distance(ml.m[0]), map: distance(map.m[0]), gap: Math.abs(map.m[0][3] - ml.m[0][3]), matches: ml.lambda * problem.weights.reduce((a, b) => a + b, 0) };
        });
        // Never farther from the prior than the plain EM is (up to the fit's own tolerance),
        // and the more pairs, the less of that distance the prior takes away.
        for (const p of pulls) expect(p.map).toBeLessThanOrEqual(p.ml + 1e-6);
        // The share of the distance the prior keeps is a ratio of two fits' errors-to-tolerance
        // where the data already sit on the prior: only draws where they do not say anything.
        fc.pre(pulls.every((p) => p.ml >= 0.01));
        const kept = pulls.map((p) => p.map / p.ml);
        for (let i = 1; i < kept.length; i++) expect(kept[i]).toBeGreaterThanOrEqual(kept[i - 1] - 1e-6);
        // With a hundredth of the pairs (at most 9 matches against 50 pseudo-matches) the prior takes most of it.
        expect(kept[0]).toBeLessThan(0.5);
        // With 100 times the pairs the matches dwarf 50 pseudo-matches: m is the data's.
        const last = pulls[pulls.length - 1];
        if (last.matches > 5000) expect(last.gap).toBeLessThan(0.02);
      }),
      { numRuns: 60 },
    );
  });
});
