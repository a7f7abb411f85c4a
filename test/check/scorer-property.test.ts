/**
 * A property of the arbitraries that a scorer must meet on any world: the true links score
 * recall and precision 1, one true link dropped scores recall (T - 1) / T, one false link
 * added scores precision T / (T + 1). The bench's scorer meets it; a scorer with a planted
 * off-by-one (its loop stops one link short) is caught, on a world fast-check shrinks.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { linkageProblem, scoreLinks, type ScoreResult, type TruthKeys } from '../../src/check/library.ts';
import { applyOverrides, linkageWorld } from '../../src/check/arbitraries.ts';
import { baseline } from '../helpers.ts';

type Scorer = (links: { left: string[]; right: string[] }, truth: TruthKeys) => ScoreResult;

/** Every true (left, right) pair of a world. */
function truePairs(truth: TruthKeys): { left: string[]; right: string[] } {
  const byEntity = new Map<string, string[]>();
  for (const [id, e] of truth.right) if (e !== '') byEntity.set(e, [...(byEntity.get(e) ?? []), id]);
  const pairs = { left: [] as string[], right: [] as string[] };
  for (const [id, e] of truth.left) for (const r of byEntity.get(e) ?? []) (pairs.left.push(id), pairs.right.push(r));
  return pairs;
}

function scorerProperty(score: Scorer) {
  const base = baseline();
  return fc.property(linkageWorld({ maxRate: 0.05 }), ({ overrides, scale, seed }) => {
    const { truth } = linkageProblem(applyOverrides(base, overrides), { scale, seed });
    const pairs = truePairs(truth);
    const t = pairs.left.length;
    fc.pre(t >= 2);
    const all = score(pairs, truth).overall;
    const dropped = score({ left: pairs.left.slice(1), right: pairs.right.slice(1) }, truth).overall;
    // A false link: the first left record with a right record of another person.
    const other = [...truth.right.entries()].find(([, e]) => e !== truth.left.get(pairs.left[0]))![0];
    const added = score({ left: [...pairs.left, pairs.left[0]], right: [...pairs.right, other] }, truth).overall;
    return all.recall === 1 && all.precision === 1 && Math.abs(dropped.recall - (t - 1) / t) < 1e-12 && Math.abs(added.precision - t / (t + 1)) < 1e-12;
  });
}

/** The bench's scorer with a planted off-by-one: its loop over the links stops one short. */
const offByOne: Scorer = (links, truth) => scoreLinks({ left: links.left.slice(0, links.left.length - 1), right: links.right.slice(0, links.right.length - 1) }, truth);

describe('a scorer property over the arbitraries', () => {
  it("holds for the bench's scorer", () => {
    // Eight worlds: each is generated whole (a few seconds while every scale-1 lookalike of the
    // cohort is drawn), and the property is arithmetic on the truth keys, which any world has.
    fc.assert(scorerProperty((links, truth) => scoreLinks(links, truth)), { numRuns: 8, seed: 5 });
  });

  it('catches a planted off-by-one in a scorer', () => {
    const result = fc.check(scorerProperty(offByOne), { numRuns: 15, seed: 5 });
    expect(result.failed).toBe(true);
    // Shrunk to the smallest world: one thousandth of England.
    expect(result.counterexample![0].scale).toBe(0.001);
  });
});
