import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extrapolate } from '../../src/methods/notes/extrapolate.ts';
import { normalQuantile, wilson } from '../../src/methods/interval.ts';

describe('extrapolation to all unlinked requirements', () => {
  it("reproduces the study's arithmetic: floor(0.90 x 45,943) - 22,636 = 18,712", () => {
    const e = extrapolate({ sampleSize: 5271, sampleEngaged: 4282, linked: 22636, total: 45943 });
    expect(e.unlinked).toBe(23307);
    expect(e.headlinePct).toBe(90);
    expect(e.extrapolatedStudy).toBe(18712);
    // The direct arithmetic applies the sample rate to the unlinked count instead.
    expect(e.extrapolatedDirect).toBeCloseTo((4282 / 5271) * 23307, 9);
    expect(Math.round(e.extrapolatedDirect)).toBe(18934);
    expect(e.furtherShareStudy).toBeCloseTo(18712 / 45943, 12);
  });

  it('is exact on a hand-made case', () => {
    const e = extrapolate({ sampleSize: 100, sampleEngaged: 80, linked: 50, total: 100 });
    expect(e.sampleRate).toBe(0.8);
    expect(e.extrapolatedDirect).toBe(40);
    expect(e.combinedShare).toBe(0.9);
    expect(e.headlinePct).toBe(90);
    expect(e.extrapolatedStudy).toBe(40);
    const f = extrapolate({ sampleSize: 3, sampleEngaged: 2, linked: 7, total: 10 });
    // 7 + 2/3 x 3 = 9 of 10 -> 90%; floor(90 x 10 / 100) - 7 = 2.
    expect(f.extrapolatedDirect).toBeCloseTo(2, 12);
    expect(f.extrapolatedStudy).toBe(2);
  });

  it('the interval brackets the estimate and carries through linearly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 40000 }), (n, share, linked) => {
        const engaged = Math.floor(share * n);
        const e = extrapolate({ sampleSize: n, sampleEngaged: engaged, linked, total: linked + 10000 });
        const [lo, hi] = e.sampleRateCi;
        return (
          lo <= e.sampleRate + 1e-12 && e.sampleRate <= hi + 1e-12 &&
          Math.abs(e.extrapolatedDirectCi[0] - lo * 10000) < 1e-6 && Math.abs(e.extrapolatedDirectCi[1] - hi * 10000) < 1e-6
        );
      }),
    );
  });

  it('Wilson interval matches known values', () => {
    const [lo, hi] = wilson(5, 10);
    expect(lo).toBeCloseTo(0.2366, 4);
    expect(hi).toBeCloseTo(0.7634, 4);
    const [lo0, hi0] = wilson(0, 20);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.1611, 4);
  });

  it('normal quantiles match tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.644854, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
  });

  it('rejects impossible inputs', () => {
    expect(() => extrapolate({ sampleSize: 0, sampleEngaged: 0, linked: 1, total: 2 })).toThrow();
    expect(() => extrapolate({ sampleSize: 5, sampleEngaged: 6, linked: 1, total: 2 })).toThrow();
  });
});
