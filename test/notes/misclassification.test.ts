import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accuracy, correctedRate, correctedRates, roganGladen, type ReviewPair } from '../../src/methods/notes/misclassification.ts';
import { stream } from '../../src/random/stream.ts';

describe('Rogan-Gladen correction', () => {
  it('recovers the true rate exactly from the expected observed rate when Se and Sp are known', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        (p, se, sp) => {
          fc.pre(se + sp - 1 > 0.05);
          const q = p * se + (1 - p) * (1 - sp);
          return Math.abs(roganGladen(q, se, sp) - p) < 1e-9;
        },
      ),
    );
  });

  it('clamps to [0, 1] and is undefined when the classifier carries no information', () => {
    expect(roganGladen(0.99, 0.9, 0.9)).toBe(1);
    expect(roganGladen(0.01, 0.9, 0.9)).toBe(0);
    expect(Number.isNaN(roganGladen(0.5, 0.5, 0.5))).toBe(true);
    expect(Number.isNaN(roganGladen(0.5, 0.3, 0.4))).toBe(true);
  });

  it('in simulation, the mean corrected rate equals the truth (Se, Sp known)', () => {
    const p = 0.65;
    const se = 0.97;
    const sp = 0.45;
    const n = 5000;
    const reps = 200;
    let sum = 0;
    for (let r = 0; r < reps; r++) {
      const rng = stream(42, 'test.rogan-gladen').at(r);
      let engaged = 0;
      for (let i = 0; i < n; i++) {
        const truth = rng.chance(p);
        if (truth ? rng.chance(se) : !rng.chance(sp)) engaged++;
      }
      sum += roganGladen(engaged / n, se, sp);
    }
    const mean = sum / reps;
    // Standard error of the mean: sqrt(q(1-q)/n)/(Se+Sp-1)/sqrt(reps) ~ 0.0012; allow 4 of them.
    expect(Math.abs(mean - p)).toBeLessThan(0.005);
    // The uncorrected rate is far off: q = 0.65 x 0.97 + 0.35 x 0.55.
    expect(0.65 * 0.97 + 0.35 * 0.55).toBeGreaterThan(0.8);
  });

  it('estimates Se and Sp from review pairs', () => {
    const review: ReviewPair[] = [
      { classified: true, reviewed: true },
      { classified: true, reviewed: true },
      { classified: false, reviewed: true },
      { classified: true, reviewed: false },
      { classified: false, reviewed: false },
      { classified: false, reviewed: false },
      { classified: false, reviewed: false },
    ];
    const a = accuracy(review);
    expect(a.sensitivity).toBeCloseTo(2 / 3, 12);
    expect(a.specificity).toBeCloseTo(3 / 4, 12);
  });

  it('bootstrap interval is seeded, brackets the estimate and widens with a smaller review sample', () => {
    const rng = stream(3, 'test.boot').at(0);
    const classified = Array.from({ length: 2000 }, () => rng.chance(0.8));
    const make = (m: number): ReviewPair[] =>
      Array.from({ length: m }, () => {
        const truth = rng.chance(0.65);
        return { reviewed: truth, classified: truth ? rng.chance(0.95) : !rng.chance(0.5) };
      });
    const big = make(2000);
    const small = big.slice(0, 200);
    const a = correctedRate({ classified, review: big, replicates: 300, seed: 9 });
    const b = correctedRate({ classified, review: big, replicates: 300, seed: 9 });
    expect(a).toEqual(b);
    const [lo, hi] = a.correctedCi as [number, number];
    expect(lo).toBeLessThanOrEqual(a.corrected);
    expect(hi).toBeGreaterThanOrEqual(a.corrected);
    const c = correctedRate({ classified, review: small, replicates: 300, seed: 9 });
    const width = (x: typeof a): number => (x.correctedCi as [number, number])[1] - (x.correctedCi as [number, number])[0];
    expect(width(c)).toBeGreaterThan(width(a));
  });

  it('corrects several classifiers at once exactly as each alone (the shared bootstrap draws change nothing)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (n, m, seeds, sameSizes, seed) => {
          const inputs = seeds.map((s, k) => {
            const rng = stream(s, 'test.batch').at(0);
            const size = sameSizes || k === 0 ? n : n + k;
            return {
              classified: Array.from({ length: size }, () => rng.chance(0.6)),
              review: Array.from({ length: m }, () => ({ reviewed: rng.chance(0.5), classified: rng.chance(0.5) })),
            };
          });
          const together = correctedRates(inputs, { replicates: 40, seed });
          expect(together).toEqual(inputs.map((x) => correctedRate({ ...x, replicates: 40, seed })));
        },
      ),
      { numRuns: 60 },
    );
  });
});
