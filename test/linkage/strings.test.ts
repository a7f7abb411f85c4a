import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  damerauLevenshtein,
  damerauLevenshteinBounded,
  jaro,
  jaroWinkler,
  levenshtein,
  levenshteinBounded,
  withinOneEdit,
} from '../../src/methods/linkage/strings.ts';

describe('string metrics against hand-computed values', () => {
  it('jaro and jaro-winkler', () => {
    // MARTHA/MARHTA: 6 matches, 1 transposition -> (1 + 1 + 5/6) / 3.
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo((1 + 1 + 5 / 6) / 3, 12);
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
    expect(jaro('', '')).toBe(1);
    expect(jaro('ABC', '')).toBe(0);
    expect(jaro('AB', 'CD')).toBe(0);
    // Two initials, one agreeing in place: (1/2 + 1/2 + 1) / 3, below the 0.7 boost threshold.
    expect(jaroWinkler('JS', 'JB')).toBeCloseTo(2 / 3, 12);
    expect(jaroWinkler('JS', 'SJ')).toBe(0);
  });

  it('levenshtein and damerau-levenshtein (optimal string alignment)', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('flaw', 'lawn')).toBe(2);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('1985-03-12', '1985-12-03')).toBe(4);
    expect(damerauLevenshtein('CA', 'AC')).toBe(1);
    expect(levenshtein('CA', 'AC')).toBe(2);
    // OSA, not full Damerau: CA -> ABC is 3 (full Damerau-Levenshtein would give 2).
    expect(damerauLevenshtein('CA', 'ABC')).toBe(3);
    expect(damerauLevenshtein('1985-03-12', '1985-03-21')).toBe(1);
    expect(levenshteinBounded('kitten', 'sitting', 2)).toBe(3);
    expect(damerauLevenshteinBounded('abcdef', 'badcfe', 2)).toBe(3);
    expect(damerauLevenshteinBounded('abcdef', 'badcfe', 3)).toBe(3);
  });

  it('within one edit', () => {
    expect(withinOneEdit('1985-03-12', '1985-03-13', false)).toBe(true);
    expect(withinOneEdit('1985-03-12', '1985-03-21', false)).toBe(false);
    expect(withinOneEdit('1985-03-12', '1985-03-21', true)).toBe(true);
    expect(withinOneEdit('SMITH', 'SMYTHE', true)).toBe(false);
    expect(withinOneEdit('SMITH', 'SMITHE', true)).toBe(true);
    expect(withinOneEdit('', 'A', false)).toBe(true);
  });

  const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });

  it('bounded distances agree with the full ones, and all metrics are symmetric', () => {
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 5 }), (a, b, k) => {
        const lev = levenshtein(a, b);
        const osa = damerauLevenshtein(a, b);
        expect(levenshteinBounded(a, b, k)).toBe(Math.min(lev, k + 1));
        expect(damerauLevenshteinBounded(a, b, k)).toBe(Math.min(osa, k + 1));
        expect(withinOneEdit(a, b, false)).toBe(lev <= 1);
        expect(withinOneEdit(a, b, true)).toBe(osa <= 1);
        expect(levenshtein(b, a)).toBe(lev);
        expect(damerauLevenshtein(b, a)).toBe(osa);
        expect(osa).toBeLessThanOrEqual(lev);
        expect(jaroWinkler(a, b)).toBeCloseTo(jaroWinkler(b, a), 12);
        const jw = jaroWinkler(a, b);
        expect(jw).toBeGreaterThanOrEqual(0);
        expect(jw).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 400 },
    );
  });
});
