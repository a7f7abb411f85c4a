/**
 * Lookahead: a shrink stream that shows the candidates after the current one changes nothing
 * fast-check finds (the same counterexample, path and steps as without it, seed by seed), and
 * what it shows is what fast-check asks for next whenever the current candidate passes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Lookahead } from '../../src/check/lookahead.ts';

type Draw = { a: number; b: number; c: number[] };
const arbitrary: fc.Arbitrary<Draw> = fc.record({ a: fc.integer({ min: 0, max: 1000 }), b: fc.integer({ min: 0, max: 1000 }), c: fc.array(fc.nat(50), { maxLength: 8 }) });
const fails = (d: Draw) => d.a + d.b > 700 && d.c.length > 1;

/** A check of `fails` by seed (or path), with the lookahead at `depth` (0: none): what fast-check asked for, and what was shown before each call. */
function check(seed: number, depth: number, path?: string) {
  const seen: { draw: Draw; failed: boolean }[] = [];
  const shown: { before: number; next: Draw[] }[] = [];
  const arb = depth === 0 ? arbitrary : new Lookahead(arbitrary, depth, (next) => shown.push({ before: seen.length, next: [...next] }));
  const details = fc.check(
    fc.property(arb, (d) => {
      seen.push({ draw: d, failed: fails(d) });
      return !fails(d);
    }),
    { seed, numRuns: 200, ...(path ? { path } : {}) },
  );
  return { details, seen, shown };
}

describe('Lookahead', () => {
  it('finds the same counterexample by the same path, and shows what fast-check asks for next', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 3 }), (seed, depth) => {
        const plain = check(seed, 0);
        const ahead = check(seed, depth);
        expect(plain.details.failed).toBe(true);
        expect(ahead.details.counterexample).toEqual(plain.details.counterexample);
        expect(ahead.details.counterexamplePath).toBe(plain.details.counterexamplePath);
        expect(ahead.details.numShrinks).toBe(plain.details.numShrinks);
        expect(ahead.seen).toEqual(plain.seen);
        expect(ahead.shown.length).toBeGreaterThan(0);
        for (const s of ahead.shown) {
          expect(s.next.length).toBeGreaterThan(0);
          expect(s.next.length).toBeLessThanOrEqual(depth);
          // Shown before call `before`: when that candidate passes, the next call is the first shown.
          const current = ahead.seen[s.before];
          if (current && !current.failed && ahead.seen[s.before + 1]) expect(ahead.seen[s.before + 1].draw).toEqual(s.next[0]);
        }
        // A replay by the path lands on the same counterexample through the wrapper.
        expect(check(seed, depth, plain.details.counterexamplePath!).details.counterexample).toEqual(plain.details.counterexample);
      }),
      { numRuns: 20, seed: 5 },
    );
  });
});
