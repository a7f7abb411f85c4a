import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawShare, shareDrawer } from '../../src/random/draw.ts';

describe('shareDrawer', () => {
  it('draws the category drawShare draws, for any shares and uniform', () => {
    const shares = fc
      .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 })
      .map((ws) => {
        const total = ws.reduce((a, b) => a + b, 0) || 1;
        return Object.fromEntries(ws.map((w, i) => [`k${i}`, w / total])) as Record<string, number>;
      });
    fc.assert(
      fc.property(shares, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (s, u) => {
        expect(shareDrawer(s)(u)).toBe(drawShare(s, u));
      }),
    );
  });
});
