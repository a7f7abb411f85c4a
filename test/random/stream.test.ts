import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { entitySeed, hashString, mix32, stream } from '../../src/random/stream.ts';

describe('named streams on seedrandom Tyche-i', () => {
  it('gives two entities of one stream different integer seeds, each within the 53 bits Tyche-i reads (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), (key, i, j) => {
        const a = entitySeed(key, i);
        expect(Number.isSafeInteger(a) && a >= 0).toBe(true);
        if (i !== j) expect(entitySeed(key, j)).not.toBe(a);
      }),
      { numRuns: 2000 },
    );
  });

  it('draws exactly what seedrandom.tychei draws from the derived seed, and the same again on a second call', () => {
    const key = hashString('people', mix32(42) ^ 0x9e3779b9);
    const tychei = seedrandom.tychei as unknown as (seed: number) => () => number;
    for (const index of [0, 1, 7, 45_943, 2 ** 31 + 5]) {
      const expected = tychei(entitySeed(key, index));
      const a = stream(42, 'people').at(index);
      const b = stream(42, 'people').at(index);
      for (let k = 0; k < 16; k++) {
        const x = a.next();
        expect(x).toBe(expected());
        expect(b.next()).toBe(x);
      }
    }
  });

  it('draws what seedrandom.tychei draws for any seed, stream and index: made anew, seeded lazily or as bare uniforms (property)', () => {
    const tychei = seedrandom.tychei as unknown as (seed: number) => { (): number; int32(): number };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.string(),
        fc.array(fc.nat({ max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 40 }),
        (seed, name, indices, draws) => {
          const s = stream(seed, name);
          const key = hashString(name, mix32(seed >>> 0) ^ 0x9e3779b9);
          const reusableLazy = s.reusableLazy();
          for (const index of indices) {
            const expected = tychei(entitySeed(key, index));
            const made = s.at(index);
            const lazy = reusableLazy.reseed(index);
            const uniforms = new Float64Array(draws);
            s.uniforms(index, uniforms);
            for (let k = 0; k < draws; k++) {
              const x = expected();
              expect(made.next()).toBe(x);
              expect(lazy.next()).toBe(x);
              expect(uniforms[k]).toBe(x);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives a re-pointed lazy handle no memory of its last entity: its normals are those of a new one', () => {
    const s = stream(3, 'normals');
    const reusable = s.reusableLazy();
    const first = reusable.reseed(5);
    first.normal(); // leaves a spare normal behind
    const again = reusable.reseed(9);
    const fresh = s.at(9);
    for (let k = 0; k < 5; k++) expect(again.normal()).toBe(fresh.normal());
  });

  it('draws uniforms in [0, 1) whose mean and neighbouring-entity correlation look uniform and independent', () => {
    const s = stream(7, 'check');
    const n = 50_000;
    let sum = 0;
    let cross = 0;
    let previous = s.at(0).next();
    for (let i = 1; i < n; i++) {
      const u = s.at(i).next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      cross += (u - 0.5) * (previous - 0.5);
      previous = u;
    }
    // Standard errors: mean sqrt(1/12/n) ~ 1.3e-3; lag-1 product (1/12)/sqrt(n) ~ 3.7e-4.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * 1.3e-3);
    expect(Math.abs(cross / n)).toBeLessThan(4 * 3.7e-4);
  });
});
