/**
 * Testing your own TypeScript linker with the bench and fast-check: each run draws a small
 * world (a scale, a seed, a noise profile of nDelius and NDTMS), generates it in memory, links
 * it with your code and scores the links against the world's truth. When a property fails,
 * fast-check shrinks the world to the smallest that still fails and prints it with the seed
 * and path that replay it.
 *
 * In your own project: `npm install --save-dev fast-check vitest` beside the bench, and import
 * from 'pathways-bench' and 'pathways-bench/arbitraries' exactly as below.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { linkageProblem, scoreLinks, shippedScenario, WorldCache } from 'pathways-bench';
import { applyOverrides, linkageWorld, type Overrides } from 'pathways-bench/arbitraries';
import { myLinker } from './my-linker.ts';

const base = shippedScenario('baseline');
// A world reads no noise knob: while fast-check shrinks a noise profile, the world it was
// drawn with is kept here and only its records are made again.
const worlds = new WorldCache();

/** Generate the drawn world in memory, link it with my code, score the links against its truth. */
function scoreOf(overrides: Overrides, scale: number, seed: number) {
  const scenario = applyOverrides(base, overrides);
  const problem = linkageProblem(scenario, { scale, seed, world: worlds.get(scenario, scale, seed) });
  return scoreLinks(myLinker(problem.left, problem.right), problem.truth).overall;
}

describe('my linker, on worlds whose truth is known', () => {
  it('finds every true pair when the records are perfect', () => {
    fc.assert(
      fc.property(linkageWorld({ maxRate: 0 }), ({ overrides, scale, seed }) => {
        const score = scoreOf(overrides, scale, seed);
        expect(score.recall).toBe(1);
      }),
      { numRuns: 4, seed: 1 },
    );
  });

  it('links lookalikes even when the records are perfect: fast-check finds a world where precision falls below 0.95', () => {
    // The worlds hold as many lookalikes as England (everyone in NDTMS sharing a date of birth,
    // or initials and birth year, with the cohort), so exact date of birth, sex and initials
    // also link people who share all three.
    const result = fc.check(
      fc.property(linkageWorld({ maxRate: 0 }), ({ overrides, scale, seed }) => scoreOf(overrides, scale, seed).precision >= 0.95),
      { numRuns: 20, seed: 2 },
    );
    expect(result.failed).toBe(true);
    const shrunk = result.counterexample![0];
    expect(Object.entries(shrunk.overrides).filter(([path, rate]) => path !== 'noise.multiplier' && rate !== 0)).toEqual([]);
  });

  it('misses true pairs as dates of birth go wrong: fast-check finds and shrinks such a world', () => {
    // Exact matching cannot survive date-of-birth errors; the property fails, and the shrunk
    // world is small and names the error that breaks it.
    const result = fc.check(
      fc.property(linkageWorld({ maxRate: 0.1 }), ({ overrides, scale, seed }) => scoreOf(overrides, scale, seed).recall >= 0.9),
      { numRuns: 50, seed: 3 },
    );
    expect(result.failed).toBe(true);
    const shrunk = result.counterexample![0];
    expect(shrunk.scale).toBe(0.001);
    const nonZero = Object.entries(shrunk.overrides).filter(([path, rate]) => path !== 'noise.multiplier' && rate !== 0);
    expect(nonZero.length).toBeGreaterThan(0);
    expect(nonZero.length).toBeLessThanOrEqual(3);
  });
});
