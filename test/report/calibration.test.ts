/** The calibration share and its tolerance, on generated results (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Estimate, Results } from '../../src/results/estimate.ts';
import { calibration, whyMissed, worst } from '../../src/report/calibration.ts';
import { MISS_REASONS } from '../../src/report/calibration-reasons.ts';

function results(estimates: Estimate[]): Results {
  return { schemaVersion: 2, scenario: 't', seed: 1, scale: 1, packageVersion: '0', stages: [], methods: {}, estimates };
}

const estimate = fc.record({
  id: fc.constantFrom('link.structured.pct', 'outcome.linked.died', 'reconviction.pct', 'termination.revoked'),
  group: fc.constantFrom('all', 'ATR', 'DRR'),
  unit: fc.constantFrom('pct' as const, 'count' as const, 'days' as const),
  published: fc.option(fc.double({ min: 1, max: 1e5, noNaN: true }), { nil: null }),
  estimate: fc.option(fc.double({ min: 0, max: 1e5, noNaN: true }), { nil: null }),
  truth: fc.option(fc.double({ min: 0, max: 1e5, noNaN: true }), { nil: null }),
}).map((e): Estimate => ({ ...e, ci: null, method: 'test' }));

describe('calibration', () => {
  it('counts every published figure, and within means |recovered - published| <= 2 points (pct) or 5% (counts, days)', () => {
    fc.assert(
      fc.property(fc.array(estimate, { maxLength: 40 }), (list) => {
        const c = calibration(results(list));
        const published = list.filter((e) => e.published !== null);
        expect(c.total).toBe(published.length);
        const within = published.filter((e) => e.estimate !== null && Math.abs(e.estimate - (e.published as number)) <= (e.unit === 'pct' ? 2 : 0.05 * (e.published as number)));
        expect(c.within).toBe(within.length);
        expect(c.share).toBe(c.total === 0 ? 0 : within.length / c.total);
      }),
    );
  });

  it('is exact at the edges of the tolerance', () => {
    const e = (unit: Estimate['unit'], published: number, value: number): Estimate => ({ id: 'x', group: 'all', unit, published, estimate: value, truth: null, ci: null, method: 't' });
    const c = calibration(results([e('pct', 50, 52), e('pct', 50, 52.01), e('count', 1000, 950), e('count', 1000, 949), e('days', 60, 63)]));
    expect(c.rows.map((r) => r.within)).toEqual([true, false, true, false, true]);
  });

  it('lists the worst misses first, only misses, at most n, each with a reason', () => {
    fc.assert(
      fc.property(fc.array(estimate, { maxLength: 40 }), fc.integer({ min: 0, max: 12 }), (list, n) => {
        const w = worst(calibration(results(list)), n);
        expect(w.length).toBeLessThanOrEqual(n);
        expect(w.every((r) => !r.within)).toBe(true);
        for (let i = 1; i < w.length; i++) expect(w[i - 1].gapInTolerances).toBeGreaterThanOrEqual(w[i].gapInTolerances);
        for (const r of w) expect(whyMissed(r).length).toBeGreaterThan(20);
      }),
    );
  });

  it('says whose miss it is: the truth already off, or the method off a truth that matches', () => {
    const row = (truth: number | null, recovered: number) => calibration(results([{ id: 'outcome.linked.died', group: 'ATR', unit: 'count', published: 232, estimate: recovered, truth, ci: null, method: 't' }])).rows[0];
    expect(whyMissed(row(165, 157))).toMatch(/^the synthetic truth itself is off/);
    expect(whyMissed(row(230, 157))).toMatch(/^the truth matches the published figure; the method/);
    expect(whyMissed(row(100, 157))).toMatch(/^both/);
    expect(whyMissed(row(null, 157))).toMatch(/no truth/);
    expect(whyMissed(row(165, 157))).toMatch(/death/);
  });

  it('has valid reason patterns, ending with a catch-all', () => {
    for (const r of MISS_REASONS) expect(() => new RegExp(r.ids)).not.toThrow();
    expect(MISS_REASONS.at(-1)?.ids).toBe('.');
  });
});
