import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import {
  applyOverrides,
  drawableKnobs,
  linkageWorld,
  noiseKnobs,
  noiseProfile,
  halvingInteger,
  scenarioKnobs,
  scenarioOverrides,
  smallScale,
  walkKnobs,
} from '../../src/check/arbitraries.ts';
import { scenario } from '../helpers.ts';

/** Every number in a document, by dotted path (array elements as `path[]`). */
function numberPaths(doc: unknown, path = ''): string[] {
  if (typeof doc === 'number') return [path];
  if (Array.isArray(doc)) return doc.flatMap((v) => numberPaths(v, `${path}[]`));
  if (doc !== null && typeof doc === 'object') {
    return Object.entries(doc).flatMap(([k, v]) => numberPaths(v, path === '' ? k : `${path}.${k}`));
  }
  return [];
}

describe('the scenario knobs, walked from the schema', () => {
  it('cover every number of every shipped scenario: a number knob, or a member of a set of shares', () => {
    const knobs = scenarioKnobs();
    const numbers = new Set(knobs.filter((k) => k.kind === 'number').map((k) => k.path));
    const shares = knobs.filter((k) => k.kind === 'shares').map((k) => k.path);
    for (const name of ['baseline', 'clean', 'nhs-number']) {
      const paths = numberPaths(scenario(name));
      expect(paths.length).toBeGreaterThan(300);
      const uncovered = paths.filter((p) => !numbers.has(p) && !shares.some((s) => p === `${s}[]` || p.startsWith(`${s}.`)));
      expect(uncovered, name).toEqual([]);
    }
  });

  it('read ranges, integers, shares, defaults, optional fields, unions and enum-keyed records from a schema', () => {
    const shares = z.strictObject({ a: z.number().min(0).max(1), b: z.number().min(0).max(1) }).refine((v) => v.a + v.b === 1);
    const schema = z.strictObject({
      p: z.number().min(0).max(1).default(0),
      n: z.number().int().positive(),
      x: z.number(),
      m: z.strictObject({ deep: z.number().min(1) }).optional(),
      c: z.union([z.number(), z.strictObject({ ATR: z.number(), DRR: z.number() })]),
      s: shares,
      r: z.partialRecord(z.enum(['u', 'v']), z.strictObject({ f: z.number().positive().default(1) })),
      t: z.string(),
    });
    expect(walkKnobs(schema)).toEqual([
      { kind: 'number', path: 'p', min: 0, max: 1, exclusiveMin: false, int: false },
      { kind: 'number', path: 'n', min: 0, max: Infinity, exclusiveMin: true, int: true },
      { kind: 'number', path: 'x', min: -Infinity, max: Infinity, exclusiveMin: false, int: false },
      { kind: 'number', path: 'm.deep', min: 1, max: Infinity, exclusiveMin: false, int: false },
      { kind: 'number', path: 'c', min: -Infinity, max: Infinity, exclusiveMin: false, int: false },
      { kind: 'number', path: 'c.ATR', min: -Infinity, max: Infinity, exclusiveMin: false, int: false },
      { kind: 'number', path: 'c.DRR', min: -Infinity, max: Infinity, exclusiveMin: false, int: false },
      { kind: 'shares', path: 's', keys: ['a', 'b'] },
      { kind: 'number', path: 'r.u.f', min: 0, max: Infinity, exclusiveMin: true, int: false },
      { kind: 'number', path: 'r.v.f', min: 0, max: Infinity, exclusiveMin: true, int: false },
    ]);
  });

  it('hold every identifier error rate of nDelius and NDTMS as a noise knob', () => {
    const paths = noiseKnobs().map((k) => k.path);
    expect(paths).toContain('noise.ndtms.dob.typo');
    expect(paths).toContain('noise.ndelius.names.forename.nickname');
    expect(paths.every((p) => /^noise\.(ndelius|ndtms)\./.test(p))).toBe(true);
    expect(noiseKnobs().every((k) => k.min === 0 && k.max === 1)).toBe(true);
  });
});

