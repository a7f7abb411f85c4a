import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pad } from '../../src/records/systems/common.ts';
import { datCode } from '../../src/world/geography.ts';

describe('row ids', () => {
  it('pad gives the prefix and n zero-padded to the width, whatever the path it takes (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3 }), fc.oneof(fc.integer({ min: 0, max: 99_999_999 }), fc.nat()), fc.integer({ min: 1, max: 12 }), (prefix, n, width) => {
        expect(pad(prefix, n)).toBe(prefix + String(n).padStart(8, '0'));
        expect(pad(prefix, n, width)).toBe(prefix + String(n).padStart(width, '0'));
      }),
      { numRuns: 2000 },
    );
    expect([pad('E', 0), pad('E', 1), pad('J', 99_999_999), pad('S', 100_000_000)]).toEqual(['E00000000', 'E00000001', 'J99999999', 'S100000000']);
  });

  it("datCode is the area and its partnership's number, one shared string for each", () => {
    expect(datCode('LS', 5)).toBe('DLS1');
    expect(datCode('LS', 6)).toBe('DLS2');
    expect(datCode('B', 24)).toBe('DB5');
    expect(datCode('LS', 7)).toBe(datCode('LS', 11));
  });
});
