/**
 * The ABC core on a problem whose posterior is known exactly: a binomial rate under a
 * uniform (Beta(1, 1)) prior, k successes of n observed, posterior Beta(1 + k, 1 + n - k). The
 * toy simulator goes through the same draw, distance and acceptance code as the bench's worlds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accepted, distance, drawKnobs, figureKey, interval, quantile, runDraws, type FigureTarget, type Prior } from '../../src/identify/abc.ts';
import { stream } from '../../src/random/stream.ts';

/** The Beta(a, b) quantile by integrating its density on a fine grid (no closed form). */
function betaQuantile(a: number, b: number, q: number): number {
  const n = 200_000;
  const dens = (x: number): number => Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log(1 - x));
  let total = 0;
  const cum: number[] = [];
  for (let i = 0; i < n; i++) {
    total += dens((i + 0.5) / n);
    cum.push(total);
  }
  const target = q * total;
  const i = cum.findIndex((c) => c >= target);
  return (i + 0.5) / n;
}

describe('rejection ABC on a binomial rate with a known posterior', () => {
  const n = 40;
  const k = 12;
  const priors: Prior[] = [{ knob: 'rate', low: 0, high: 1 }];
  const figures: FigureTarget[] = [{ id: 'successes', group: 'all', published: k, tolerance: 0 }];
  const simulate = async (knobs: Record<string, number>, seed: number): Promise<Record<string, { recovered: number; truth: number }>> => {
    const rng = stream(seed, 'toy binomial').at(0);
    let s = 0;
    for (let i = 0; i < n; i++) if (rng.next() < knobs.rate) s++;
    return { [figureKey(figures[0])]: { recovered: s, truth: knobs.rate } };
  };

  it("the accepted draws' median and 90% interval match Beta(13, 29)'s", async () => {
    const budget = 20_000;
    const draws = await runDraws(priors, figures, 7, Array.from({ length: budget }, (_, i) => i), simulate);
    const keep = accepted(draws, 'within_tolerance');
    const rates = draws.filter((_, i) => keep[i]).map((d) => d.knobs.rate);
    // About budget / (n + 1) draws are kept under a uniform prior.
    expect(rates.length).toBeGreaterThan(350);
    const abc = interval(rates);
    const truth = { low: betaQuantile(1 + k, 1 + n - k, 0.05), median: betaQuantile(1 + k, 1 + n - k, 0.5), high: betaQuantile(1 + k, 1 + n - k, 0.95) };
    // Monte Carlo error of a 5% quantile from ~480 draws is about 0.01; 0.025 is 2.5 of them.
    expect(Math.abs(abc.low! - truth.low)).toBeLessThan(0.025);
    expect(Math.abs(abc.median! - truth.median)).toBeLessThan(0.025);
    expect(Math.abs(abc.high! - truth.high)).toBeLessThan(0.025);
    // And the ABC interval, widened by that error, covers the true posterior's.
    expect(abc.low! - 0.025).toBeLessThanOrEqual(truth.low);
    expect(abc.high! + 0.025).toBeGreaterThanOrEqual(truth.high);
  });

  it('a tolerance of one success widens the posterior but keeps it centred', async () => {
    const loose = [{ ...figures[0], tolerance: 1 }];
    const draws = await runDraws(priors, loose, 7, Array.from({ length: 5000 }, (_, i) => i), simulate);
    const keep = accepted(draws, 'within_tolerance');
    const abc = interval(draws.filter((_, i) => keep[i]).map((d) => d.knobs.rate));
    expect(Math.abs(abc.median! - betaQuantile(13, 29, 0.5))).toBeLessThan(0.03);
  });
});

describe('the ABC core', () => {
  it('draws every knob within its prior, the same for the same seed and draw', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), fc.nat(), fc.nat(), (low, width, seed, draw) => {
        const priors = [{ knob: 'a.b', low, high: low + width }];
        const x = drawKnobs(priors, seed, draw)['a.b'];
        expect(x).toBeGreaterThanOrEqual(low);
        expect(x).toBeLessThanOrEqual(low + width);
        expect(drawKnobs(priors, seed, draw)['a.b']).toBe(x);
      }),
    );
  });

  it('measures distance in tolerances, infinite for a missing figure', () => {
    const f: FigureTarget[] = [
      { id: 'a', group: 'all', published: 50, tolerance: 2 },
      { id: 'b', group: 'ATR', published: 10, tolerance: 5 },
    ];
    expect(distance(f, { 'a[all]': { recovered: 53, truth: null }, 'b[ATR]': { recovered: 10, truth: null } })).toBe(1.5);
    expect(distance(f, { 'a[all]': { recovered: 50, truth: null }, 'b[ATR]': { recovered: null, truth: 3 } })).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps the closest share of draws, ties included', () => {
    const ds = [3, 1, Number.POSITIVE_INFINITY, 2, 2, 5].map((distance) => ({ distance }));
    expect(accepted(ds, { closest: 0.34 })).toEqual([false, true, false, true, true, false]);
    expect(accepted(ds, 'within_tolerance')).toEqual([false, true, false, false, false, false]);
  });

  it('interpolates quantiles as R type 7', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.05)).toBeCloseTo(1.2, 12);
  });
});
