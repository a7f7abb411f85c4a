import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sectorCache } from '../../src/records/systems/ndtms.ts';
import { postcodeSector } from '../../src/world/identifiers.ts';

describe('NDTMS postcode sectors by hash', () => {
  it("gives every postcode its own sector text, whatever order postcodes come in (property)", () => {
    const postcode = fc
      .tuple(fc.constantFrom('LS', 'M', 'SW', 'B', 'FQ', 'YC'), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 9 }), fc.constantFrom('CX', 'IA', 'KZ'))
      .map(([area, district, sector, unit]) => `${area}${district} ${sector}${unit}`);
    fc.assert(
      fc.property(fc.array(postcode, { maxLength: 60 }), (postcodes) => {
        const sector = sectorCache();
        for (const p of postcodes) expect(sector(p)).toBe(postcodeSector(p));
      }),
    );
  });

  it('tells apart two sectors that want one slot (FQ47 9 and YC69 2 share an FNV-1a hash), and shares one string per sector', () => {
    const sector = sectorCache();
    for (const p of ['FQ47 9CA', 'YC69 2CA', 'FQ47 9KB', 'YC69 2IB', 'YC69 2OA']) expect(sector(p)).toBe(postcodeSector(p));
    // Same text, and the same string each time (one per sector, not one per client).
    expect(Object.is(sector('YC69 2CA'), sector('YC69 2KZ'))).toBe(true);
    expect(Object.is(sector('FQ47 9CA'), sector('FQ47 9KZ'))).toBe(true);
  });
});
