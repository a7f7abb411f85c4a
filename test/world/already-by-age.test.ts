/** The chance of already being in treatment at sentence, shifted by age on the log-odds. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alreadyChance } from '../../src/world/journeys.ts';
import { scenario } from '../helpers.ts';

const baseline = scenario('baseline').treatment;
const treatment = (shift18: number, shift50: number, base = 0.4) => {
  const t = baseline;
  return { ...t, already_in_treatment: { ATR: base, DRR: base }, already_by_age: { ATR: { age_18_29: shift18, age_50_plus: shift50 }, DRR: { age_18_29: shift18, age_50_plus: shift50 } } };
};

describe('already in treatment by age', () => {
  it('is the type share at 30-49 and with no shifts', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.integer({ min: 18, max: 79 }), (base, shift, age) => {
        expect(alreadyChance(treatment(shift, shift, base), 'DRR', 35)).toBe(base);
        expect(alreadyChance(treatment(0, 0, base), 'ATR', age)).toBe(base);
      }),
    );
  });

  it('moves with the sign of the shift and stays a probability', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true }), (base, shift) => {
        const young = alreadyChance(treatment(-shift, shift, base), 'DRR', 22);
        const old = alreadyChance(treatment(-shift, shift, base), 'DRR', 60);
        expect(young).toBeLessThan(base);
        expect(old).toBeGreaterThan(base);
        expect(young).toBeGreaterThan(0);
        expect(old).toBeLessThan(1);
      }),
    );
  });
});
