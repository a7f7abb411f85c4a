/** The two-file ceiling analysis: its per-right best-cut-off F1 is what trying every cut-off gives. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestPerRightF1 } from '../../bench/two-file/ceiling.ts';

/** Every cut-off tried: each right record's best pair (first of equals) kept when its score reaches the cut. */
function bruteForce(right: number[], score: number[], isTrue: number[], totalTrue: number): number {
  const best = new Map<number, number>();
  score.forEach((s, p) => {
    const b = best.get(right[p]);
    if (b === undefined || s > score[b]) best.set(right[p], p);
  });
  let top = 0;
  for (const cut of new Set(score)) {
    const kept = [...best.values()].filter((p) => score[p] >= cut);
    const tp = kept.reduce((a, p) => a + isTrue[p], 0);
    top = Math.max(top, (2 * tp) / (kept.length + totalTrue));
  }
  return top;
}

describe('bestPerRightF1', () => {
  it('a hand case: two episodes, one with a decoy that outscores its true left record', () => {
    // Episode 0: true pair 0.9, decoy 0.95 (so per-right links the decoy); episode 1: true pair 0.6.
    const best = bestPerRightF1(Int32Array.of(0, 0, 1), Float64Array.of(0.9, 0.95, 0.6), Uint8Array.of(1, 0, 1), 2, 2);
    // Cut at 0.6: links decoy and episode 1's pair, 1 true of 2 links, 2 true pairs: F1 0.5.
    expect(best.f1).toBeCloseTo(0.5, 12);
    expect(best.links).toBe(2);
    expect(best.recall).toBeCloseTo(0.5, 12);
  });

  it('equals trying every cut-off', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ right: fc.integer({ min: 0, max: 5 }), score: fc.integer({ min: 0, max: 6 }), isTrue: fc.boolean() }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 10 }),
        (rows, missed) => {
          const totalTrue = rows.filter((r) => r.isTrue).length + missed;
          fc.pre(totalTrue > 0);
          const got = bestPerRightF1(
            Int32Array.from(rows, (r) => r.right),
            Float64Array.from(rows, (r) => r.score / 6),
            Uint8Array.from(rows, (r) => (r.isTrue ? 1 : 0)),
            totalTrue,
            6,
          );
          const want = bruteForce(rows.map((r) => r.right), rows.map((r) => r.score / 6), rows.map((r) => (r.isTrue ? 1 : 0)), totalTrue);
          expect(got.f1).toBeCloseTo(want, 12);
        },
      ),
    );
  });
});