describe('the arbitraries', () => {
  it('draw only scenarios the schema accepts: overrides of every drawable knob of the baseline', () => {
    const base = scenario('baseline');
    const drawable = drawableKnobs(base);
    // Nearly every knob can be drawn; those left out are the other form of a coefficient.
    expect(drawable.length).toBeGreaterThan(scenarioKnobs().length * 0.6);
    fc.assert(
      fc.property(scenarioOverrides(base), (overrides) => {
        const drawn = applyOverrides(base, overrides);
        expect(scenarioSchema.safeParse(drawn).success).toBe(true);
      }),
      { numRuns: 60, seed: 16 },
    );
  });

  it('draw noise profiles, scales and linkage worlds within their ranges', () => {
    const base = scenario('baseline');
    fc.assert(
      fc.property(linkageWorld(), noiseProfile({ maxRate: 1 }), smallScale({ minThousandths: 2, maxThousandths: 3 }), (world, noise, scale) => {
        applyOverrides(base, world.overrides);
        applyOverrides(base, noise);
        expect(world.scale).toBeGreaterThanOrEqual(0.001);
        expect(world.scale).toBeLessThanOrEqual(0.005);
        expect([0.002, 0.003]).toContain(scale);
        for (const [path, rate] of Object.entries(world.overrides)) if (path !== 'noise.multiplier') expect(rate).toBeLessThanOrEqual(0.1);
      }),
      { numRuns: 60, seed: 16 },
    );
  });

  it('shrink a noise profile toward perfect recording, each rate by halving', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 99 }), (seed, edge) => {
        const calls = { count: 0 };
        const result = fc.check(
          fc.property(noiseProfile(), (rates) => {
            calls.count++;
            return rates['noise.ndtms.dob.typo'] < edge / 1000;
          }),
          { seed },
        );
        if (!result.failed) return;
        const shrunk = result.counterexample![0];
        // Every other rate 0; the one that fails within a factor of two of its edge.
        expect(Object.entries(shrunk).filter(([p, v]) => p !== 'noise.multiplier' && p !== 'noise.ndtms.dob.typo' && v !== 0)).toEqual([]);
        expect(shrunk['noise.ndtms.dob.typo']).toBeGreaterThanOrEqual(edge / 1000);
        expect(shrunk['noise.ndtms.dob.typo']).toBeLessThan((2 * edge + 1) / 1000 + 1e-12);
      }),
      { numRuns: 30, seed: 3 },
    );
  });

  it('draw what fc.integer draws, and shrink by halving the distance to the target', () => {
    // fast-check's own shrinks of 800 are 0, 400, 600, 700, 750, ...: only the target and half way are kept.
    expect([...halvingInteger(0, 1000).shrink(800, undefined)].map((v) => v.value)).toEqual([0, 400]);
    expect([...halvingInteger(-1000, 0).shrink(-801, undefined)].map((v) => v.value)).toEqual([0, -401]);
    expect([...halvingInteger(5, 1000).shrink(805, undefined)].map((v) => v.value)).toEqual([5, 405]);
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 0 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (min, span, seed) => {
        const max = min + span;
        expect(fc.sample(halvingInteger(min, max), { seed, numRuns: 20 })).toEqual(fc.sample(fc.integer({ min, max }), { seed, numRuns: 20 }));
        // A value fails from an edge on: shrinking ends within a factor of two of it, in fewer calls than the fine search.
        const edge = Math.max(1, Math.floor(max / 3));
        const calls = (arb: fc.Arbitrary<number>) => {
          let n = 0;
          const r = fc.check(fc.property(arb, (v) => (n++, v < edge)), { seed, numRuns: 1000 });
          return { n, r };
        };
        const halving = calls(halvingInteger(min, max));
        const fine = calls(fc.integer({ min, max }));
        if (!fine.r.failed) return;
        expect(fine.r.counterexample![0]).toBe(edge);
        const v = halving.r.counterexample![0];
        expect(v).toBeGreaterThanOrEqual(edge);
        expect(v).toBeLessThanOrEqual(2 * edge);
        expect(halving.n).toBeLessThanOrEqual(fine.n);
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});
