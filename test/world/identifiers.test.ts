import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  crnFromIndex, isFakePostcode, isValidPnc, isValidTestNhsNumber, nhsCheckDigit, nhsNumberFromIndex, nhsTestCapacity,
  pncCheckCharacter, pncFromIndex, prisonNumberFromIndex,
} from '../../src/world/identifiers.ts';
import { buildWorld } from '../../src/world/build.ts';
import { scenario } from '../helpers.ts';

describe('identifiers', () => {
  it('computes NHS check digits by modulus 11 (hand-checked: 943 476 5919)', () => {
    expect(nhsCheckDigit('943476591')).toBe(9);
  });

  it('makes only valid 999-range NHS numbers, all distinct (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: nhsTestCapacity() - 1 }), (i) => {
        const nhs = nhsNumberFromIndex(i);
        return nhs.startsWith('999') && nhs.length === 10 && isValidTestNhsNumber(nhs);
      }),
    );
    const some = Array.from({ length: 50_000 }, (_, i) => nhsNumberFromIndex(i * 17));
    expect(new Set(some).size).toBe(some.length);
  });

  it('gives NHS numbers only in the test range in the nhs-number scenario', () => {
    const world = buildWorld(scenario('nhs-number'), 0.01, 3);
    const numbers = world.people.map((p) => p.nhsNumber).filter((n): n is string => n !== null);
    expect(numbers.length).toBe(world.people.length);
    expect(numbers.every(isValidTestNhsNumber)).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('formats CRN, PNC and prison numbers as the systems do, uniquely', () => {
    const crns = Array.from({ length: 100_000 }, (_, i) => crnFromIndex(i));
    expect(crns.every((c) => /^[A-Z]\d{6}$/.test(c))).toBe(true);
    expect(new Set(crns).size).toBe(crns.length);
    const prison = Array.from({ length: 100_000 }, (_, i) => prisonNumberFromIndex(i));
    expect(prison.every((p) => /^[A-Z]\d{4}[A-Z]{2}$/.test(p))).toBe(true);
    expect(new Set(prison).size).toBe(prison.length);
    fc.assert(fc.property(fc.nat(10_000_000), fc.integer({ min: 1980, max: 2023 }), (i, y) => isValidPnc(pncFromIndex(i, y))));
    // The check character is the (YY + 7-digit serial) mod 23 letter: 19/0000001 -> 190000001 mod 23 = 16 -> 'P'.
    expect(pncCheckCharacter(2019, 1)).toBe('ZABCDEFGHJKLMNPQRTUVWXY'[190000001 % 23]);
  });

  it('makes only fake postcodes', () => {
    const world = buildWorld(scenario('baseline'), 0.01, 9);
    for (const p of world.people) {
      expect(isFakePostcode(p.postcode), p.postcode).toBe(true);
      expect(isFakePostcode(p.previousPostcode)).toBe(true);
    }
  });
});
